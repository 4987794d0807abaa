package vn.thanglong.id.admin;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.AuthenticationManagerResolver;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtTypeValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider;

import vn.thanglong.id.keys.KeyRing;
import vn.thanglong.id.oidc.AccessTokenRevocations;
import vn.thanglong.id.keys.SigningKey;
import vn.thanglong.id.realm.RealmPaths;

/**
 * Verifies the bearer tokens of the admin API against the realm named by the request path:
 * a JWT access token ({@code typ} {@code at+jwt}, RFC 9068 section 4) signed by one of that
 * realm's published keys, issued by that realm's issuer ({@code {base}/realms/{realm}}), not
 * expired, and not revoked (RFC 7009; revoked self-contained tokens are remembered by
 * {@code jti} in {@code revoked_access_token}). A token of any other realm fails the signature
 * or the issuer check and is {@code invalid_token} (RFC 6750 section 3.1).
 */
final class RealmAccessTokens implements AuthenticationManagerResolver<HttpServletRequest> {

	/** Issuers come from the request's host; a bound keeps spoofed Host headers from growing the cache. */
	private static final int MAX_ISSUERS = 64;

	private final KeyRing keys;

	private final AccessTokenRevocations revocations;

	private final Clock clock;

	private final @Nullable String publicBaseUrl;

	private final Map<String, AuthenticationManager> managers = new ConcurrentHashMap<>();

	/** @param publicBaseUrl {@code idp.public-base-url}, or {@code null} to take the base from each request */
	RealmAccessTokens(KeyRing keys, AccessTokenRevocations revocations, Clock clock, @Nullable String publicBaseUrl) {
		this.keys = Objects.requireNonNull(keys, "keys");
		this.revocations = Objects.requireNonNull(revocations, "revocations");
		this.clock = Objects.requireNonNull(clock, "clock");
		this.publicBaseUrl = (publicBaseUrl == null || publicBaseUrl.isBlank()) ? null
				: publicBaseUrl.strip().replaceAll("/+$", "");
	}

	@Override
	public AuthenticationManager resolve(HttpServletRequest request) {
		Optional<String> realm = RealmPaths.realmOf(request);
		if (realm.isEmpty()) {
			return (authentication) -> {
				throw new InvalidBearerTokenException("no realm");
			};
		}
		String issuer = baseOf(request) + RealmPaths.PREFIX + realm.get();
		if (this.managers.size() > MAX_ISSUERS) {
			this.managers.clear();
		}
		return this.managers.computeIfAbsent(issuer, (key) -> manager(realm.get(), issuer));
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

	private AuthenticationManager manager(String realm, String issuer) {
		NimbusJwtDecoder decoder = NimbusJwtDecoder
			.withJwkSource((selector, context) -> selector.select(
					new JWKSet(this.keys.publishedKeys(realm).stream().map(SigningKey::publicJwk).toList())))
			.jwsAlgorithms((algs) -> {
				algs.add(SignatureAlgorithm.RS256);
				algs.add(SignatureAlgorithm.ES256);
			})
			// RFC 9068 section 4: an ID token or any other JWT of the realm is no access token
			.jwtProcessorCustomizer((processor) -> processor
				.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(new JOSEObjectType("at+jwt"))))
			.build();
		JwtTimestampValidator expiry = new JwtTimestampValidator();
		expiry.setClock(this.clock);
		decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(expiry, new JwtIssuerValidator(issuer),
				new JwtTypeValidator(List.of("at+jwt")), new NotRevoked()));
		return new ProviderManager(new JwtAuthenticationProvider(decoder));
	}

	/** Revocation of a self-contained token, as the authorization server records it. */
	private final class NotRevoked implements OAuth2TokenValidator<Jwt> {

		@Override
		public OAuth2TokenValidatorResult validate(Jwt token) {
			String id = token.getId();
			if (id == null) {
				return OAuth2TokenValidatorResult.failure(new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN, "no jti", null));
			}
			boolean revoked = RealmAccessTokens.this.revocations.isRevoked(id);
			return revoked ? OAuth2TokenValidatorResult.failure(new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN, "revoked", null))
					: OAuth2TokenValidatorResult.success();
		}

	}

}
