package vn.thanglong.id.oidc;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2DeviceCode;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.core.OAuth2UserCode;
import org.springframework.transaction.support.TransactionOperations;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationCode;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;

/**
 * Refresh token rotation with reuse detection (RFC 9700 section 4.14.2): when a grant's
 * refresh token is replaced, the old one is remembered (as a SHA-256 digest, until it would
 * have expired); when a remembered token is presented again, the whole grant is revoked,
 * because either the client or an attacker holds a copy. Two requests presenting the same
 * refresh token at once are the same reuse: the rotation updates the row only where the stored
 * token is still the one it started from, and the loser revokes the grant and gets
 * {@code invalid_grant}. A revoked grant is deleted, so a rotation under way finds nothing to
 * update; a save from a copy read before a rotation is not written back. Tokens are also confined to their
 * realm: at another realm's endpoints (introspection, revocation, userinfo) they are unknown.
 * <p>
 * On PostgreSQL a rotation is one statement (the conditional update and the record of the
 * replaced token), so a refresh costs the database two round trips: the look-up and the rotation.
 * <p>
 * On PostgreSQL, writes of authorizations may commit without waiting for the WAL flush
 * ({@code idp.authorizations.relaxed-commit}, on by default): a database crash can then forget
 * the tokens issued in the last fraction of a second, which their clients experience as an
 * expired session; nothing else is affected, and nothing is ever half-written.
 */
final class ReuseDetectingAuthorizationService implements OAuth2AuthorizationService {

	private static final OAuth2TokenType AUTHORIZATION_CODE = new OAuth2TokenType(OAuth2ParameterNames.CODE);

	private static final Logger log = LoggerFactory.getLogger(ReuseDetectingAuthorizationService.class);

	/**
	 * The refresh token a grant was found by, carried by the authorization the refresh grant builds
	 * from it (the stock provider copies attributes) and removed before anything is written.
	 */
	static final String PRESENTED_REFRESH_TOKEN = ReuseDetectingAuthorizationService.class.getName()
			+ ".PRESENTED_REFRESH_TOKEN";

	/**
	 * Marks a grant found by its authorization code: the save that follows is the code's
	 * redemption (or its revocation), and must find no tokens issued from the code meanwhile.
	 */
	static final String PRESENTED_CODE = ReuseDetectingAuthorizationService.class.getName() + ".PRESENTED_CODE";

	private final AuthorizationRows delegate;

	private final JdbcClient jdbc;

	private final Clock clock;

	private final Function<String, Optional<String>> clientRealms;

	private final TransactionOperations transactions;

	private final boolean postgres;

	private final boolean relaxedCommit;

	private final SelfContainedAccessTokens selfContained;

	ReuseDetectingAuthorizationService(AuthorizationRows delegate, JdbcClient jdbc, Clock clock,
			Function<String, Optional<String>> clientRealms, TransactionOperations transactions, boolean postgres,
			boolean relaxedCommit, SelfContainedAccessTokens selfContained) {
		this.delegate = Objects.requireNonNull(delegate, "delegate");
		this.selfContained = Objects.requireNonNull(selfContained, "selfContained");
		this.transactions = Objects.requireNonNull(transactions, "transactions");
		this.postgres = postgres;
		this.relaxedCommit = relaxedCommit && postgres;
		this.clientRealms = Objects.requireNonNull(clientRealms, "clientRealms");
		this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
		this.clock = Objects.requireNonNull(clock, "clock");
	}

