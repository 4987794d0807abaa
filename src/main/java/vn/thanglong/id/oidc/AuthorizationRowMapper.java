package vn.thanglong.id.oidc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.text.ParseException;
import java.time.Instant;
import java.util.Collections;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;
import org.springframework.dao.DataRetrievalFailureException;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.security.jackson.SecurityJacksonModules;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2DeviceCode;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.core.OAuth2Token;
import org.springframework.security.oauth2.core.OAuth2UserCode;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.core.oidc.IdTokenClaimNames;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.MappedJwtClaimSetConverter;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationCode;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.util.StringUtils;
import com.nimbusds.jwt.JWTParser;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads an {@code oauth2_authorization} row as the stock JDBC store does (same columns, same
 * JSON format, written by the stock parameters mapper), except that a grant's attributes are
 * parsed once per distinct value rather than at every read, and that the claims of a JWT (access
 * token, ID token) stored without them are read from the token itself.
 * <p>
 * The attributes (the authorization request and the authenticated person, about 1.7 KB of
 * polymorphic JSON) never change after the grant is created, yet the stock mapper parses them at
 * every look-up: each refresh, introspection and userinfo request. Their parse is about a fifth of
 * the CPU a refresh costs, because Jackson builds the deserializers of their typed collections
 * anew each time. The parsed attributes are kept, keyed by the stored text itself, so a read
 * still sees exactly what the row holds: a changed or deleted row is never answered from the
 * cache, only its parse is. The values are the immutable objects the stock parse produces
 * (authorization request, authentication token), shared as the stock in-memory store shares them.
 */
final class AuthorizationRowMapper implements RowMapper<OAuth2Authorization> {

	/** About 5 KB each (the text and its parse): a few megabytes at most. */
	static final int MAX_PARSED_ATTRIBUTES = 1024;

	/** The claim types of a decoded JWT, and {@code auth_time} a {@link Date} as the ID token generator sets it. */
	private static final MappedJwtClaimSetConverter CLAIM_TYPES = MappedJwtClaimSetConverter
		.withDefaults(Map.of(IdTokenClaimNames.AUTH_TIME,
				(value) -> (value instanceof Number seconds) ? Date.from(Instant.ofEpochSecond(seconds.longValue())) : value));

	private final RegisteredClientRepository clients;

	private final JsonMapper json;

	private final JavaType mapType;

	private final Map<String, Map<String, Object>> parsedAttributes = new ConcurrentHashMap<>();

	AuthorizationRowMapper(RegisteredClientRepository clients) {
		this.clients = clients;
		// as the stock store builds its mapper: Spring Security's modules, with their type allow-list
		this.json = JsonMapper.builder()
			.addModules(SecurityJacksonModules.getModules(AuthorizationRowMapper.class.getClassLoader()))
			.build();
		this.mapType = this.json.getTypeFactory().constructMapType(Map.class, String.class, Object.class);
	}

	@Override
	public OAuth2Authorization mapRow(ResultSet rs, int rowNum) throws SQLException {
		String clientId = rs.getString("registered_client_id");
		RegisteredClient client = this.clients.findById(clientId);
		if (client == null) {
			throw new DataRetrievalFailureException(
					"The RegisteredClient with id '" + clientId + "' was not found in the RegisteredClientRepository.");
		}
		Map<String, Object> attributes = attributes(rs.getString("attributes"));
		OAuth2Authorization.Builder builder = OAuth2Authorization.withRegisteredClient(client)
			.id(rs.getString("id"))
			.principalName(rs.getString("principal_name"))
			.authorizationGrantType(new AuthorizationGrantType(rs.getString("authorization_grant_type")))
			.authorizedScopes(scopes(rs.getString("authorized_scopes")))
			.attributes((stored) -> stored.putAll(attributes));
		String state = rs.getString("state");
		if (StringUtils.hasText(state)) {
			builder.attribute(OAuth2ParameterNames.STATE, state);
		}
		token(rs, builder, "authorization_code", false,
				(value, issuedAt, expiresAt, metadata) -> new OAuth2AuthorizationCode(value, issuedAt, expiresAt));
		token(rs, builder, "access_token", true,
				(value, issuedAt, expiresAt, metadata) -> new OAuth2AccessToken(tokenType(rs.getString("access_token_type")),
						value, issuedAt, expiresAt, scopes(rs.getString("access_token_scopes"))));
		token(rs, builder, "oidc_id_token", true, (value, issuedAt, expiresAt, metadata) -> new OidcIdToken(value,
				issuedAt, expiresAt, claimsIn(metadata)));
		token(rs, builder, "refresh_token", false,
				(value, issuedAt, expiresAt, metadata) -> new OAuth2RefreshToken(value, issuedAt, expiresAt));
		token(rs, builder, "user_code", false,
				(value, issuedAt, expiresAt, metadata) -> new OAuth2UserCode(value, issuedAt, expiresAt));
		token(rs, builder, "device_code", false,
				(value, issuedAt, expiresAt, metadata) -> new OAuth2DeviceCode(value, issuedAt, expiresAt));
		return builder.build();
	}

