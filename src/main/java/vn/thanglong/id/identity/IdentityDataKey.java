package vn.thanglong.id.identity;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

import org.jspecify.annotations.Nullable;

/**
 * Finds the deployment data key that protects personal ID numbers: {@code idp.identity.data-key}
 * ({@code IDP_IDENTITY_DATA_KEY}, the base64 of 32 bytes) when set; otherwise the file
 * {@code identity-data.key} in the keys directory; otherwise, when the embedded default may
 * generate keys ({@code idp.keys.generate-missing}), a new random key written there, readable by
 * the owner only. Anything else refuses to start: without the key, stored numbers are lost.
 */
final class IdentityDataKey {

	static final String FILE_NAME = "identity-data.key";

	private IdentityDataKey() {
	}

	static byte[] load(@Nullable String configured, Path keysDirectory, boolean generateMissing) {
		if (configured != null && !configured.isBlank()) {
			return decode(configured, "idp.identity.data-key (IDP_IDENTITY_DATA_KEY)");
		}
		Path file = keysDirectory.resolve(FILE_NAME);
		try {
			if (Files.exists(file)) {
				return decode(Files.readString(file, StandardCharsets.US_ASCII), file.toString());
			}
			if (!generateMissing) {
				throw new IllegalStateException("No identity data key: set IDP_IDENTITY_DATA_KEY (idp.identity.data-key) "
						+ "to the base64 of 32 random bytes (openssl rand -base64 32), or provision " + file
						+ ". Keep it safe: personal ID numbers stored under it cannot be read without it.");
			}
			return generate(file);
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot read or write the identity data key " + file + ": " + ex.getMessage(), ex);
		}
	}

	private static byte[] generate(Path file) throws IOException {
		byte[] key = new byte[32];
		new SecureRandom().nextBytes(key);
		Files.createDirectories(file.toAbsolutePath().getParent());
		String text = Base64.getEncoder().encodeToString(key) + "\n";
		try {
			if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
				Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
			}
			else {
				Files.createFile(file);
			}
		}
		catch (FileAlreadyExistsException ex) {
			// another process created it first: use that one
			return decode(Files.readString(file, StandardCharsets.US_ASCII), file.toString());
		}
		Files.writeString(file, text, StandardCharsets.US_ASCII, StandardOpenOption.TRUNCATE_EXISTING);
		return key;
	}

	private static byte[] decode(String text, String origin) {
		byte[] key;
		try {
			key = Base64.getDecoder().decode(text.strip());
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalStateException("The identity data key in " + origin + " is not base64");
		}
		if (key.length != 32) {
			throw new IllegalStateException("The identity data key in " + origin + " must be 32 bytes (it is "
					+ key.length + ")");
		}
		return key;
	}

}
