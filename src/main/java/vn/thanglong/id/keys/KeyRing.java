package vn.thanglong.id.keys;

import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
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
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

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

/**
 * The signing keys of every realm, read from {@code <directory>/<realm>/keyset.yaml} and
 * its PEM files, and re-read when that file changes so that a rotation needs no restart.
 * {@code kid} is the RFC 7638 thumbprint. The JWKS document of each realm is rendered once
 * per change, not per request.
 */
public final class KeyRing {

	private static final Logger log = LoggerFactory.getLogger(KeyRing.class);

	static final List<String> ALGORITHMS = List.of("RS256", "ES256");

	private final KeysProperties properties;

	private final Clock clock;

	private final ConcurrentHashMap<String, RealmKeys> realms = new ConcurrentHashMap<>();

	KeyRing(KeysProperties properties, Clock clock, Collection<String> realmNames) {
		this.properties = Objects.requireNonNull(properties, "properties");
		this.clock = Objects.requireNonNull(clock, "clock");
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

	/** Re-reads every realm whose key set file changed, or whose retired keys have aged out. */
	public void refresh() {
		Instant now = this.clock.instant();
		this.realms.replaceAll((realm, current) -> {
			try {
				long modified = Files.getLastModifiedTime(keysetFile(realm)).toMillis();
				boolean aged = current.published().stream().anyMatch((key) -> !key.isPublishedAt(now));
				if (modified != current.modified() || aged) {
					RealmKeys reloaded = load(realm);
					log.info("Realm '{}': key set reloaded, active {}", realm, reloaded.active().values());
					return reloaded;
				}
			}
			catch (IOException | KeyLoadingException ex) {
				log.error("Realm '{}': key set not reloaded, keeping the current keys: {}", realm, ex.getMessage());
			}
			return current;
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
			long modified = Files.getLastModifiedTime(keyset).toMillis();
			List<SigningKey> all = parse(dir, keyset);
			Instant now = this.clock.instant();
			Map<String, SigningKey> active = new LinkedHashMap<>();
			for (SigningKey key : all) {
				if (key.status() == KeyStatus.ACTIVE && active.put(key.alg(), key) != null) {
					throw new KeyLoadingException(keyset + ": more than one active " + key.alg() + " key");
				}
			}
			if (!active.containsKey("RS256")) {
				throw new KeyLoadingException(keyset + ": no active RS256 key (OIDC Core section 15.1 requires RS256)");
			}
			List<SigningKey> published = all.stream().filter((key) -> key.isPublishedAt(now)).toList();
			String json = new JWKSet(published.stream().map(SigningKey::publicJwk).toList()).toString(true);
			return new RealmKeys(Map.copyOf(active), published, json, modified);
		}
		catch (IOException ex) {
			throw new KeyLoadingException(keyset + ": cannot be read (" + ex.getMessage() + ")");
		}
	}

	private List<SigningKey> parse(Path dir, Path keyset) throws IOException {
		Object document;
		try (InputStream in = Files.newInputStream(keyset)) {
			document = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
		}
		if (!(document instanceof Map<?, ?> root) || !(root.get("keys") instanceof List<?> entries)) {
			throw new KeyLoadingException(keyset + ": must be a mapping with a 'keys' list");
		}
		List<SigningKey> keys = new ArrayList<>();
		for (int i = 0; i < entries.size(); i++) {
			String where = keyset + ": keys[" + i + "]";
			if (!(entries.get(i) instanceof Map<?, ?> entry)) {
				throw new KeyLoadingException(where + ": must be a mapping");
			}
			String name = String.valueOf(entry.get("name"));
			String alg = String.valueOf(entry.get("alg"));
			if (!ALGORITHMS.contains(alg)) {
				throw new KeyLoadingException(where + ".alg: must be RS256 or ES256");
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
			}
			String keyAlgorithm = alg.startsWith("RS") ? "RSA" : "EC";
			PublicKey publicKey = PemKeys.readPublic(dir.resolve(name + ".pub.pem"), keyAlgorithm);
			PrivateKey privateKey = PemKeys.readPrivate(dir.resolve(name + ".key.pem"), keyAlgorithm);
			keys.add(new SigningKey(name, alg, status, toJwk(where, alg, publicKey, privateKey), publishUntil));
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
				throw new KeyLoadingException(where + ": must be an ISO-8601 instant");
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
				if (rsaPublic.getModulus().bitLength() < 2048) {
					throw new KeyLoadingException(where + ": RSA keys must have at least 2048 bits");
				}
				jwk = new RSAKey.Builder(rsaPublic).privateKey((PrivateKey) rsaPrivate).keyUse(KeyUse.SIGNATURE)
					.algorithm(JWSAlgorithm.RS256).build();
			}
			else {
				if (!(publicKey instanceof ECPublicKey ecPublic) || !(privateKey instanceof ECPrivateKey)
						|| !Curve.P_256.equals(Curve.forECParameterSpec(ecPublic.getParams()))) {
					throw new KeyLoadingException(where + ": ES256 needs a P-256 key pair");
				}
				jwk = new ECKey.Builder(Curve.P_256, ecPublic).privateKey(privateKey).keyUse(KeyUse.SIGNATURE)
					.algorithm(JWSAlgorithm.ES256).build();
			}
			String kid = jwk.computeThumbprint().toString();
			return (jwk instanceof RSAKey rsa) ? new RSAKey.Builder(rsa).keyID(kid).build()
					: new ECKey.Builder((ECKey) jwk).keyID(kid).build();
		}
		catch (JOSEException ex) {
			throw new KeyLoadingException(where + ": " + ex.getMessage());
		}
	}

	private void generate(Path dir, Path keyset) {
		try {
			Files.createDirectories(dir);
			String date = LocalDate.ofInstant(this.clock.instant(), ZoneOffset.UTC).toString().replace("-", "");
			StringBuilder yaml = new StringBuilder("# Generated for development at first start. See keys/README.md.\nkeys:\n");
			for (String alg : ALGORITHMS) {
				String name = alg.toLowerCase(Locale.ROOT) + "-" + date;
				KeyPair pair = PemKeys.generate(alg);
				PemKeys.writePrivate(dir.resolve(name + ".key.pem"), pair.getPrivate());
				PemKeys.writePublic(dir.resolve(name + ".pub.pem"), pair.getPublic());
				yaml.append("  - name: ").append(name).append("\n    alg: ").append(alg).append("\n    status: active\n");
			}
			try (Writer out = Files.newBufferedWriter(keyset, StandardCharsets.UTF_8)) {
				out.write(yaml.toString());
			}
			log.warn("Generated development signing keys in {}", dir);
		}
		catch (IOException ex) {
			throw new KeyLoadingException(dir + ": cannot write generated keys (" + ex.getMessage() + ")");
		}
	}

	private record RealmKeys(Map<String, SigningKey> active, List<SigningKey> published, String jwksJson,
			long modified) {
	}

}
