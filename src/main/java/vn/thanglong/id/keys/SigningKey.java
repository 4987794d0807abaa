package vn.thanglong.id.keys;

import java.time.Instant;
import java.util.Objects;

import java.security.PublicKey;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import org.jspecify.annotations.Nullable;

/** One key of a realm's key set. Not a record: the private key must never reach a log through {@code toString}. */
public final class SigningKey {

	private final String name;

	private final String alg;

	private final KeyStatus status;

	private final JWK jwk;

	private final JWK publicJwk;

	private final @Nullable Instant publishUntil;

	private final PublicKey verificationKey;

	SigningKey(String name, String alg, KeyStatus status, JWK jwk, @Nullable Instant publishUntil) {
		this.name = Objects.requireNonNull(name, "name");
		this.alg = Objects.requireNonNull(alg, "alg");
		this.status = Objects.requireNonNull(status, "status");
		this.jwk = Objects.requireNonNull(jwk, "jwk");
		// Computed once: decoders ask for it on every token they verify.
		this.publicJwk = jwk.toPublicJWK();
		// Also once: Nimbus would rebuild the Java key from the JWK (a KeyFactory call) per verification.
		this.verificationKey = toPublicKey(this.publicJwk);
		this.publishUntil = publishUntil;
	}

	public String kid() {
		return this.jwk.getKeyID();
	}

	public String name() {
		return this.name;
	}

	public String alg() {
		return this.alg;
	}

	public KeyStatus status() {
		return this.status;
	}

	/** The key with its private part, for the token encoder only. */
	public JWK signingJwk() {
		return this.jwk;
	}

	/** The key as published in the JWKS: public parameters, {@code kid}, {@code use} and {@code alg}. */
	public JWK publicJwk() {
		return this.publicJwk;
	}

	/** The public key as a Java key, for verifying tokens this key signed. */
	public PublicKey verificationKey() {
		return this.verificationKey;
	}

	private static PublicKey toPublicKey(JWK jwk) {
		try {
			if (jwk instanceof RSAKey rsa) {
				return rsa.toRSAPublicKey();
			}
			if (jwk instanceof ECKey ec) {
				return ec.toECPublicKey();
			}
		}
		catch (JOSEException ex) {
			throw new KeyLoadingException("key " + jwk.getKeyID() + ": " + ex.getMessage());
		}
		throw new KeyLoadingException("key " + jwk.getKeyID() + ": unsupported key type " + jwk.getKeyType());
	}

	/** Until when a retired key stays in the JWKS; {@code null} means until it is removed from the key set. */
	@Nullable Instant publishUntil() {
		return this.publishUntil;
	}

	boolean isPublishedAt(Instant now) {
		return this.status != KeyStatus.RETIRED || this.publishUntil == null || now.isBefore(this.publishUntil);
	}

	@Override
	public String toString() {
		return "SigningKey[" + this.name + ", " + this.alg + ", " + this.status + ", kid=" + kid() + "]";
	}

}
