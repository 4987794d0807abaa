package vn.thanglong.id.keys;

import java.time.Instant;
import java.util.Objects;

import com.nimbusds.jose.jwk.JWK;
import org.jspecify.annotations.Nullable;

/** One key of a realm's key set. Not a record: the private key must never reach a log through {@code toString}. */
public final class SigningKey {

	private final String name;

	private final String alg;

	private final KeyStatus status;

	private final JWK jwk;

	private final JWK publicJwk;

	private final @Nullable Instant publishUntil;

	SigningKey(String name, String alg, KeyStatus status, JWK jwk, @Nullable Instant publishUntil) {
		this.name = Objects.requireNonNull(name, "name");
		this.alg = Objects.requireNonNull(alg, "alg");
		this.status = Objects.requireNonNull(status, "status");
		this.jwk = Objects.requireNonNull(jwk, "jwk");
		// Computed once: decoders ask for it on every token they verify.
		this.publicJwk = jwk.toPublicJWK();
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
