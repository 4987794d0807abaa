package vn.thanglong.id.keys;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Symmetric secrets of a realm that are not signing keys, such as the key that derives
 * pairwise subject identifiers. Each is a file {@code {keys}/{realm}/{name}.key} holding 32
 * random bytes in base64. Like signing keys, a missing one is generated at first start only
 * when {@code idp.keys.generate-missing} is on (the embedded default); in production every
 * node must be given the same file, or the start stops.
 */
public final class RealmSecrets {

	private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,40}");

	private static final Pattern REALM = Pattern.compile("[a-z0-9-]{1,64}");

	private final KeysProperties properties;

	private final SecureRandom random = new SecureRandom();

	private final Map<String, byte[]> loaded = new ConcurrentHashMap<>();

	RealmSecrets(KeysProperties properties) {
		this.properties = Objects.requireNonNull(properties, "properties");
	}

	/** The 32-byte secret {@code name} of {@code realm}; loaded once, then kept in memory. */
	public byte[] secret(String realm, String name) {
		if (!NAME.matcher(name).matches() || !REALM.matcher(realm).matches()) {
			throw new IllegalArgumentException("invalid secret or realm name");
		}
		return this.loaded.computeIfAbsent(realm + "/" + name, (key) -> load(realm, name)).clone();
	}

	private byte[] load(String realm, String name) {
		Path file = this.properties.directory().resolve(realm).resolve(name + ".key");
		try {
			if (Files.notExists(file)) {
				if (!this.properties.generateMissing()) {
					throw new KeyLoadingException(file + ": missing (provision the same 32-byte base64 secret on "
							+ "every node, e.g. `openssl rand -base64 32`, or set IDP_KEYS_GENERATE_MISSING=true "
							+ "for a development machine)");
				}
				generate(file);
			}
			byte[] secret = Base64.getDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).strip());
			if (secret.length < 32) {
				throw new KeyLoadingException(file + ": a secret needs at least 32 bytes (base64)");
			}
			return secret;
		}
		catch (IOException | IllegalArgumentException ex) {
			throw new KeyLoadingException(file + ": cannot read the secret (" + ex.getMessage() + ")");
		}
	}

	private void generate(Path file) throws IOException {
		Files.createDirectories(file.getParent());
		byte[] secret = new byte[32];
		this.random.nextBytes(secret);
		Path temporary = Files.createTempFile(file.getParent(), ".secret", ".tmp");
		try {
			try {
				Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-------"));
			}
			catch (UnsupportedOperationException notPosix) {
				// a file system without POSIX permissions: the directory's own protection applies
			}
			Files.writeString(temporary, Base64.getEncoder().encodeToString(secret) + "\n", StandardCharsets.US_ASCII);
			try {
				// never replaces a secret another process wrote meanwhile: that one wins
				Files.move(temporary, file);
			}
			catch (FileAlreadyExistsException raced) {
				// the other process's file is read instead
			}
		}
		finally {
			Files.deleteIfExists(temporary);
		}
	}

}
