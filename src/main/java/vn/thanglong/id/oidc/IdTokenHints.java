package vn.thanglong.id.oidc;

import java.text.ParseException;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;

import vn.thanglong.id.keys.KeyRing;
import vn.thanglong.id.keys.SigningKey;

/**
 * An {@code id_token_hint} (OIDC Core section 3.1.2.1, RP-Initiated Logout 1.0 section 2): an ID
 * token this realm issued, checked by its signature (a key of the realm published now) and its
 * issuer, and accepted after it has expired, as both specifications allow. It is not looked up
 * among stored grants: a hint outlives the grant it came from.
 */
final class IdTokenHints {

	private final KeyRing keys;

	IdTokenHints(KeyRing keys) {
		this.keys = Objects.requireNonNull(keys, "keys");
	}

	/** The hint's claims, or empty when it is no ID token of {@code realm} (issuer {@code issuer}) with a subject. */
	Optional<JWTClaimsSet> verify(String realm, String issuer, String hint) {
		DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
		JWKSet published = new JWKSet(this.keys.publishedKeys(realm).stream().map(SigningKey::publicJwk).toList());
		processor.setJWSKeySelector(new JWSVerificationKeySelector<>(Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256),
				new ImmutableJWKSet<>(published)));
		// expiry is not checked: an expired ID token is still a hint
		processor.setJWTClaimsSetVerifier((claims, context) -> {
		});
		try {
			JWTClaimsSet claims = processor.process(SignedJWT.parse(hint), null);
			return (issuer.equals(claims.getIssuer()) && claims.getSubject() != null) ? Optional.of(claims)
					: Optional.empty();
		}
		catch (ParseException | BadJOSEException | JOSEException ex) {
			return Optional.empty();
		}
	}

}
