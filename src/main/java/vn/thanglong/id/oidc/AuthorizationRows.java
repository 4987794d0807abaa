package vn.thanglong.id.oidc;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.jdbc.core.StatementCreatorUtils;
import org.springframework.jdbc.support.lob.LobCreator;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2Token;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.server.authorization.JdbcOAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

/**
 * The stock JDBC authorization store, with writes that do not read first. The stock
 * {@code save} loads the whole row (a JSON parse of every column) only to choose between
 * insert and update; {@link ReuseDetectingAuthorizationService} already knows which one it
 * needs, so it calls {@link #insert} or {@link #update} directly, or, for a refresh that
 * changed only the tokens, {@link #updateTokens}. Rows are written without the claims of
 * their JWTs ({@link #withoutJwtClaims}) and read by {@link AuthorizationRowMapper}: the stock
 * format, with the attributes parsed once per distinct value and the claims read from the tokens.
 */
final class AuthorizationRows extends JdbcOAuth2AuthorizationService {

	private static final String COLUMNS = "registered_client_id, principal_name, authorization_grant_type, "
			+ "authorized_scopes, attributes, state, authorization_code_value, authorization_code_issued_at, "
			+ "authorization_code_expires_at, authorization_code_metadata, access_token_value, access_token_issued_at, "
			+ "access_token_expires_at, access_token_metadata, access_token_type, access_token_scopes, "
			+ "oidc_id_token_value, oidc_id_token_issued_at, oidc_id_token_expires_at, oidc_id_token_metadata, "
			+ "refresh_token_value, refresh_token_issued_at, refresh_token_expires_at, refresh_token_metadata, "
			+ "user_code_value, user_code_issued_at, user_code_expires_at, user_code_metadata, device_code_value, "
			+ "device_code_issued_at, device_code_expires_at, device_code_metadata";

	private static final String INSERT = "insert into oauth2_authorization (id, " + COLUMNS + ") values ("
			+ "?, ".repeat(32) + "?)";

	private static final String UPDATE = "update oauth2_authorization set "
			+ String.join(" = ?, ", COLUMNS.split(", ")) + " = ? where id = ?";

	/** The columns a refresh rotates: the access token, the ID token and the refresh token. */
	private static final List<String> TOKEN_COLUMNS = Arrays.stream(COLUMNS.split(", "))
		.filter((column) -> column.startsWith("access_token_") || column.startsWith("oidc_id_token_")
				|| column.startsWith("refresh_token_"))
		.toList();

	/** Where the stock mapper puts the token columns: id first, then the columns in order. */
	private static final int[] TOKEN_PARAMETERS = TOKEN_COLUMNS.stream()
		.mapToInt((column) -> Arrays.asList(COLUMNS.split(", ")).indexOf(column) + 1)
		.toArray();

	private static final String UPDATE_TOKENS = "update oauth2_authorization set "
			+ String.join(" = ?, ", TOKEN_COLUMNS) + " = ? where id = ? and refresh_token_value = ?";

	/**
	 * PostgreSQL: the rotation in one statement, an implicit transaction of its own. The update of
	 * the token columns is the compare-and-set; the insert of the replaced token's digest takes
	 * the row the update returned, so it happens exactly when the update did.
	 */
	private static final String ROTATE = "with rotated as (" + UPDATE_TOKENS + " returning id) "
			+ "insert into used_refresh_token (token_hash, authorization_id, expires_at) select ?, id, ? from rotated";

	/**
	 * {@link #ROTATE}, committed without waiting for the WAL flush: {@code set_config} with
	 * {@code is_local} lasts until the end of the statement's own transaction, whose commit reads it.
	 */
	private static final String ROTATE_RELAXED = "with relaxed as (select set_config('synchronous_commit', 'off', true)), "
			+ "rotated as (" + UPDATE_TOKENS + " returning id) "
			+ "insert into used_refresh_token (token_hash, authorization_id, expires_at) "
			+ "select ?, rotated.id, ? from rotated cross join relaxed";

	/** The tokens this server issues as JWTs (when their client's format says so). */
	private static final List<Class<? extends OAuth2Token>> JWT_TYPES = List.of(OAuth2AccessToken.class,
			OidcIdToken.class);

	private final boolean jwtClaimsInRows;

	/**
	 * @param jwtClaimsInRows whether to write the claims of JWTs into the rows all the same, as
	 * the stock store and the versions before this one do: while nodes of an earlier version,
	 * which cannot read a row without them, still run (a rolling upgrade)
	 */
	AuthorizationRows(JdbcOperations jdbc, RegisteredClientRepository clients, boolean jwtClaimsInRows) {
		super(jdbc, clients);
		this.jwtClaimsInRows = jwtClaimsInRows;
		setAuthorizationRowMapper(new AuthorizationRowMapper(clients));
	}

	/** Writes a new row; the parameters come first-column-first from the stock mapper. */
	void insert(OAuth2Authorization authorization) {
		write(INSERT, getAuthorizationParametersMapper().apply(asWritten(authorization)));
	}

