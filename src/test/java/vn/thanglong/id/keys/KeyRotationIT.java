package vn.thanglong.id.keys;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.util.io.pem.PemObject;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Key rotation on a running server, as keys/README.md tells an operator to do it: a new key is
 * published as {@code next}, promoted to {@code active} while the old one is {@code retired}
 * (and still published), all without a restart; a relying party that cached the JWKS before the
 * promotion can verify tokens of both keys.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
		"spring.datasource.url=jdbc:h2:mem:key-rotation", "idp.realm-config=src/test/resources/realm-config-e2e",
		"idp.keys.refresh-interval=PT0.5S" })
class KeyRotationIT {

	private static final Path KEYS = temp();

	private static final Pattern ACCESS_TOKEN = Pattern.compile("\"access_token\":\"([^\"]+)\"");

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void keys(DynamicPropertyRegistry registry) {
		registry.add("idp.keys.directory", KEYS::toString);
	}

	private String base() {
		return "http://localhost:" + this.port + "/realms/e2e";
	}

	private JWKSet jwks() throws Exception {
		return JWKSet.parse(this.http.send(HttpRequest.newBuilder(URI.create(base() + "/oauth2/jwks")).build(),
				HttpResponse.BodyHandlers.ofString()).body());
	}

	private SignedJWT accessToken() throws Exception {
		String basic = Base64.getEncoder()
			.encodeToString("service:service-secret-for-tests-only-0123456789".getBytes(StandardCharsets.UTF_8));
		String body = this.http.send(HttpRequest.newBuilder(URI.create(base() + "/oauth2/token"))
			.header("Authorization", "Basic " + basic)
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope=records.read"))
			.build(), HttpResponse.BodyHandlers.ofString()).body();
		Matcher matcher = ACCESS_TOKEN.matcher(body);
		assertThat(matcher.find()).as(body).isTrue();
		return SignedJWT.parse(matcher.group(1));
	}

	private static void await(String what, ThrowingCheck check) throws Exception {
		long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
		while (!check.holds()) {
			if (System.nanoTime() > deadline) {
				throw new AssertionError("not within 15 s: " + what);
			}
			Thread.sleep(100);
		}
	}

	@Test
	void whenANewKeyIsPublishedThenPromotedThenTokensSwitchAndOldTokensStillVerify() throws Exception {
		Path realm = KEYS.resolve("e2e");
		String oldKid = accessToken().getHeader().getKeyID();
		int before = jwks().getKeys().size();
		String original = Files.readString(realm.resolve("keyset.yaml"));
		String oldName = original.lines().filter((line) -> line.contains("name: rs256")).findFirst().orElseThrow()
			.replaceAll(".*name: ", "").trim();

		KeyPair pair = rsa();
		write(realm.resolve("rs256-next.key.pem"), new PemObject("PRIVATE KEY", pair.getPrivate().getEncoded()));
		write(realm.resolve("rs256-next.pub.pem"), new PemObject("PUBLIC KEY", pair.getPublic().getEncoded()));
		String newKid = new RSAKey.Builder((java.security.interfaces.RSAPublicKey) pair.getPublic()).build()
			.computeThumbprint().toString();
		Files.writeString(realm.resolve("keyset.yaml"), original + "  - name: rs256-next\n    alg: RS256\n    status: next\n");

		await("the next key is published", () -> jwks().getKeyByKeyId(newKid) != null);
		assertThat(jwks().getKeys()).hasSize(before + 1);
		SignedJWT beforePromotion = accessToken();
		assertThat(beforePromotion.getHeader().getKeyID()).as("a next key does not sign yet").isEqualTo(oldKid);
		JWKSet cachedByRelyingParty = jwks();

		String promoted = original.replace("name: " + oldName + "\n    alg: RS256\n    status: active",
				"name: " + oldName + "\n    alg: RS256\n    status: retired\n    publishUntil: "
						+ Instant.now().plus(Duration.ofHours(1)))
				+ "  - name: rs256-next\n    alg: RS256\n    status: active\n";
		Files.writeString(realm.resolve("keyset.yaml"), promoted);

		await("tokens are signed with the new key", () -> newKid.equals(accessToken().getHeader().getKeyID()));
		SignedJWT afterPromotion = accessToken();
		assertThat(jwks().getKeyByKeyId(oldKid)).as("the retired key stays published").isNotNull();
		for (SignedJWT token : new SignedJWT[] { beforePromotion, afterPromotion }) {
			JWSVerifier verifier = new RSASSAVerifier(
					(RSAKey) cachedByRelyingParty.getKeyByKeyId(token.getHeader().getKeyID()));
			assertThat(token.verify(verifier)).isTrue();
		}
	}

	@FunctionalInterface
	interface ThrowingCheck {

		boolean holds() throws Exception;

	}

	private static KeyPair rsa() throws Exception {
		KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
		generator.initialize(2048);
		return generator.generateKeyPair();
	}

	private static void write(Path file, PemObject pem) throws IOException {
		StringWriter out = new StringWriter();
		try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
			writer.writeObject(pem);
		}
		Files.writeString(file, out.toString());
	}

	private static Path temp() {
		try {
			return Files.createTempDirectory("tlid-rotation");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
