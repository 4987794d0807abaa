package vn.thanglong.id.identity;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Keeps personal ID numbers protected at rest. Two keys are derived from the deployment data key
 * with HKDF-Expand (RFC 5869 section 2.3; the data key is already uniform, so Extract is skipped,
 * section 3.3): one for the HMAC-SHA256 look-up value (exact search through a unique index
 * without storing the number), one for AES-256-GCM (NIST SP 800-38D) with a random 96-bit IV
 * and the person's id as associated data, so that a ciphertext copied to another row does not decrypt.
 */
final class PersonalIdProtector {

	private static final String FORMAT_VERSION = "v1:";

	private static final int IV_BYTES = 12;

	private static final int TAG_BITS = 128;

	private final SecretKeySpec lookupKey;

	private final SecretKeySpec encryptionKey;

	private final SecureRandom random = new SecureRandom();

	PersonalIdProtector(byte[] dataKey) {
		if (dataKey.length != 32) {
			throw new IllegalArgumentException("the identity data key must be 32 bytes");
		}
		this.lookupKey = new SecretKeySpec(expand(dataKey, "thanglong-id personal-id lookup v1"), "HmacSHA256");
		this.encryptionKey = new SecretKeySpec(expand(dataKey, "thanglong-id personal-id encryption v1"), "AES");
	}

	/** The hex HMAC-SHA256 of the number: the same number always gives the same value. */
	String lookup(PersonalIdNumber number) {
		return HexFormat.of().formatHex(hmac(this.lookupKey, number.value().getBytes(StandardCharsets.US_ASCII)));
	}

	String encrypt(PersonalIdNumber number, String personId) {
		byte[] iv = new byte[IV_BYTES];
		this.random.nextBytes(iv);
		try {
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.ENCRYPT_MODE, this.encryptionKey, new GCMParameterSpec(TAG_BITS, iv));
			cipher.updateAAD(personId.getBytes(StandardCharsets.UTF_8));
			byte[] sealed = cipher.doFinal(number.value().getBytes(StandardCharsets.US_ASCII));
			byte[] out = Arrays.copyOf(iv, IV_BYTES + sealed.length);
			System.arraycopy(sealed, 0, out, IV_BYTES, sealed.length);
			return FORMAT_VERSION + Base64.getEncoder().encodeToString(out);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("AES-GCM is not available", ex);
		}
	}

	PersonalIdNumber decrypt(String stored, String personId) {
		if (!stored.startsWith(FORMAT_VERSION)) {
			throw new IllegalStateException("unknown format of a stored personal ID number (person " + personId + ")");
		}
		byte[] in = Base64.getDecoder().decode(stored.substring(FORMAT_VERSION.length()));
		try {
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.DECRYPT_MODE, this.encryptionKey, new GCMParameterSpec(TAG_BITS, in, 0, IV_BYTES));
			cipher.updateAAD(personId.getBytes(StandardCharsets.UTF_8));
			byte[] plain = cipher.doFinal(in, IV_BYTES, in.length - IV_BYTES);
			return new PersonalIdNumber(new String(plain, StandardCharsets.US_ASCII));
		}
		catch (GeneralSecurityException ex) {
			// wrong data key or a tampered row; the message names the person, never the number
			throw new IllegalStateException("the personal ID number of person " + personId
					+ " does not decrypt under the configured identity data key", ex);
		}
	}

	private static byte[] expand(byte[] key, String info) {
		byte[] infoBytes = info.getBytes(StandardCharsets.US_ASCII);
		byte[] input = Arrays.copyOf(infoBytes, infoBytes.length + 1);
		input[infoBytes.length] = 1;
		return hmac(new SecretKeySpec(key, "HmacSHA256"), input);
	}

	private static byte[] hmac(SecretKeySpec key, byte[] data) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(key);
			return mac.doFinal(data);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HMAC-SHA256 is not available", ex);
		}
	}

}
