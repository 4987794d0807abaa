package vn.thanglong.id.identity;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;
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
 * <p>
 * A login's session identifier ({@code sid}) is made the same way from the sector, the person and
 * the instant of the login, so that it too differs between sectors.
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
		return digest(realm, sector + "\u0000" + localId);
	}

	/**
	 * The {@code sid} of one login of {@code localId} (OpenID Connect Front-Channel Logout 1.0
	 * section 3, Back-Channel Logout 1.0 section 2.4: opaque, unique per session at the issuer) as
	 * the clients of {@code sector} see it: the same for every ID token of that login, another for
	 * another login (another browser, or a new login in the same one), and unrelated between
	 * sectors, so that two agency systems cannot link their pairwise subjects through it. The
	 * login is known by its instant to the nanosecond, which its stored grants keep exactly; the
	 * input starts with a byte no sector has, so that no {@code sid} is ever some {@code sub}.
	 */
	public String sessionIdentifier(String realm, String sector, String localId, Instant loggedInAt) {
		return digest(realm, "\u0001sid\u0000" + sector + "\u0000" + localId + "\u0000" + loggedInAt.getEpochSecond()
				+ "." + String.format(Locale.ROOT, "%09d", loggedInAt.getNano()));
	}

	private String digest(String realm, String input) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(this.realmKeys.apply(realm), "HmacSHA256"));
			return Base64.getUrlEncoder().withoutPadding()
				.encodeToString(mac.doFinal(input.getBytes(StandardCharsets.UTF_8)));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is not available", ex);
		}
	}

}
