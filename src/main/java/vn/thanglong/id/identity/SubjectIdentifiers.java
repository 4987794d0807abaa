package vn.thanglong.id.identity;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Objects;
import java.util.function.Function;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@code sub} an agency system receives for a person (OIDC Core section 8). A pairwise
 * subject is {@code base64url(HMAC-SHA256(realm key, sector || 0x00 || local id))}: stable for
 * one sector forever, unrelated between sectors, and not reversible without the realm's key
 * (at least 32 bytes, the same on every node). A public
 * subject is the person's local identifier itself.
 */
public final class SubjectIdentifiers {

	private final Function<String, byte[]> realmKeys;

	/** @param realmKeys the pairwise-subject key of each realm, by realm name */
	public SubjectIdentifiers(Function<String, byte[]> realmKeys) {
		this.realmKeys = Objects.requireNonNull(realmKeys, "realmKeys");
	}

	/**
	 * @param pairwise whether the client has pairwise subjects
	 * @param sector the client's sector (the host of its redirect URIs or sector identifier URI)
	 */
	public String subject(String realm, String localId, boolean pairwise, String sector) {
		if (!pairwise) {
			return localId;
		}
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(this.realmKeys.apply(realm), "HmacSHA256"));
			mac.update(sector.getBytes(StandardCharsets.UTF_8));
			mac.update((byte) 0);
			return Base64.getUrlEncoder().withoutPadding()
				.encodeToString(mac.doFinal(localId.getBytes(StandardCharsets.UTF_8)));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is not available", ex);
		}
	}

}
