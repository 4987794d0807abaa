package vn.thanglong.id.oidc;

import java.text.ParseException;
import java.util.Map;
import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoderFactory;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.authorization.authentication.JwtClientAssertionDecoderFactory;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;

/**
 * Decoders for {@code private_key_jwt} client assertions (RFC 7523 section 3, OIDC Core
 * section 9): keys from the client's {@code jwks_uri} or from a JWK Set registered inline in
 * realm-config (which the stock factory does not read), RS256, ES256 or PS256 signatures. The claims are
 * checked by the stock rules either way ({@code iss} = {@code sub} = client, {@code aud} =
 * this server, expiry), and each assertion is accepted only once ({@code jti}).
 */
final class ClientAssertionDecoders implements JwtDecoderFactory<RegisteredClient> {

	/** The client setting that carries an inline JWK Set document. */
	static final String INLINE_JWKS = "vn.thanglong.id.client.jwks";

	private final Map<String, JwtDecoder> decoders = new ConcurrentHashMap<>();

	private final JdbcClient jdbc;

	private final Clock clock;

	ClientAssertionDecoders(JdbcClient jdbc, Clock clock) {
		this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
		this.clock = Objects.requireNonNull(clock, "clock");
	}

	@Override
	public JwtDecoder createDecoder(RegisteredClient client) {
		Object jwks = client.getClientSettings().getSetting(INLINE_JWKS);
		String jwkSetUrl = client.getClientSettings().getJwkSetUrl();
		if (jwks instanceof String document) {
			return this.decoders.computeIfAbsent(client.getId() + "\u0000" + document, (key) -> inline(client, document));
		}
		if (jwkSetUrl != null) {
			// Nimbus caches the fetched keys and fetches again for an unknown kid (key rotation)
			return this.decoders.computeIfAbsent(client.getId() + "\u0000" + jwkSetUrl,
					(key) -> validated(client, NimbusJwtDecoder.withJwkSetUri(jwkSetUrl).jwsAlgorithms(ClientAssertionDecoders::algorithms).build()));
		}
		return (token) -> {
			throw new BadJwtException("the client has no registered keys");
		};
	}

	private JwtDecoder inline(RegisteredClient client, String document) {
		JWKSet keys;
		try {
			keys = JWKSet.parse(document);
		}
		catch (ParseException ex) {
			return (token) -> {
				throw new BadJwtException("the client's registered JWK Set cannot be read");
			};
		}
		return validated(client, NimbusJwtDecoder.withJwkSource(new ImmutableJWKSet<>(keys))
			.jwsAlgorithms(ClientAssertionDecoders::algorithms).build());
	}

	private JwtDecoder validated(RegisteredClient client, NimbusJwtDecoder decoder) {
		decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
				JwtClientAssertionDecoderFactory.DEFAULT_JWT_VALIDATOR_FACTORY.apply(client),
				(jwt) -> usedOnce(client, jwt)));
		return decoder;
	}

	/** Each assertion is accepted once: its {@code jti} is recorded until the assertion expires. */
	private OAuth2TokenValidatorResult usedOnce(RegisteredClient client, Jwt jwt) {
		if (jwt.getId() == null || jwt.getExpiresAt() == null) {
			return OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_client", "jti and exp are required", null));
		}
		try {
			this.jdbc.sql("insert into client_assertion_jti (jti_hash, expires_at) values (?, ?)")
				.params(ReuseDetectingAuthorizationService.digest(client.getId() + "\u0000" + jwt.getId()),
						java.sql.Timestamp.from(jwt.getExpiresAt().isAfter(this.clock.instant()) ? jwt.getExpiresAt()
								: this.clock.instant()))
				.update();
			return OAuth2TokenValidatorResult.success();
		}
		catch (DuplicateKeyException ex) {
			return OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_client", "the assertion was used before", null));
		}
	}

	private static void algorithms(java.util.Set<SignatureAlgorithm> algs) {
		algs.add(SignatureAlgorithm.RS256);
		algs.add(SignatureAlgorithm.ES256);
		algs.add(SignatureAlgorithm.PS256);
	}

}