	/** Rewrites an existing row in place. */
	void update(OAuth2Authorization authorization) {
		List<SqlParameterValue> parameters = getAuthorizationParametersMapper().apply(asWritten(authorization));
		// the mapper lists id first; the update names it last
		parameters.add(parameters.remove(0));
		write(UPDATE, parameters);
	}

	/**
	 * Writes only the token columns, if the stored refresh token is still {@code replaced}; the
	 * other columns, the attributes JSON above all, stay as they are, neither serialized nor
	 * rewritten (on PostgreSQL an unchanged TOASTed value is kept, not copied).
	 * @return whether the row was updated: {@code false} when the grant is gone or its refresh
	 * token is no longer {@code replaced}
	 */
	boolean updateTokens(OAuth2Authorization authorization, String replaced) {
		return write(UPDATE_TOKENS, tokenParameters(authorization, replaced)) == 1;
	}

	/**
	 * PostgreSQL only: {@link #updateTokens} and the record of the replaced refresh token, in one
	 * statement and one round trip instead of five (begin, the commit setting, update, insert,
	 * commit).
	 * @param replacedDigest what {@code used_refresh_token} keeps of the replaced token
	 * @param replacedExpiresAt until when it is kept
	 * @param relaxedCommit whether the commit may skip waiting for the WAL flush
	 * @return whether the row was updated, as {@link #updateTokens}
	 */
	boolean rotateTokens(OAuth2Authorization authorization, String replaced, String replacedDigest,
			Timestamp replacedExpiresAt, boolean relaxedCommit) {
		List<SqlParameterValue> parameters = tokenParameters(authorization, replaced);
		parameters.add(new SqlParameterValue(Types.VARCHAR, replacedDigest));
		parameters.add(new SqlParameterValue(Types.TIMESTAMP, replacedExpiresAt));
		return write(relaxedCommit ? ROTATE_RELAXED : ROTATE, parameters) == 1;
	}

	/** The token columns, the id and the replaced refresh token, as {@link #UPDATE_TOKENS} takes them. */
	private List<SqlParameterValue> tokenParameters(OAuth2Authorization authorization, String replaced) {
		// the stock mapper, given the tokens alone, so that the metadata is written in its format
		List<SqlParameterValue> all = getAuthorizationParametersMapper()
			.apply(OAuth2Authorization.from(asWritten(authorization)).attributes(Map::clear).build());
		List<SqlParameterValue> parameters = new ArrayList<>();
		for (int index : TOKEN_PARAMETERS) {
			parameters.add(all.get(index));
		}
		parameters.add(all.get(0));
		parameters.add(new SqlParameterValue(Types.VARCHAR, replaced));
		return parameters;
	}

	private OAuth2Authorization asWritten(OAuth2Authorization authorization) {
		return this.jwtClaimsInRows ? authorization : withoutJwtClaims(authorization);
	}

	/**
	 * The authorization as it is written by default: without the claims of its access token and ID token
	 * where these are JWTs, which carry the same claims themselves ({@link AuthorizationRowMapper}
	 * reads them from there). They are about half of what a refresh writes, and their typed JSON
	 * costs more to write and to read than the token costs to decode.
	 */
	static OAuth2Authorization withoutJwtClaims(OAuth2Authorization authorization) {
		OAuth2Authorization.Builder lean = null;
		for (Class<? extends OAuth2Token> type : JWT_TYPES) {
			OAuth2Authorization.Token<? extends OAuth2Token> token = authorization.getToken(type);
			if (token != null && token.getMetadata().containsKey(OAuth2Authorization.Token.CLAIMS_METADATA_NAME)
					&& SelfContainedAccessTokens.shapedLikeJwt(token.getToken().getTokenValue())) {
				lean = (lean != null) ? lean : OAuth2Authorization.from(authorization);
				lean.token(token.getToken(), (metadata) -> metadata.remove(OAuth2Authorization.Token.CLAIMS_METADATA_NAME));
			}
		}
		return (lean != null) ? lean.build() : authorization;
	}

	private int write(String sql, List<SqlParameterValue> parameters) {
		try (LobCreator lobs = getLobHandler().getLobCreator()) {
			return getJdbcOperations().update(sql, (PreparedStatement statement) -> {
				for (int i = 0; i < parameters.size(); i++) {
					bind(statement, i + 1, parameters.get(i), lobs);
				}
			});
		}
	}

	/** As the stock store binds: BLOB and CLOB columns (H2's {@code text}) through the LOB creator. */
	private static void bind(PreparedStatement statement, int index, SqlParameterValue value, LobCreator lobs)
			throws SQLException {
		if (value.getSqlType() == Types.BLOB) {
			lobs.setBlobAsBytes(statement, index, (byte[]) value.getValue());
		}
		else if (value.getSqlType() == Types.CLOB) {
			lobs.setClobAsString(statement, index, (String) value.getValue());
		}
		else {
			StatementCreatorUtils.setParameterValue(statement, index, value, value.getValue());
		}
	}

}
