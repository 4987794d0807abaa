package vn.thanglong.id.keys;

/**
 * Where a key is in its rotation: published before it signs, signing, then published until
 * every token it signed has expired.
 */
public enum KeyStatus {

	/** In the JWKS, not yet signing: relying parties cache it before it is used. */
	NEXT,
	/** Signs new tokens; one per algorithm and realm. */
	ACTIVE,
	/** No longer signs; stays in the JWKS until its {@code publishUntil} instant. */
	RETIRED

}
