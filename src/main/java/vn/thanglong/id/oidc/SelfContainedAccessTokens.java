package vn.thanglong.id.oidc;

import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.context.AuthorizationServerContext;
import org.springframework.security.oauth2.server.authorization.context.AuthorizationServerContextHolder;
import org.springframework.security.oauth2.server.authorization.settings.OAuth2TokenFormat;

/**
 * Access tokens of the {@code client_credentials} grant (RFC 6749 section 4.4) are
 * self-contained JWTs (RFC 9068) and are never written to the database: the grant has no
 * refresh token, no user and no consent, so a stored row would only be read back by
 * introspection, which can verify the signature instead. They carry {@code gty} so that they
 * are told apart from user tokens, whose grants live in the database and are never restored
 * from the token itself (a user token whose grant was revoked must stay dead).
 * <p>
 * Revocation (RFC 7009) of such a token records its {@code jti} in {@link RevokedAccessTokens}
 * until it would have expired; every node consults it when it introspects one.
 */
final class SelfContainedAccessTokens {

	static final String GRANT_CLAIM = "gty";

	private static final String RESTORED = SelfContainedAccessTokens.class.getName() + ".RESTORED";

	private final RevokedAccessTokens revocations;

	private final RealmKeySources keys;

	private final RealmRegisteredClientRepository clients;

	private final Clock clock;

	SelfContainedAccessTokens(RevokedAccessTokens revocations, RealmKeySources keys,
			RealmRegisteredClientRepository clients, Clock clock) {
		this.revocations = Objects.requireNonNull(revocations, "revocations");
		this.keys = Objects.requireNonNull(keys, "keys");
		this.clients = Objects.requireNonNull(clients, "clients");
		this.clock = Objects.requireNonNull(clock, "clock");
	}

	/**
	 * True for a freshly issued {@code client_credentials} authorization and for one restored
	 * from its token; false for rows stored before tokens were self-contained.
	 */
	boolean handles(OAuth2Authorization authorization) {
		if (!AuthorizationGrantType.CLIENT_CREDENTIALS.equals(authorization.getAuthorizationGrantType())
				|| authorization.getRefreshToken() != null || authorization.getAccessToken() == null) {
			return false;
		}
		return authorization.getAttribute(RESTORED) != null || !authorization.getAccessToken().isInvalidated();
	}

	/** Nothing to store, unless the token was revoked: then its {@code jti} is remembered. */
	void save(OAuth2Authorization authorization) {
		OAuth2Authorization.Token<OAuth2AccessToken> token = Objects.requireNonNull(authorization.getAccessToken());
		if (!token.isInvalidated()) {
			return;
		}
		this.revocations.revoke(authorization.getId(),
				Optional.ofNullable(token.getToken().getExpiresAt()).orElse(this.clock.instant()));
	}

	/**
	 * Whether {@code token} has the shape of a JWS in compact form: three parts, of a size a
	 * token of this server can have. Nothing is decoded.
	 */
	static boolean shapedLikeJwt(String token) {
		if (token.length() > 8192) {
			return false;
		}
		int first = token.indexOf('.');
		int second = (first < 0) ? -1 : token.indexOf('.', first + 1);
		return second > 0 && token.indexOf('.', second + 1) < 0;
	}

	/**
	 * What a token presented at the current realm is, as far as self-contained tokens go: one
	 * that verifies (signed by the realm's keys, issued by it, unexpired) and names the
	 * {@code client_credentials} grant is self-contained, and restored unless it was revoked
	 * or its client no longer exists; any other token (a user's access token, which lives in the
	 * database, or one that does not verify) is left to the database.
	 */
	Restoration restore(String token) {
		AuthorizationServerContext context = AuthorizationServerContextHolder.getContext();
		Optional<String> realm = Issuers.currentRealm();
		if (context == null || realm.isEmpty()) {
			return Restoration.NOT_SELF_CONTAINED;
		}
		Jwt jwt;
		try {
			// parsed once, here: the token is decoded and verified in one go
			jwt = this.keys.decoderFor(realm.get(), context.getIssuer()).decode(token);
		}
		catch (JwtException invalid) {
			return Restoration.NOT_SELF_CONTAINED;
		}
		if (!AuthorizationGrantType.CLIENT_CREDENTIALS.getValue().equals(jwt.getClaimAsString(GRANT_CLAIM))) {
			return Restoration.NOT_SELF_CONTAINED;
		}
		return restored(token, jwt).map(Restoration::of).orElse(Restoration.REFUSED);
	}

	private Optional<OAuth2Authorization> restored(String token, Jwt jwt) {
		String clientId = jwt.getClaimAsString("client_id");
		if (jwt.getId() == null || clientId == null || !clientId.equals(jwt.getSubject()) || this.revocations.isRevoked(jwt.getId())) {
			return Optional.empty();
		}
		RegisteredClient client = this.clients.findByClientId(clientId);
		if (client == null) {
			return Optional.empty();
		}
		Set<String> scopes = scopes(jwt);
		Map<String, Object> cnf = jwt.getClaimAsMap("cnf");
		OAuth2AccessToken.TokenType type = (cnf != null && cnf.containsKey("jkt")) ? OAuth2AccessToken.TokenType.DPOP
				: OAuth2AccessToken.TokenType.BEARER;
		OAuth2AccessToken accessToken = new OAuth2AccessToken(type, token, jwt.getIssuedAt(), jwt.getExpiresAt(), scopes);
		return Optional.of(OAuth2Authorization.withRegisteredClient(client)
			.id(jwt.getId())
			.principalName(clientId)
			.authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
			.authorizedScopes(scopes)
			.attribute(RESTORED, Boolean.TRUE)
			.token(accessToken, (metadata) -> {
				metadata.put(OAuth2Authorization.Token.CLAIMS_METADATA_NAME, jwt.getClaims());
				metadata.put(OAuth2Authorization.Token.INVALIDATED_METADATA_NAME, false);
				metadata.put(OAuth2TokenFormat.class.getName(), OAuth2TokenFormat.SELF_CONTAINED.getValue());
			})
			.build());
	}

	/**
	 * The answer of {@link #restore}: whether the token is self-contained, and if so the
	 * authorization it stands for, or null when it was revoked or its client is gone.
	 */
	record Restoration(boolean selfContained, @Nullable OAuth2Authorization authorization) {

		static final Restoration NOT_SELF_CONTAINED = new Restoration(false, null);

		static final Restoration REFUSED = new Restoration(true, null);

		static Restoration of(OAuth2Authorization authorization) {
			return new Restoration(true, authorization);
		}

	}

	private static Set<String> scopes(Jwt jwt) {
		String scope = jwt.getClaimAsString("scope");
		Set<String> scopes = new LinkedHashSet<>();
		if (scope != null) {
			for (String each : scope.split(" ")) {
				if (!each.isEmpty()) {
					scopes.add(each);
				}
			}
		}
		return scopes;
	}

}
