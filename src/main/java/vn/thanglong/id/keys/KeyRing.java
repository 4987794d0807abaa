package vn.thanglong.id.keys;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * The signing keys of every realm, read from {@code <directory>/<realm>/keyset.yaml} and
 * its PEM files, and re-read when that file changes so that a rotation needs no restart
 * (see {@code keys/README.md}, "Rotation runbook"). {@code kid} is the RFC 7638 thumbprint
 * (SHA-256). The JWKS document of each realm (RFC 7517 section 5) is rendered once per
 * change, not per request.
 */
public final class KeyRing {

	private static final Logger log = LoggerFactory.getLogger(KeyRing.class);

	static final List<String> ALGORITHMS = List.of("RS256", "ES256");

	/** A file name stem: no path separators, no leading dot, nothing a shell would mangle. */
	private static final Pattern KEY_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

	private static final byte[] PROBE = "thanglong-id key pair check".getBytes(StandardCharsets.US_ASCII);

	private final KeysProperties properties;

	private final Clock clock;

	private final ConcurrentHashMap<String, RealmKeys> realms = new ConcurrentHashMap<>();

	KeyRing(KeysProperties properties, Clock clock, Collection<String> realmNames) {
		this.properties = Objects.requireNonNull(properties, "properties");
		this.clock = Objects.requireNonNull(clock, "clock");
		Objects.requireNonNull(realmNames, "realmNames");
		for (String realm : realmNames) {
			this.realms.put(realm, load(realm));
		}
	}

	/** The key that signs new tokens of {@code alg} in {@code realm}. */
	public Optional<SigningKey> activeKey(String realm, String alg) {
		RealmKeys keys = this.realms.get(realm);
		return (keys != null) ? Optional.ofNullable(keys.active().get(alg)) : Optional.empty();
	}

	/** Every key relying parties may meet: next, active, and retired until their tokens expire. */
	public List<SigningKey> publishedKeys(String realm) {
		RealmKeys keys = this.realms.get(realm);
		return (keys != null) ? keys.published() : List.of();
	}

	/** The realm's JWKS document (RFC 7517 section 5), public parts only. */
	public String jwksJson(String realm) {
		RealmKeys keys = this.realms.get(realm);
		return (keys != null) ? keys.jwksJson() : "{\"keys\":[]}";
	}

	/**
	 * Re-reads every realm whose key set file changed (content or modification time), and drops
	 * retired keys whose {@code publishUntil} has passed. A key set that cannot be used leaves
	 * the realm's current keys in place and is logged.
	 */
	public void refresh() {
		Instant now = this.clock.instant();
		this.realms.replaceAll((realm, current) -> {
			RealmKeys next = current;
			try {
				Path keyset = keysetFile(realm);
				long modified = Files.getLastModifiedTime(keyset).toMillis();
				byte[] content = Files.readAllBytes(keyset);
				if (modified != current.modified() || !Arrays.equals(digest(content), current.digest())) {
					next = load(realm);
					log.info("Realm '{}': key set reloaded, active {}, published {}", realm, next.active().values(),
							next.published());
				}
			}
			catch (NoSuchFileException ex) {
				log.error("Realm '{}': key set not reloaded, keeping the current keys: {}: missing", realm, ex.getFile());
			}
			catch (IOException ex) {
				log.error("Realm '{}': key set not reloaded, keeping the current keys: {}", realm, ex.toString());
			}
			catch (KeyLoadingException ex) {
				log.error("Realm '{}': key set not reloaded, keeping the current keys: {}", realm, ex.getMessage());
			}
			// Ageing out needs no file change and must happen even while the file is broken.
			if (next.published().stream().anyMatch((key) -> !key.isPublishedAt(now))) {
				next = RealmKeys.of(next.all(), next.active(), now, next.modified(), next.digest());
				log.info("Realm '{}': retired keys past publishUntil dropped, published {}", realm, next.published());
			}
			return next;
		});
	}

	private Path keysetFile(String realm) {
		return this.properties.directory().resolve(realm).resolve("keyset.yaml");
	}

	private RealmKeys load(String realm) {
		Path dir = this.properties.directory().resolve(realm);
		Path keyset = keysetFile(realm);
		if (!Files.isRegularFile(keyset)) {
			if (!this.properties.generateMissing()) {
				throw new KeyLoadingException(keyset + ": missing (realm '" + realm + "' has no signing keys; "
						+ "see keys/README.md, or set IDP_KEYS_GENERATE_MISSING=true for development)");
			}
			generate(dir, keyset);
		}
		try {
			// The time stamp is read first: a change racing with this read is then seen next time.
			long modified = Files.getLastModifiedTime(keyset).toMillis();
			byte[] content = Files.readAllBytes(keyset);
			List<SigningKey> all = parse(dir, keyset, content);
			Map<String, SigningKey> active = new LinkedHashMap<>();
			for (SigningKey key : all) {
				if (key.status() == KeyStatus.ACTIVE && active.put(key.alg(), key) != null) {
					throw new KeyLoadingException(keyset + ": more than one active " + key.alg() + " key");
				}
			}
			if (!active.containsKey("RS256")) {
				// OpenID Connect Core 1.0 section 15.1: an OP must support RS256.
				throw new KeyLoadingException(keyset + ": no active RS256 key (OpenID Connect Core 1.0 section 15.1 "
						+ "requires RS256)");
			}
			return RealmKeys.of(all, Map.copyOf(active), this.clock.instant(), modified, digest(content));
		}
		catch (IOException ex) {
			throw new KeyLoadingException(keyset + ": cannot be read (" + ex + ")");
		}
	}