	@Override
	public void save(OAuth2Authorization authorization) {
		if (this.selfContained.handles(authorization)) {
			this.selfContained.save(authorization);
			return;
		}
		Presented found = authorization.getAttribute(PRESENTED_REFRESH_TOKEN);
		String presented = (found != null) ? found.refreshToken() : null;
		boolean codeRedeemed = authorization.getAttribute(PRESENTED_CODE) != null;
		OAuth2Authorization toStore = (found == null && !codeRedeemed) ? authorization
				: OAuth2Authorization.from(authorization).attributes((a) -> {
					a.remove(PRESENTED_REFRESH_TOKEN);
					a.remove(PRESENTED_CODE);
				}).build();
		if (toStore.getRefreshToken() != null && toStore.getRefreshToken().isInvalidated()) {
			// revoked (RFC 7009) or its code reused: the grant ends here. Deleted rather than written
			// back invalidated, so that a rotation of it already under way finds no row to update
			this.delegate.remove(toStore);
			return;
		}
		Rotation outcome = (found != null && onlyTokensChanged(found.authorization(), toStore))
				? rotateTokens(found, toStore) : saveWhole(toStore, presented, codeRedeemed);
		if (outcome == Rotation.GRANT_GONE) {
			throw new OAuth2AuthenticationException(new OAuth2Error(OAuth2ErrorCodes.INVALID_GRANT,
					"The grant was revoked.", null));
		}
		if (outcome == Rotation.REDEEMED_MEANWHILE) {
			// the same code redeemed twice at once (RFC 6749 section 4.1.2: deny, and revoke what was issued from it)
			log.warn("Authorization code of grant {} of client {} redeemed twice at once: revoked", toStore.getId(),
					toStore.getRegisteredClientId());
			this.delegate.remove(toStore);
			throw new OAuth2AuthenticationException(new OAuth2Error(OAuth2ErrorCodes.INVALID_GRANT,
					"The authorization code was already used.", null));
		}
		if (outcome == Rotation.STALE) {
			if (invalidatesAny(toStore)) {
				// a token revoked from a copy read before a rotation: that token was replaced meanwhile
				log.info("Revocation of a replaced token of grant {} of client {}: nothing to write",
						toStore.getId(), toStore.getRegisteredClientId());
				return;
			}
			// tokens issued from a copy read before others were: an authorization code redeemed twice at
			// once (RFC 6749 section 4.1.2: revoke what was issued from it)
			log.warn("Grant {} of client {} redeemed twice at once: revoked", toStore.getId(),
					toStore.getRegisteredClientId());
			this.delegate.remove(toStore);
			throw new OAuth2AuthenticationException(new OAuth2Error(OAuth2ErrorCodes.INVALID_GRANT,
					"The authorization code was already used.", null));
		}
		if (outcome == Rotation.ROTATED_MEANWHILE) {
			log.warn("Refresh token used twice at once: grant {} of client {} revoked", toStore.getId(),
					toStore.getRegisteredClientId());
			this.delegate.remove(toStore);
			throw new OAuth2AuthenticationException(new OAuth2Error(OAuth2ErrorCodes.INVALID_GRANT,
					"The refresh token was already used.", null));
		}
	}

	private static boolean invalidatesAny(OAuth2Authorization authorization) {
		return (authorization.getAccessToken() != null && authorization.getAccessToken().isInvalidated())
				|| (authorization.getToken(OAuth2AuthorizationCode.class) != null
						&& authorization.getToken(OAuth2AuthorizationCode.class).isInvalidated());
	}

	/**
	 * A refresh that changed nothing but the tokens (the usual case: the stock refresh provider
	 * copies the rest): one conditional update of the token columns, which is also the
	 * compare-and-set of the rotation, then the replaced token is remembered.
	 */
	private Rotation rotateTokens(Presented found, OAuth2Authorization toStore) {
		OAuth2Authorization.Token<OAuth2RefreshToken> replaced = found.authorization().getRefreshToken();
		if (this.postgres && !found.refreshToken().equals(toStore.getRefreshToken().getToken().getTokenValue())) {
			Instant expiresAt = keptUntil((replaced != null) ? replaced.getToken().getExpiresAt() : null);
			if (this.delegate.rotateTokens(toStore, found.refreshToken(), digest(found.refreshToken()),
					Timestamp.from(expiresAt), this.relaxedCommit)) {
				return Rotation.SAVED;
			}
			return grantStillThere(toStore) ? Rotation.ROTATED_MEANWHILE : Rotation.GRANT_GONE;
		}
		return this.transactions.execute((status) -> {
			relaxCommit();
			if (this.delegate.updateTokens(toStore, found.refreshToken())) {
				rememberReplacedRefreshToken(toStore, found.refreshToken(),
						(replaced != null) ? replaced.getToken().getExpiresAt() : null);
				return Rotation.SAVED;
			}
			return grantStillThere(toStore) ? Rotation.ROTATED_MEANWHILE : Rotation.GRANT_GONE;
		});
	}

