package vn.thanglong.id.oidc;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.AuthenticationManagerResolver;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider;

import vn.thanglong.id.realm.ClientStore;
import vn.thanglong.id.realm.RealmPaths;
import vn.thanglong.id.realm.RealmRegistry;
import vn.thanglong.id.realm.StoredClient;

/**
 * Bearer tokens (RFC 6750) at the provider's own APIs (admin API, SCIM): JWT access tokens
 * (RFC 9068, {@code typ at+jwt}) signed by the realm named in the path, issued by that realm's
 * issuer, unexpired, not revoked ({@link AccessTokenRevocations}), and of a client that is still
 * enabled (disabling a client through the admin API ends its access at once on this node). The issuer's base is
 * {@code idp.public-base-url}, or the request's own address as the authorization server
 * derives it. The decoder is the realm's one ({@link RealmKeySources#decoderFor}); the issuer is
 * checked on each request, since without a public base URL it follows the Host header.
 * <p>
 * Each API is a resource of its own (RFC 9068 section 4: the resource server checks that it is
 * in {@code aud}): {@code {issuer}/admin/api} and {@code {issuer}/scim/v2}. The provider puts an
 * API's identifier into the audience of every access token whose scopes are that API's
 * ({@link ResourceAudiences}), so a token with an API's scopes that was issued for anything
 * else is refused there.
 */
public final class RealmBearerTokens {

	private final RealmKeySources keys;

	private final RealmRegistry realms;

	private final AccessTokenRevocations revocations;

	private final ClientStore clients;

	private final @Nullable String publicBaseUrl;

	RealmBearerTokens(RealmKeySources keys, RealmRegistry realms, AccessTokenRevocations revocations,
			ClientStore clients, @Nullable String publicBaseUrl) {
		this.keys = Objects.requireNonNull(keys, "keys");
		this.realms = Objects.requireNonNull(realms, "realms");
		this.revocations = Objects.requireNonNull(revocations, "revocations");
		this.clients = Objects.requireNonNull(clients, "clients");
		this.publicBaseUrl = (publicBaseUrl == null || publicBaseUrl.isBlank()) ? null
				: publicBaseUrl.strip().replaceAll("/+$", "");
	}

	/**
	 * Bearer tokens of the API at {@code resourcePath} below the realm's issuer (for example
	 * {@link ResourceAudiences#ADMIN_API}), which must be among the token's audiences.
	 */
	public AuthenticationManagerResolver<HttpServletRequest> forResource(String resourcePath) {
		return (request) -> resolve(request, resourcePath);
	}

	private AuthenticationManager resolve(HttpServletRequest request, String resourcePath) {
		Optional<String> realm = RealmPaths.realmOf(request).filter(this.realms::exists);
		if (realm.isEmpty()) {
			return (authentication) -> {
				throw new InvalidBearerTokenException("unknown realm");
			};
		}
		String issuer = baseOf(request) + RealmPaths.PREFIX + realm.get();
		return new ProviderManager(new JwtAuthenticationProvider((token) -> {
			Jwt jwt = this.keys.decoderFor(realm.get(), issuer).decode(token);
			if (jwt.getId() == null || this.revocations.isRevoked(jwt.getId())) {
				// RFC 7009: a revoked token ends its access at once, on every node
				throw new InvalidBearerTokenException("the token was revoked");
			}
			String clientId = jwt.getClaimAsString("client_id");
			if (clientId == null || this.clients.findByClientId(realm.get(), clientId).filter(StoredClient::enabled)
				.isEmpty()) {
				throw new InvalidBearerTokenException("the token's client is disabled or unknown");
			}
			// a token with this API's scopes must have been issued for it; one without them is
			// let through to be refused for its scopes (403 insufficient_scope names what is missing)
			if (ResourceAudiences.opens(resourcePath, scopes(jwt))
					&& (jwt.getAudience() == null || !jwt.getAudience().contains(issuer + resourcePath))) {
				throw new InvalidBearerTokenException("the token is not meant for this API (aud)");
			}
			return jwt;
		}));
	}

	private static List<String> scopes(Jwt jwt) {
		String scope = jwt.getClaimAsString("scope");
		return (scope == null) ? List.of() : List.of(scope.split(" "));
	}

	/** The same base the authorization server derives its issuers from. */
	private String baseOf(HttpServletRequest request) {
		if (this.publicBaseUrl != null) {
			return this.publicBaseUrl;
		}
		String scheme = request.getScheme();
		int port = request.getServerPort();
		boolean defaultPort = ("https".equals(scheme) && port == 443) || ("http".equals(scheme) && port == 80);
		return scheme + "://" + request.getServerName() + (defaultPort ? "" : ":" + port) + request.getContextPath();
	}

}
