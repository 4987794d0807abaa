package vn.thanglong.id.realm;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Hashes client secrets with salted SHA-256, stored as {@code {sha256-salted}salt$digest}.
 * Client secrets are long random strings (at least 32 characters are enforced), not
 * memorised passwords, so a slow hash would only cost token-endpoint throughput without
 * adding resistance (NIST SP 800-63B section 5.1.1.2 applies slow hashing to memorised
 * secrets). User passwords use Argon2id.
 */
public final class ClientSecretHasher implements PasswordEncoder {

	public static final String ID = "sha256-salted";

	private final SecureRandom random = new SecureRandom();

	@Override
	public String encode(CharSequence rawPassword) {
		byte[] salt = new byte[16];
		this.random.nextBytes(salt);
		return "{" + ID + "}" + b64(salt) + "$" + b64(digest(salt, rawPassword));
	}

	/** Answers whether the raw secret matches an encoded value with or without its {@code {sha256-salted}} prefix. */
	@Override
	public boolean matches(CharSequence rawPassword, String encodedPassword) {
		if (encodedPassword == null) {
			return false;
		}
		String encoded = encodedPassword.startsWith("{" + ID + "}")
				? encodedPassword.substring(ID.length() + 2) : encodedPassword;
		int separator = encoded.indexOf('$');
		if (separator < 0) {
			return false;
		}
		try {
			byte[] salt = Base64.getDecoder().decode(encoded.substring(0, separator));
			byte[] expected = Base64.getDecoder().decode(encoded.substring(separator + 1));
			return MessageDigest.isEqual(expected, digest(salt, rawPassword));
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

	private static byte[] digest(byte[] salt, CharSequence raw) {
		try {
			MessageDigest sha = MessageDigest.getInstance("SHA-256");
			sha.update(salt);
			return sha.digest(raw.toString().getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is not available", ex);
		}
	}

	private static String b64(byte[] bytes) {
		return Base64.getEncoder().withoutPadding().encodeToString(bytes);
	}

}