	private List<SigningKey> parse(Path dir, Path keyset, byte[] content) {
		Object document;
		try {
			document = new Yaml(new SafeConstructor(new LoaderOptions())).load(new ByteArrayInputStream(content));
		}
		catch (YAMLException ex) {
			throw new KeyLoadingException(keyset + ": not valid YAML (" + ex.getMessage() + ")");
		}
		if (!(document instanceof Map<?, ?> root) || !(root.get("keys") instanceof List<?> entries)) {
			throw new KeyLoadingException(keyset + ": must be a mapping with a 'keys' list");
		}
		List<SigningKey> keys = new ArrayList<>();
		Set<String> names = new HashSet<>();
		Map<String, String> kids = new LinkedHashMap<>();
		for (int i = 0; i < entries.size(); i++) {
			String where = keyset + ": keys[" + i + "]";
			if (!(entries.get(i) instanceof Map<?, ?> entry)) {
				throw new KeyLoadingException(where + ": must be a mapping");
			}
			Object nameValue = entry.get("name");
			if (!(nameValue instanceof String name) || !KEY_NAME.matcher(name).matches()) {
				throw new KeyLoadingException(where + ".name: must be a file name stem (letters, digits, '.', '_', "
						+ "'-'; not starting with '.'), found '" + nameValue + "'");
			}
			if (!names.add(name)) {
				throw new KeyLoadingException(where + ".name: '" + name + "' is listed twice");
			}
			String alg = String.valueOf(entry.get("alg"));
			if (!ALGORITHMS.contains(alg)) {
				throw new KeyLoadingException(where + ".alg: must be RS256 or ES256, found '" + alg + "'");
			}
			KeyStatus status;
			try {
				status = KeyStatus.valueOf(String.valueOf(entry.get("status")).toUpperCase(Locale.ROOT));
			}
			catch (IllegalArgumentException ex) {
				throw new KeyLoadingException(where + ".status: must be next, active or retired");
			}
			Instant publishUntil = null;
			if (entry.get("publishUntil") != null) {
				publishUntil = instant(where + ".publishUntil", entry.get("publishUntil"));
				if (status != KeyStatus.RETIRED) {
					log.warn("{}: publishUntil is ignored for a {} key", where, status.name().toLowerCase(Locale.ROOT));
				}
			}
			else if (status == KeyStatus.RETIRED) {
				log.warn("{}: retired key '{}' has no publishUntil and stays in the JWKS until removed", where, name);
			}
			String keyAlgorithm = alg.startsWith("RS") ? "RSA" : "EC";
			PublicKey publicKey = PemKeys.readPublic(dir.resolve(name + ".pub.pem"), keyAlgorithm);
			PrivateKey privateKey = PemKeys.readPrivate(dir.resolve(name + ".key.pem"), keyAlgorithm);
			JWK jwk = toJwk(where, alg, publicKey, privateKey);
			String previous = kids.put(jwk.getKeyID(), name);
			if (previous != null) {
				throw new KeyLoadingException(where + ": key '" + name + "' is the same key as '" + previous + "'");
			}
			keys.add(new SigningKey(name, alg, status, jwk, publishUntil));
		}
		return keys;
	}

	private static Instant instant(String where, Object value) {
		if (value instanceof java.util.Date date) {
			return date.toInstant();
		}
		try {
			return Instant.parse(String.valueOf(value));
		}
		catch (DateTimeParseException ex) {
			try {
				return LocalDate.parse(String.valueOf(value)).atStartOfDay(ZoneOffset.UTC).toInstant();
			}
			catch (DateTimeParseException again) {
				throw new KeyLoadingException(where + ": must be an ISO-8601 instant such as 2026-01-31T00:00:00Z");
			}
		}
	}