	private boolean grantStillThere(OAuth2Authorization authorization) {
		return this.jdbc.sql("select count(*) from oauth2_authorization where id = ?")
			.param(authorization.getId())
			.query(Integer.class)
			.single() > 0;
	}

	/** Whether {@code rotated} differs from the authorization it was built from in its tokens only. */
	private static boolean onlyTokensChanged(OAuth2Authorization found, OAuth2Authorization rotated) {
		return found.getId().equals(rotated.getId())
				&& found.getRegisteredClientId().equals(rotated.getRegisteredClientId())
				&& found.getPrincipalName().equals(rotated.getPrincipalName())
				&& found.getAuthorizationGrantType().equals(rotated.getAuthorizationGrantType())
				&& found.getAuthorizedScopes().equals(rotated.getAuthorizedScopes())
				&& found.getAttributes().equals(rotated.getAttributes())
				// the stock refresh provider carries these over as they are
				&& found.getToken(OAuth2AuthorizationCode.class) == rotated.getToken(OAuth2AuthorizationCode.class)
				&& found.getToken(OAuth2UserCode.class) == rotated.getToken(OAuth2UserCode.class)
				&& found.getToken(OAuth2DeviceCode.class) == rotated.getToken(OAuth2DeviceCode.class)
				&& rotated.getRefreshToken() != null;
	}

	/**
	 * Any other save: the whole row, inserted or updated under a lock.
	 * @param codeRedeemed whether the grant was found by its authorization code: then no access
	 * token may have been issued from it since, other than the one this save carries
	 */
	private Rotation saveWhole(OAuth2Authorization toStore, @Nullable String presented, boolean codeRedeemed) {
		return this.transactions.execute((status) -> {
			relaxCommit();
			// only the stored refresh token and its expiry: reading the whole row back costs a JSON parse;
			// locked, so that two rotations of one grant happen one after the other
			Optional<StoredTokens> stored = this.jdbc
				.sql("select refresh_token_value, refresh_token_expires_at, access_token_value from oauth2_authorization "
						+ "where id = ? for update")
				.param(toStore.getId())
				.query((rs, row) -> new StoredTokens(rs.getString(1),
						(rs.getTimestamp(2) != null) ? rs.getTimestamp(2).toInstant() : null, rs.getString(3)))
				.optional();
			if (stored.isEmpty()) {
				if (presented != null) {
					// revoked while its refresh token was being redeemed: it must not come back
					return Rotation.GRANT_GONE;
				}
				this.delegate.insert(toStore);
				return Rotation.SAVED;
			}
			if (codeRedeemed && stored.get().accessToken() != null && (toStore.getAccessToken() == null
					|| !stored.get().accessToken().equals(toStore.getAccessToken().getToken().getTokenValue()))) {
				// tokens were issued from this code after this request read the grant
				return Rotation.REDEEMED_MEANWHILE;
			}
			if (presented != null && !presented.equals(stored.get().value())) {
				// the refresh token this rotation started from was rotated by another request in the meantime
				return Rotation.ROTATED_MEANWHILE;
			}
			OAuth2Authorization.Token<OAuth2RefreshToken> refresh = toStore.getRefreshToken();
			if (presented == null && stored.get().value() != null
					&& (refresh == null || !stored.get().value().equals(refresh.getToken().getTokenValue()))) {
				// only a refresh replaces a stored refresh token: this is a copy read before a rotation,
				// and writing it back would revive the replaced token
				return Rotation.STALE;
			}
			rememberReplacedRefreshToken(toStore, stored.get().value(), stored.get().expiresAt());
			this.delegate.update(toStore);
			return Rotation.SAVED;
		});
	}

	private void relaxCommit() {
		if (this.relaxedCommit) {
			// PostgreSQL: this transaction's commit does not wait for its WAL flush (everything else stays durable)
			this.jdbc.sql("set local synchronous_commit to off").update();
		}
	}

	/** What a save compares: the stored refresh token, its expiry and the stored access token. */
	private record StoredTokens(@Nullable String value, @Nullable Instant expiresAt, @Nullable String accessToken) {
	}

	/** The refresh token a grant was found by, and the grant as it was found. */
	record Presented(String refreshToken, OAuth2Authorization authorization) {