	/** How a token of one kind is made from its columns. */
	@FunctionalInterface
	private interface TokenColumns {

		OAuth2Token read(String value, @Nullable Instant issuedAt, @Nullable Instant expiresAt,
				Map<String, Object> metadata) throws SQLException;

	}

	/**
	 * Adds the token stored in the columns {@code <column>_value}, {@code _issued_at},
	 * {@code _expires_at} and {@code _metadata}, if there is one.
	 * @param jwt whether the token may be a JWT stored without its claims
	 */
	private void token(ResultSet rs, OAuth2Authorization.Builder builder, String column, boolean jwt,
			TokenColumns columns) throws SQLException {
		String value = rs.getString(column + "_value");
		if (!StringUtils.hasText(value)) {
			return;
		}
		Map<String, Object> parsed = parse(rs.getString(column + "_metadata"));
		Map<String, Object> metadata = jwt ? withClaims(value, parsed) : parsed;
		builder.token(columns.read(value, instant(rs, column + "_issued_at"), instant(rs, column + "_expires_at"), metadata),
				(stored) -> stored.putAll(metadata));
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> claimsIn(Map<String, Object> metadata) {
		Object claims = metadata.get(OAuth2Authorization.Token.CLAIMS_METADATA_NAME);
		return (claims instanceof Map<?, ?> map) ? (Map<String, Object>) map : Collections.emptyMap();
	}

	/**
	 * The metadata of an access token or ID token, with its claims: as stored, or, when they were
	 * left out because the token is a JWT that carries them ({@link AuthorizationRows#withoutJwtClaims}),
	 * read from the token.
	 */
	private static Map<String, Object> withClaims(String token, Map<String, Object> metadata) {
		if (!metadata.containsKey(OAuth2Authorization.Token.CLAIMS_METADATA_NAME)
				&& SelfContainedAccessTokens.shapedLikeJwt(token)) {
			Map<String, Object> complete = new LinkedHashMap<>(metadata);
			complete.put(OAuth2Authorization.Token.CLAIMS_METADATA_NAME, claimsOf(token));
			return complete;
		}
		return metadata;
	}

	/**
	 * The claims of a JWT this server issued and stored, in the types they had when it was issued
	 * (as {@link JwtClaimsSet} holds them, which the stock JSON keeps): times as {@link Instant},
	 * {@code aud} a list, {@code iss} a URL where it is one, and {@code auth_time} a {@link Date},
	 * the type the stock refresh of an ID token reads it back as. Its signature is not checked:
	 * the token comes from the database, where only this server writes.
	 */
	static Map<String, Object> claimsOf(String jwt) {
		Map<String, Object> json;
		try {
			json = JWTParser.parse(jwt).getJWTClaimsSet().toJSONObject();
		}
		catch (ParseException ex) {
			throw new DataRetrievalFailureException("A stored token is not a JWT: " + ex.getMessage());
		}
		Map<String, Object> claims = CLAIM_TYPES.convert(json);
		return JwtClaimsSet.builder().claims((all) -> all.putAll(claims)).build().getClaims();
	}

	/** The parsed attributes, from the cache when this exact text was parsed before. */
	private Map<String, Object> attributes(@Nullable String text) {
		if (text == null) {
			return Map.of();
		}
		Map<String, Object> parsed = this.parsedAttributes.get(text);
		if (parsed != null) {
			return parsed;
		}
		parsed = Collections.unmodifiableMap(parse(text));
		if (this.parsedAttributes.size() >= MAX_PARSED_ATTRIBUTES) {
			// bounded without bookkeeping: start over (the next reads parse again, once each)
			this.parsedAttributes.clear();
		}
		this.parsedAttributes.put(text, parsed);
		return parsed;
	}

	/** How many distinct attribute values are held parsed (for tests). */
	int parsedAttributesHeld() {
		return this.parsedAttributes.size();
	}

	private Map<String, Object> parse(@Nullable String text) {
		if (text == null) {
			return Map.of();
		}
		return this.json.readValue(text, this.mapType);
	}

	private static OAuth2AccessToken.TokenType tokenType(@Nullable String stored) {
		if (OAuth2AccessToken.TokenType.BEARER.getValue().equalsIgnoreCase(stored)) {
			return OAuth2AccessToken.TokenType.BEARER;
		}
		if (OAuth2AccessToken.TokenType.DPOP.getValue().equalsIgnoreCase(stored)) {
			return OAuth2AccessToken.TokenType.DPOP;
		}
		throw new DataRetrievalFailureException("access_token_type must be Bearer or DPoP");
	}

	private static Set<String> scopes(@Nullable String stored) {
		return (stored != null) ? StringUtils.commaDelimitedListToSet(stored) : Collections.emptySet();
	}

	private static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
		Timestamp value = rs.getTimestamp(column);
		return (value != null) ? value.toInstant() : null;
	}

}
