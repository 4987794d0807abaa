package vn.thanglong.id.oidc;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtTypeValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

import vn.thanglong.id.keys.KeyRing;
import vn.thanglong.id.keys.SigningKey;

/**
 * Adapts the {@link KeyRing} to Nimbus: the keys that sign (active only, of the realm being
 * served), the keys that are published, and decoders that accept only tokens of one realm.
 */
final class RealmKeySources {

	private final KeyRing keyRing;

	private final Map<String, JwtDecoder> decoders = new ConcurrentHashMap<>();

	RealmKeySources(KeyRing keyRing) {
		this.keyRing = Objects.requireNonNull(keyRing, "keyRing");
	}

	/** Active keys of the current realm, for the token encoder: one per algorithm. */
	JWKSource<SecurityContext> signing() {
		return (selector, context) -> {
			String realm = Issuers.currentRealm().orElseThrow(() -> new IllegalStateException("no realm in context"));
			List<JWK> candidates = new ArrayList<>();
			for (String alg : List.of("RS256", "ES256")) {
				this.keyRing.activeKey(realm, alg).map(SigningKey::signingJwk).ifPresent(candidates::add);
			}
			return selector.select(new com.nimbusds.jose.jwk.JWKSet(candidates));
		};
	}

	/** Published public keys of the current realm, for the JWKS endpoint. */
	JWKSource<SecurityContext> published() {
		return (selector, context) -> Issuers.currentRealm().map((realm) -> select(selector, realm)).orElse(List.of());
	}

	/** A decoder that accepts only tokens signed by {@code realm}'s keys and issued by {@code issuer}. */
	JwtDecoder decoderFor(String realm, String issuer) {
		// one decoder per realm; the issuer is checked per call: without a public base URL it comes
		// from the request's Host header, and a cache keyed by it would grow with every forged host
		JwtDecoder realmDecoder = this.decoders.computeIfAbsent(realm, this::decoder);
		JwtIssuerValidator issuerValidator = new JwtIssuerValidator(issuer);
		return (token) -> {
			Jwt jwt = realmDecoder.decode(token);
			OAuth2TokenValidatorResult result = issuerValidator.validate(jwt);
			if (result.hasErrors()) {
				throw new JwtValidationException("the token was not issued by this realm", result.getErrors());
			}
			return jwt;
		};
	}

	/** How many decoders are kept: one per realm asked for, whatever the issuers. */
	int decoderCount() {
		return this.decoders.size();
	}

	private JwtDecoder decoder(String realm) {
		NimbusJwtDecoder decoder = NimbusJwtDecoder
			.withJwkSource((selector, context) -> select(selector, realm))
			.jwsAlgorithms((algs) -> {
				algs.add(SignatureAlgorithm.RS256);
				algs.add(SignatureAlgorithm.ES256);
			})
			// only access tokens (RFC 9068 section 2.1): an ID token is no bearer credential
			.jwtProcessorCustomizer((processor) -> {
				processor.setJWSTypeVerifier(new com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier<>(
						new com.nimbusds.jose.JOSEObjectType("at+jwt")));
				processor.setJWSKeySelector((header, context) -> verificationKeys(realm, header));
			})
			.build();
		decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(new JwtTimestampValidator(),
				new JwtTypeValidator(List.of("at+jwt"))));
		return decoder;
	}

	/**
	 * The realm's published keys for the token's {@code alg} and {@code kid}, as Java keys made
	 * once per key ({@link SigningKey#verificationKey}) rather than once per token.
	 */
	private List<java.security.Key> verificationKeys(String realm, com.nimbusds.jose.JWSHeader header) {
		String alg = header.getAlgorithm().getName();
		if (!"RS256".equals(alg) && !"ES256".equals(alg)) {
			return List.of();
		}
		String kid = header.getKeyID();
		return this.keyRing.publishedKeys(realm).stream()
			.filter((key) -> key.alg().equals(alg) && (kid == null || kid.equals(key.kid())))
			.<java.security.Key>map(SigningKey::verificationKey)
			.toList();
	}

	private List<JWK> select(JWKSelector selector, String realm) {
		return selector.select(new com.nimbusds.jose.jwk.JWKSet(
				this.keyRing.publishedKeys(realm).stream().map(SigningKey::publicJwk).toList()));
	}


}