		@Override
		public String toString() {
			// never the token itself
			return "Presented[grant=" + this.authorization.getId() + "]";
		}

	}

	private enum Rotation {
		SAVED, ROTATED_MEANWHILE, REDEEMED_MEANWHILE, GRANT_GONE, STALE
	}

	private void rememberReplacedRefreshToken(OAuth2Authorization authorization, @Nullable String replaced,
			@Nullable Instant replacedExpiresAt) {
		OAuth2Authorization.Token<OAuth2RefreshToken> current = authorization.getRefreshToken();
		if (current == null || replaced == null || replaced.equals(current.getToken().getTokenValue())) {
			return;
		}
		Instant expiresAt = keptUntil(replacedExpiresAt);
		this.jdbc.sql("insert into used_refresh_token (token_hash, authorization_id, expires_at) values (?, ?, ?)")
			.params(digest(replaced), authorization.getId(), Timestamp.from(expiresAt))
			.update();
	}

	/** Until when a replaced refresh token is remembered: its expiry, or a day for one without. */
	private Instant keptUntil(@Nullable Instant replacedExpiresAt) {
		return (replacedExpiresAt != null) ? replacedExpiresAt : this.clock.instant().plusSeconds(86400);
	}

	@Override
	public void remove(OAuth2Authorization authorization) {
		if (this.selfContained.handles(authorization)) {
			this.selfContained.save(OAuth2Authorization.from(authorization)
				.invalidate(authorization.getAccessToken().getToken())
				.build());
			return;
		}
		this.delegate.remove(authorization);
	}

	@Override
	public @Nullable OAuth2Authorization findById(String id) {
		return this.delegate.findById(id);
	}

	@Override
	public @Nullable OAuth2Authorization findByToken(String token, @Nullable OAuth2TokenType tokenType) {
		if ((tokenType == null || OAuth2TokenType.ACCESS_TOKEN.equals(tokenType))
				&& SelfContainedAccessTokens.shapedLikeJwt(token)) {
			SelfContainedAccessTokens.Restoration restored = this.selfContained.restore(token);
			if (restored.selfContained()) {
				return restored.authorization();
			}
		}
		OAuth2Authorization found = this.delegate.findByToken(token, tokenType);
		if (found != null && tokenType == null && !accessOrRefreshToken(found, token)) {
			// only introspection (RFC 7662) and revocation (RFC 7009) look up a token of any type, and both
			// are about access and refresh tokens: an ID token, a code or a state is no token of theirs
			return null;
		}
		Optional<String> realm = Issuers.currentRealm();
		if (found != null && realm.isPresent()
				&& !realm.equals(this.clientRealms.apply(found.getRegisteredClientId()))) {
			// a token is only ever known at the endpoints of the realm that issued it
			return null;
		}
		if (found != null && OAuth2TokenType.REFRESH_TOKEN.equals(tokenType)) {
			// travels with the rotated authorization to save, which checks it is still the stored one
			found = OAuth2Authorization.from(found).attribute(PRESENTED_REFRESH_TOKEN, new Presented(token, found)).build();
		}
		if (found != null && AUTHORIZATION_CODE.equals(tokenType)) {
			// travels with the redeemed authorization to save, which checks no tokens were issued from the code meanwhile
			found = OAuth2Authorization.from(found).attribute(PRESENTED_CODE, Boolean.TRUE).build();
		}
		if (found == null && (tokenType == null || OAuth2TokenType.REFRESH_TOKEN.equals(tokenType))) {
			this.jdbc.sql("select authorization_id from used_refresh_token where token_hash = ?")
				.param(digest(token))
				.query(String.class)
				.optional()
				.map(this.delegate::findById)
				.ifPresent((grant) -> {
					log.warn("Refresh token reused: grant {} of client {} revoked", grant.getId(),
							grant.getRegisteredClientId());
					this.delegate.remove(grant);
				});
		}
		return found;
	}

	private static boolean accessOrRefreshToken(OAuth2Authorization authorization, String value) {
		OAuth2Authorization.Token<?> matched = authorization.getToken(value);
		return matched != null
				&& (matched.getToken() instanceof OAuth2AccessToken || matched.getToken() instanceof OAuth2RefreshToken);
	}

	static String digest(String token) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
				.digest(token.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