	private static JWK toJwk(String where, String alg, PublicKey publicKey, PrivateKey privateKey) {
		try {
			JWK jwk;
			if ("RS256".equals(alg)) {
				if (!(publicKey instanceof RSAPublicKey rsaPublic) || !(privateKey instanceof RSAPrivateKey rsaPrivate)) {
					throw new KeyLoadingException(where + ": RS256 needs an RSA key pair");
				}
				// RFC 7518 section 3.3: a key of 2048 bits or larger MUST be used.
				if (rsaPublic.getModulus().bitLength() < 2048) {
					throw new KeyLoadingException(where + ": RSA keys must have at least 2048 bits, this one has "
							+ rsaPublic.getModulus().bitLength());
				}
				matchPair(where, "SHA256withRSA", publicKey, privateKey);
				jwk = new RSAKey.Builder(rsaPublic).privateKey(rsaPrivate).keyUse(KeyUse.SIGNATURE)
					.algorithm(JWSAlgorithm.RS256).build();
			}
			else {
				// RFC 7518 section 3.4: ES256 is ECDSA on P-256.
				if (!(publicKey instanceof ECPublicKey ecPublic) || !(privateKey instanceof ECPrivateKey)
						|| !Curve.P_256.equals(Curve.forECParameterSpec(ecPublic.getParams()))) {
					throw new KeyLoadingException(where + ": ES256 needs a P-256 key pair");
				}
				matchPair(where, "SHA256withECDSA", publicKey, privateKey);
				jwk = new ECKey.Builder(Curve.P_256, ecPublic).privateKey(privateKey).keyUse(KeyUse.SIGNATURE)
					.algorithm(JWSAlgorithm.ES256).build();
			}
			String kid = jwk.computeThumbprint().toString();
			return (jwk instanceof RSAKey rsa) ? new RSAKey.Builder(rsa).keyID(kid).build()
					: new ECKey.Builder((ECKey) jwk).keyID(kid).build();
		}
		catch (JOSEException | IllegalArgumentException ex) {
			throw new KeyLoadingException(where + ": " + ex.getMessage());
		}
	}

	/**
	 * Signs and verifies once, so that a private key file paired with the wrong public key file
	 * stops the load instead of producing tokens nobody can verify against the JWKS.
	 */
	private static void matchPair(String where, String algorithm, PublicKey publicKey, PrivateKey privateKey) {
		byte[] signature;
		try {
			Signature signer = Signature.getInstance(algorithm);
			signer.initSign(privateKey);
			signer.update(PROBE);
			signature = signer.sign();
		}
		catch (GeneralSecurityException | RuntimeException ex) {
			throw new KeyLoadingException(where + ": the private key cannot sign (" + ex + ")");
		}
		boolean matches;
		try {
			Signature verifier = Signature.getInstance(algorithm);
			verifier.initVerify(publicKey);
			verifier.update(PROBE);
			matches = verifier.verify(signature);
		}
		catch (SignatureException ex) {
			// A signature of the wrong length: made by a key of another size.
			matches = false;
		}
		catch (GeneralSecurityException | RuntimeException ex) {
			throw new KeyLoadingException(where + ": the public key cannot verify (" + ex + ")");
		}
		if (!matches) {
			throw new KeyLoadingException(where + ": the private key does not belong to the public key");
		}
	}

	private void generate(Path dir, Path keyset) {
		try {
			Files.createDirectories(dir);
			String date = LocalDate.ofInstant(this.clock.instant(), ZoneOffset.UTC).toString().replace("-", "");
			StringBuilder yaml = new StringBuilder(
					"# Generated for development at first start. See keys/README.md.\nkeys:\n");
			for (String alg : ALGORITHMS) {
				String name = alg.toLowerCase(Locale.ROOT) + "-" + date;
				KeyPair pair = PemKeys.generate(alg);
				PemKeys.writePrivate(dir.resolve(name + ".key.pem"), pair.getPrivate());
				PemKeys.writePublic(dir.resolve(name + ".pub.pem"), pair.getPublic());
				yaml.append("  - name: ").append(name).append("\n    alg: ").append(alg).append("\n    status: active\n");
			}
			// keyset.yaml last and whole: its presence means the key files are complete.
			Path temporary = dir.resolve(".keyset.yaml.tmp");
			Files.writeString(temporary, yaml, StandardCharsets.UTF_8);
			Files.move(temporary, keyset, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
			log.warn("Generated development signing keys in {}", dir);
		}
		catch (IOException ex) {
			throw new KeyLoadingException(dir + ": cannot write generated keys (" + ex.getMessage() + ")");
		}
	}

	private static byte[] digest(byte[] content) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(content);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is required of every Java platform", ex);
		}
	}

	/** One realm's keys as loaded, and what is published of them at one instant. */
	private record RealmKeys(List<SigningKey> all, Map<String, SigningKey> active, List<SigningKey> published,
			String jwksJson, long modified, byte[] digest) {

		/** Active keys first: a relying party that ignores {@code kid} then tries the right key first. */
		private static final Comparator<SigningKey> PUBLICATION_ORDER = Comparator
			.comparingInt((SigningKey key) -> switch (key.status()) {
				case ACTIVE -> 0;
				case NEXT -> 1;
				case RETIRED -> 2;
			});

		static RealmKeys of(List<SigningKey> all, Map<String, SigningKey> active, Instant now, long modified,
				byte[] digest) {
			List<SigningKey> published = all.stream()
				.filter((key) -> key.isPublishedAt(now))
				.sorted(PUBLICATION_ORDER)
				.toList();
			String json = new JWKSet(published.stream().map(SigningKey::publicJwk).toList()).toString(true);
			return new RealmKeys(List.copyOf(all), active, published, json, modified, digest);
		}

	}

}
