package vn.thanglong.id.scim;

import java.util.List;
import java.util.Map;
import java.util.Objects;
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
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtTypeValidator;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider;

import vn.thanglong.id.keys.KeyRing;
import vn.thanglong.id.oidc.AccessTokenRevocations;
import vn.thanglong.id.keys.SigningKey;
import vn.thanglong.id.realm.RealmPaths;
import vn.thanglong.id.realm.RealmRegistry;

/**
 * Bearer access tokens for the SCIM endpoints of one realm: JWTs of type {@code at+jwt}
 * (RFC 9068 section 2.1, so an ID token is no credential here) signed by a published key of the
 * realm in the path and issued by {@code {base}/realms/{realm}}. A token of another realm fails
 * on both signature and issuer. Keys are looked up per token, so a rotation is seen at once.
 */
final class ScimBearerTokens implements AuthenticationManagerResolver<HttpServletRequest> {

	private final KeyRing keyRing;

	private final RealmRegistry realms;

	private final @Nullable String publicBaseUrl;

	/**
	 * One decoder per realm (only configured realms get one). The issuer is checked per request,
	 * not cached: it is built from the Host header, which the client chooses.
	 */
	private final Map<String, JwtDecoder> decoders = new ConcurrentHashMap<>();

	private final AccessTokenRevocations revocations;

	ScimBearerTokens(KeyRing keyRing, RealmRegistry realms, AccessTokenRevocations revocations,
			@Nullable String publicBaseUrl) {
		this.revocations = Objects.requireNonNull(revocations, "revocations");
		this.keyRing = Objects.requireNonNull(keyRing, "keyRing");
		this.realms = Objects.requireNonNull(realms, "realms");
		this.publicBaseUrl = (publicBaseUrl == null || publicBaseUrl.isBlank()) ? null
				: stripSlash(publicBaseUrl.strip());
	}

	@Override
	public AuthenticationManager resolve(HttpServletRequest request) {
		String realm = RealmPaths.realmOf(request).filter(this.realms::exists).orElse(null);
		if (realm == null) {
			return (authentication) -> {
				throw new InvalidBearerTokenException("unknown realm");
			};
		}
		JwtDecoder realmDecoder = this.decoders.computeIfAbsent(realm, this::decoder);
		JwtIssuerValidator issuer = new JwtIssuerValidator(baseUrl(request) + RealmPaths.PREFIX + realm);
		return new ProviderManager(new JwtAuthenticationProvider((token) -> {
			Jwt jwt = realmDecoder.decode(token);
			OAuth2TokenValidatorResult result = issuer.validate(jwt);
			if (result.hasErrors()) {
				throw new JwtValidationException("the token was not issued by this realm", result.getErrors());
			}
			if (jwt.getId() == null || this.revocations.isRevoked(jwt.getId())) {
				// RFC 7009: a revoked token of an HR system ends its access at once, on every node
				throw new InvalidBearerTokenException("the token was revoked");
			}
			return jwt;
		}));
	}

	private JwtDecoder decoder(String realm) {
		NimbusJwtDecoder decoder = NimbusJwtDecoder
			.withJwkSource((selector, context) -> selector.select(
					new JWKSet(this.keyRing.publishedKeys(realm).stream().map(SigningKey::publicJwk).toList())))
			.jwsAlgorithms((algs) -> {
				algs.add(SignatureAlgorithm.RS256);
				algs.add(SignatureAlgorithm.ES256);
			})
			.jwtProcessorCustomizer((processor) -> processor
				.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(new JOSEObjectType("at+jwt"))))
			.build();
		decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(new JwtTimestampValidator(),
				new JwtTypeValidator(List.of("at+jwt"))));
		return decoder;
	}

	/** {@code idp.public-base-url} when set, else the address the request came to. */
	private String baseUrl(HttpServletRequest request) {
		if (this.publicBaseUrl != null) {
			return this.publicBaseUrl;
		}
		String scheme = request.getScheme();
		int port = request.getServerPort();
		boolean defaultPort = ("http".equals(scheme) && port == 80) || ("https".equals(scheme) && port == 443);
		return scheme + "://" + request.getServerName() + (defaultPort ? "" : ":" + port);
	}

	private static String stripSlash(String url) {
		return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
	}

}
