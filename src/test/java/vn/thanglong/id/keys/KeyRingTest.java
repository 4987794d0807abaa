package vn.thanglong.id.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.JSONObjectUtils;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import vn.thanglong.id.support.MutableClock;

/** The key ring as the server sees it at start-up and across a rotation, without Spring. */
class KeyRingTest {

	private static final String REALM = "hanoi";

	private static final Set<String> PUBLIC_PARAMETERS = Set.of("kty", "use", "alg", "kid", "n", "e", "crv", "x",
			"y");

	@TempDir
	Path keys;

	Path dir;

	MutableClock clock;

	@BeforeAll
	static void providers() {
		// As in production, where main() installs them before anything else.
		CryptoProviders.install();
	}

	@BeforeEach
	void setUp() {
		this.dir = this.keys.resolve(REALM);
		this.clock = new MutableClock(Instant.parse("2026-03-01T08:00:00Z"));
	}

	// --- first start -------------------------------------------------------------------------

	@Test
	void whenKeysetIsMissingAndGenerationIsOnThenPkcs8AndSpkiFilesAndOneActiveKeyPerAlgorithmAreWritten()
			throws IOException {
		KeyRing ring = ring(true);

		Map<String, Object> keyset = yaml(this.dir.resolve("keyset.yaml"));
		@SuppressWarnings("unchecked")
		List<Map<String, Object>> entries = (List<Map<String, Object>>) keyset.get("keys");
		assertThat(entries).extracting((entry) -> entry.get("alg")).containsExactly("RS256", "ES256");
		assertThat(entries).extracting((entry) -> entry.get("status")).containsOnly("active");
		for (Map<String, Object> entry : entries) {
			String name = (String) entry.get("name");
			assertThat(Files.readString(this.dir.resolve(name + ".key.pem")))
				.startsWith("-----BEGIN PRIVATE KEY-----");
			assertThat(Files.readString(this.dir.resolve(name + ".pub.pem"))).startsWith("-----BEGIN PUBLIC KEY-----");
		}
		assertThat(ring.activeKey(REALM, "RS256")).get().extracting(SigningKey::status).isEqualTo(KeyStatus.ACTIVE);
		assertThat(ring.activeKey(REALM, "ES256")).get().extracting(SigningKey::status).isEqualTo(KeyStatus.ACTIVE);
		assertThat(ring.publishedKeys(REALM)).hasSize(2);
		assertThat(this.dir).isDirectoryNotContaining("glob:**.tmp");
	}

	@Test
	void whenKeysAreGeneratedThenPrivateKeyFilesAreReadableByTheOwnerOnly() throws IOException {
		ring(true);

		try (var files = Files.list(this.dir)) {
			List<Path> privateKeys = files.filter((file) -> file.toString().endsWith(".key.pem")).toList();
			assertThat(privateKeys).hasSize(2);
			for (Path file : privateKeys) {
				assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
			}
		}
	}

	@Test
	void whenTheServerRestartsThenGeneratedKeysAreReusedNotReplaced() {
		KeyRing first = ring(true);
		KeyRing second = ring(false);

		assertThat(second.activeKey(REALM, "RS256").orElseThrow().kid())
			.isEqualTo(first.activeKey(REALM, "RS256").orElseThrow().kid());
		assertThat(second.jwksJson(REALM)).isEqualTo(first.jwksJson(REALM));
	}

	@Test
	void whenKeysetIsMissingAndGenerationIsOffThenTheStartFailsNamingTheFile() {
		assertThatThrownBy(() -> ring(false)).isInstanceOf(KeyLoadingException.class)
			.hasMessageContaining(this.dir.resolve("keyset.yaml").toString())
			.hasMessageContaining("missing")
			.hasMessageContaining("IDP_KEYS_GENERATE_MISSING");
		assertThat(this.dir).doesNotExist();
	}

	// --- kid and JWKS ------------------------------------------------------------------------

	@Test
	void whenKeysAreLoadedThenKidIsTheRfc7638ThumbprintOfThePublicKey() throws Exception {
		provisionRsaAndEc();
		KeyRing ring = ring(false);

		RSAPublicKey rsa = (RSAPublicKey) KeyFixtures.readPublic(this.dir.resolve("rs-a.pub.pem"));
		ECPublicKey ec = (ECPublicKey) KeyFixtures.readPublic(this.dir.resolve("es-a.pub.pem"));
		String rsaKid = ring.activeKey(REALM, "RS256").orElseThrow().kid();
		String ecKid = ring.activeKey(REALM, "ES256").orElseThrow().kid();

		assertThat(rsaKid).isEqualTo(new RSAKey.Builder(rsa).build().computeThumbprint("SHA-256").toString());
		assertThat(ecKid).isEqualTo(new ECKey.Builder(Curve.P_256, ec).build().computeThumbprint("SHA-256").toString());
		// RFC 7638 section 3: the required members in lexicographic order, no white space.
		assertThat(rsaKid).isEqualTo(thumbprint("{\"e\":\"" + b64(rsa.getPublicExponent()) + "\",\"kty\":\"RSA\",\"n\":\""
				+ b64(rsa.getModulus()) + "\"}"));
		assertThat(ecKid).isEqualTo(thumbprint("{\"crv\":\"P-256\",\"kty\":\"EC\",\"x\":\""
				+ b64(ec.getW().getAffineX(), 32) + "\",\"y\":\"" + b64(ec.getW().getAffineY(), 32) + "\"}"));
		assertThat(ring.jwksJson(REALM)).contains(rsaKid, ecKid);
	}

	@Test
	void whenJwksIsRenderedThenItHoldsOnlyPublicParameters() throws Exception {
		provisionRsaAndEc();
		KeyRing ring = ring(false);

		List<Object> jwks = JSONObjectUtils.getJSONArray(JSONObjectUtils.parse(ring.jwksJson(REALM)), "keys");
		assertThat(jwks).hasSize(2);
		for (Object jwk : jwks) {
			Set<String> members = ((Map<?, ?>) jwk).keySet().stream().map(String::valueOf)
				.collect(java.util.stream.Collectors.toSet());
			assertThat(members).allMatch(PUBLIC_PARAMETERS::contains)
				.doesNotContain("d", "p", "q", "dp", "dq", "qi", "oth");
			assertThat(((Map<?, ?>) jwk).get("use")).isEqualTo("sig");
		}
		assertThat(JWKSet.parse(ring.jwksJson(REALM)).getKeys()).noneMatch(JWK::isPrivate);
		assertThat(ring.publishedKeys(REALM)).extracting(SigningKey::publicJwk).noneMatch(JWK::isPrivate);
	}

	@Test
	void whenRealmIsUnknownThenNoKeysAndAnEmptyJwks() {
		provisionRsaAndEc();
		KeyRing ring = ring(false);

		assertThat(ring.activeKey("nowhere", "RS256")).isEmpty();
		assertThat(ring.publishedKeys("nowhere")).isEmpty();
		assertThat(ring.jwksJson("nowhere")).isEqualTo("{\"keys\":[]}");
	}

	// --- signing -----------------------------------------------------------------------------

	@Test
	void whenSigningWithTheActiveRs256KeyThenThePublishedKeyVerifies() throws Exception {
		provisionRsaAndEc();
		KeyRing ring = ring(false);
		SigningKey key = ring.activeKey(REALM, "RS256").orElseThrow();

		JWSObject jws = new JWSObject(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.kid()).build(),
				new Payload("{\"sub\":\"citizen-1\"}"));
		jws.sign(new RSASSASigner((RSAKey) key.signingJwk()));

		JWSObject received = JWSObject.parse(jws.serialize());
		RSAKey published = (RSAKey) JWKSet.parse(ring.jwksJson(REALM)).getKeyByKeyId(received.getHeader().getKeyID());
		assertThat(received.verify(new RSASSAVerifier(published))).isTrue();
		assertThat(received.verify(new RSASSAVerifier((RSAKey) key.publicJwk()))).isTrue();
	}

	@Test
	void whenSigningWithTheActiveEs256KeyThenThePublishedKeyVerifies() throws Exception {
		provisionRsaAndEc();
		KeyRing ring = ring(false);
		SigningKey key = ring.activeKey(REALM, "ES256").orElseThrow();

		JWSObject jws = new JWSObject(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.kid()).build(),
				new Payload("{\"sub\":\"citizen-1\"}"));
		jws.sign(new ECDSASigner((ECKey) key.signingJwk()));

		JWSObject received = JWSObject.parse(jws.serialize());
		ECKey published = (ECKey) JWKSet.parse(ring.jwksJson(REALM)).getKeyByKeyId(received.getHeader().getKeyID());
		assertThat(received.verify(new ECDSAVerifier(published))).isTrue();
		assertThat(received.verify(new ECDSAVerifier((ECKey) key.publicJwk()))).isTrue();
	}

	@Test
	void whenGeneratedKeysSignThenThePublishedKeysVerify() throws Exception {
		KeyRing ring = ring(true);
		SigningKey rsa = ring.activeKey(REALM, "RS256").orElseThrow();
		SigningKey ec = ring.activeKey(REALM, "ES256").orElseThrow();

		JWSObject rs256 = new JWSObject(new JWSHeader(JWSAlgorithm.RS256), new Payload("x"));
		rs256.sign(new RSASSASigner((RSAKey) rsa.signingJwk()));
		JWSObject es256 = new JWSObject(new JWSHeader(JWSAlgorithm.ES256), new Payload("x"));
		es256.sign(new ECDSASigner((ECKey) ec.signingJwk()));

		assertThat(rs256.verify(new RSASSAVerifier((RSAKey) rsa.publicJwk()))).isTrue();
		assertThat(es256.verify(new ECDSAVerifier((ECKey) ec.publicJwk()))).isTrue();
	}

	// --- rotation ----------------------------------------------------------------------------

	@Test
	void whenANextKeyIsAddedThenItIsPublishedButDoesNotSign() throws IOException {
		provisionRsaAndEc();
		KeyRing ring = ring(false);
		String oldKid = ring.activeKey(REALM, "RS256").orElseThrow().kid();

		KeyFixtures.writePair(this.dir, "rs-b", KeyFixtures.rsa3072());
		keyset(entry("rs-a", "RS256", "active"), entry("es-a", "ES256", "active"), entry("rs-b", "RS256", "next"));
		ring.refresh();

		assertThat(ring.activeKey(REALM, "RS256").orElseThrow().kid()).isEqualTo(oldKid);
		assertThat(ring.publishedKeys(REALM)).extracting(SigningKey::name).containsExactlyInAnyOrder("rs-a", "es-a",
				"rs-b");
		assertThat(ring.publishedKeys(REALM)).filteredOn((key) -> key.name().equals("rs-b"))
			.extracting(SigningKey::status)
			.containsExactly(KeyStatus.NEXT);
		assertThat(ring.jwksJson(REALM)).contains(kidOf(ring, "rs-b"));
	}

	@Test
	void whenTheNextKeyIsPromotedAndTheOldOneRetiredThenBothArePublishedAndTheNewOneSigns() throws Exception {
		provisionRsaAndEc();
		KeyFixtures.writePair(this.dir, "rs-b", KeyFixtures.rsa3072());
		keyset(entry("rs-a", "RS256", "active"), entry("es-a", "ES256", "active"), entry("rs-b", "RS256", "next"));
		KeyRing ring = ring(false);
		String oldKid = kidOf(ring, "rs-a");
		String newKid = kidOf(ring, "rs-b");

		this.clock.advance(Duration.ofMinutes(10));
		keyset(entry("rs-a", "RS256", "retired", "2026-03-01T09:10:00Z"), entry("es-a", "ES256", "active"),
				entry("rs-b", "RS256", "active"));
		ring.refresh();

		SigningKey signing = ring.activeKey(REALM, "RS256").orElseThrow();
		assertThat(signing.kid()).isEqualTo(newKid);
		assertThat(signing.name()).isEqualTo("rs-b");
		assertThat(ring.jwksJson(REALM)).contains(oldKid, newKid);
		assertThat(ring.publishedKeys(REALM)).filteredOn((key) -> key.kid().equals(oldKid))
			.extracting(SigningKey::status)
			.containsExactly(KeyStatus.RETIRED);
		// A token signed before the promotion still verifies against the JWKS.
		JWSObject before = new JWSObject(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(oldKid).build(),
				new Payload("old"));
		before.sign(new RSASSASigner(KeyFixtures.rsa2048().getPrivate()));
		RSAKey stillPublished = (RSAKey) JWKSet.parse(ring.jwksJson(REALM)).getKeyByKeyId(oldKid);
		assertThat(before.verify(new RSASSAVerifier(stillPublished))).isTrue();
	}

	@Test
	void whenPublishUntilHasPassedThenRefreshDropsTheRetiredKeyWithoutAFileChange() throws IOException {
		provisionRsaAndEc();
		KeyFixtures.writePair(this.dir, "rs-b", KeyFixtures.rsa3072());
		keyset(entry("rs-a", "RS256", "retired", "2026-03-01T09:00:00Z"), entry("es-a", "ES256", "active"),
				entry("rs-b", "RS256", "active"));
		KeyRing ring = ring(false);
		String oldKid = kidOf(ring, "rs-a");

		this.clock.advance(Duration.ofMinutes(59));
		ring.refresh();
		assertThat(ring.jwksJson(REALM)).contains(oldKid);

		this.clock.advance(Duration.ofMinutes(1));
		ring.refresh();
		assertThat(ring.publishedKeys(REALM)).extracting(SigningKey::name).containsExactlyInAnyOrder("es-a", "rs-b");
		assertThat(ring.jwksJson(REALM)).doesNotContain(oldKid);
	}

	@Test
	void whenPublishUntilPassesWhileTheKeysetIsBrokenThenTheRetiredKeyIsStillDropped() throws IOException {
		provisionRsaAndEc();
		KeyFixtures.writePair(this.dir, "rs-b", KeyFixtures.rsa3072());
		keyset(entry("rs-a", "RS256", "retired", "2026-03-01T09:00:00Z"), entry("es-a", "ES256", "active"),
				entry("rs-b", "RS256", "active"));
		KeyRing ring = ring(false);
		String oldKid = kidOf(ring, "rs-a");

		Files.writeString(this.dir.resolve("keyset.yaml"), "keys: [ {name: rs-b, alg: RS256");
		this.clock.advance(Duration.ofHours(2));
		ring.refresh();

		assertThat(ring.jwksJson(REALM)).doesNotContain(oldKid);
		assertThat(ring.activeKey(REALM, "RS256").orElseThrow().name()).isEqualTo("rs-b");
	}

	@Test
	void whenARetiredKeyIsAlreadyPastPublishUntilAtStartThenItIsNotPublished() throws IOException {
		provisionRsaAndEc();
		KeyFixtures.writePair(this.dir, "rs-b", KeyFixtures.rsa3072());
		keyset(entry("rs-a", "RS256", "retired", "2026-02-01T00:00:00Z"), entry("es-a", "ES256", "active"),
				entry("rs-b", "RS256", "active"));

		KeyRing ring = ring(false);

		assertThat(ring.publishedKeys(REALM)).extracting(SigningKey::name).containsExactlyInAnyOrder("es-a", "rs-b");
	}

	@Test
	void whenTheKeysetBecomesBrokenThenRefreshKeepsThePreviousKeys() throws IOException {
		provisionRsaAndEc();
		KeyRing ring = ring(false);
		String jwks = ring.jwksJson(REALM);
		String kid = ring.activeKey(REALM, "RS256").orElseThrow().kid();

		Files.writeString(this.dir.resolve("keyset.yaml"), "keys: [ {name: rs-a, alg: RS256");
		ring.refresh();
		assertThat(ring.jwksJson(REALM)).isEqualTo(jwks);
		assertThat(ring.activeKey(REALM, "RS256").orElseThrow().kid()).isEqualTo(kid);

		keyset(entry("rs-a", "RS256", "active"), entry("es-a", "ES256", "active"), entry("missing", "RS256", "next"));
		ring.refresh();
		assertThat(ring.jwksJson(REALM)).isEqualTo(jwks);

		Files.delete(this.dir.resolve("keyset.yaml"));
		ring.refresh();
		assertThat(ring.jwksJson(REALM)).isEqualTo(jwks);
		assertThat(this.dir.resolve("keyset.yaml")).doesNotExist();
	}

	@Test
	void whenABrokenKeysetIsRepairedThenRefreshLoadsIt() throws IOException {
		provisionRsaAndEc();
		KeyRing ring = ring(false);
		Files.writeString(this.dir.resolve("keyset.yaml"), "not: [a key set");
		ring.refresh();

		KeyFixtures.writePair(this.dir, "rs-b", KeyFixtures.rsa3072());
		keyset(entry("rs-a", "RS256", "active"), entry("es-a", "ES256", "active"), entry("rs-b", "RS256", "next"));
		ring.refresh();

		assertThat(ring.publishedKeys(REALM)).extracting(SigningKey::name).contains("rs-b");
	}

	@Test
	void whenTheKeysetChangesButKeepsItsModificationTimeThenRefreshStillSeesTheChange() throws IOException {
		provisionRsaAndEc();
		Path keyset = this.dir.resolve("keyset.yaml");
		FileTime stamp = Files.getLastModifiedTime(keyset);
		KeyRing ring = ring(false);

		KeyFixtures.writePair(this.dir, "rs-b", KeyFixtures.rsa3072());
		keyset(entry("rs-a", "RS256", "active"), entry("es-a", "ES256", "active"), entry("rs-b", "RS256", "next"));
		// As an edit within the file system's time stamp resolution, or a copy that keeps times, looks.
		Files.setLastModifiedTime(keyset, stamp);
		ring.refresh();

		assertThat(ring.publishedKeys(REALM)).extracting(SigningKey::name).contains("rs-b");
	}

	@Test
	void whenNothingChangedThenRefreshKeepsTheRenderedJwks() {
		provisionRsaAndEc();
		KeyRing ring = ring(false);
		String jwks = ring.jwksJson(REALM);

		ring.refresh();

		assertThat(ring.jwksJson(REALM)).isSameAs(jwks);
	}

	@Test
	void whenJwksIsRenderedThenActiveKeysComeBeforeNextAndRetiredOnes() throws Exception {
		provisionRsaAndEc();
		KeyFixtures.writePair(this.dir, "rs-b", KeyFixtures.rsa3072());
		KeyFixtures.writePair(this.dir, "rs-c", KeyFixtures.rsa(2048));
		keyset(entry("rs-a", "RS256", "retired", "2026-03-02T00:00:00Z"), entry("rs-c", "RS256", "next"),
				entry("es-a", "ES256", "active"), entry("rs-b", "RS256", "active"));
		KeyRing ring = ring(false);

		assertThat(JWKSet.parse(ring.jwksJson(REALM)).getKeys()).extracting(JWK::getKeyID)
			.containsExactly(kidOf(ring, "es-a"), kidOf(ring, "rs-b"), kidOf(ring, "rs-c"), kidOf(ring, "rs-a"));
	}

	// --- rejected key sets -------------------------------------------------------------------

	@Test
	void whenTwoRs256KeysAreActiveThenTheKeysetIsRejected() throws IOException {
		provisionRsaAndEc();
		KeyFixtures.writePair(this.dir, "rs-b", KeyFixtures.rsa3072());
		keyset(entry("rs-a", "RS256", "active"), entry("es-a", "ES256", "active"), entry("rs-b", "RS256", "active"));

		assertRejected("more than one active RS256 key");
	}

	@Test
	void whenNoRs256KeyIsActiveThenTheKeysetIsRejected() throws IOException {
		provisionRsaAndEc();
		keyset(entry("rs-a", "RS256", "next"), entry("es-a", "ES256", "active"));

		assertRejected("no active RS256 key");
	}

	@Test
	void whenAnEs256KeyIsListedWithRsaFilesThenTheKeysetIsRejected() throws IOException {
		provisionRsaAndEc();
		keyset(entry("rs-a", "RS256", "active"), entry("es-a", "ES256", "active"), entry("rs-a2", "ES256", "next"));
		KeyFixtures.writePair(this.dir, "rs-a2", KeyFixtures.rsa(2048));

		assertRejected("rs-a2.pub.pem: holds an RSA key, but the key set's alg needs EC");
	}

	@Test
	void whenAnRs256KeyIsListedWithEcFilesThenTheKeysetIsRejected() throws IOException {
		provisionRsaAndEc();
		keyset(entry("es-a", "RS256", "active"));

		assertRejected("es-a.pub.pem: holds an EC key, but the key set's alg needs RSA");
	}

	@Test
	void whenAnEs256KeyIsNotOnP256ThenTheKeysetIsRejected() throws IOException {
		provisionRsaAndEc();
		KeyFixtures.writePair(this.dir, "es-384", KeyFixtures.ec("secp384r1"));
		keyset(entry("rs-a", "RS256", "active"), entry("es-384", "ES256", "active"));

		assertRejected("ES256 needs a P-256 key pair");
	}

	@Test
	void whenAnRsaKeyHasFewerThan2048BitsThenTheKeysetIsRejected() throws IOException {
		KeyFixtures.writePair(this.dir, "rs-small", KeyFixtures.rsa(1024));
		keyset(entry("rs-small", "RS256", "active"));

		assertRejected("RSA keys must have at least 2048 bits, this one has 1024");
	}

	@Test
	void whenThePrivateKeyDoesNotBelongToThePublicKeyThenTheKeysetIsRejected() throws IOException {
		provisionRsaAndEc();
		KeyFixtures.writePem(this.dir.resolve("rs-a.pub.pem"), KeyFixtures.rsa3072().getPublic());
		assertRejected("keys[0]: the private key does not belong to the public key");

		KeyFixtures.writePem(this.dir.resolve("rs-a.pub.pem"), KeyFixtures.rsa(2048).getPublic());
		assertRejected("keys[0]: the private key does not belong to the public key");

		KeyFixtures.writePair(this.dir, "rs-a", KeyFixtures.rsa2048());
		KeyFixtures.writePem(this.dir.resolve("es-a.pub.pem"), KeyFixtures.ec("secp256r1").getPublic());
		assertRejected("keys[1]: the private key does not belong to the public key");
	}

	@Test
	void whenAKeyNameLeavesTheRealmDirectoryThenTheKeysetIsRejected() throws IOException {
		provisionRsaAndEc();
		keyset(entry("../hanoi/rs-a", "RS256", "active"));

		assertRejected("keys[0].name: must be a file name stem");
	}

	@Test
	void whenAKeyHasNoNameThenTheKeysetIsRejectedNamingTheEntry() throws IOException {
		provisionRsaAndEc();
		keyset("  - alg: RS256\n    status: active\n");

		assertRejected("keys[0].name");
	}

	@Test
	void whenTheSameKeyIsListedUnderTwoNamesThenTheKeysetIsRejected() throws IOException {
		provisionRsaAndEc();
		KeyFixtures.writePair(this.dir, "rs-copy", KeyFixtures.rsa2048());
		keyset(entry("rs-a", "RS256", "active"), entry("es-a", "ES256", "active"), entry("rs-copy", "RS256", "next"));

		assertRejected("key 'rs-copy' is the same key as 'rs-a'");
	}

	@Test
	void whenAKeyFileIsMissingThenTheKeysetIsRejectedNamingTheFile() throws IOException {
		provisionRsaAndEc();
		Files.delete(this.dir.resolve("es-a.key.pem"));

		assertRejected("es-a.key.pem: missing");
	}

	@Test
	void whenStatusOrAlgIsUnknownThenTheKeysetIsRejectedNamingTheField() throws IOException {
		provisionRsaAndEc();
		keyset(entry("rs-a", "RS256", "enabled"));
		assertRejected("keys[0].status: must be next, active or retired");

		keyset(entry("rs-a", "PS256", "active"));
		assertRejected("keys[0].alg: must be RS256 or ES256");
	}

	@Test
	void whenPublishUntilIsNotAnInstantThenTheKeysetIsRejected() throws IOException {
		provisionRsaAndEc();
		keyset(entry("rs-a", "RS256", "active"), entry("es-a", "ES256", "retired", "next tuesday"));

		assertRejected("keys[1].publishUntil: must be an ISO-8601 instant");
	}

	@Test
	void whenThePrivateKeyIsEncryptedThenTheKeysetIsRejectedNamingTheFile() throws Exception {
		provisionRsaAndEc();
		KeyFixtures.writePem(this.dir.resolve("rs-a.key.pem"),
				new JcaPKCS8Generator(KeyFixtures.rsa2048().getPrivate(),
						new org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder(JcaPKCS8Generator.AES_256_CBC)
							.setProvider(new org.bouncycastle.jce.provider.BouncyCastleProvider())
							.setPassword("secret".toCharArray())
							.build()));

		assertRejected("rs-a.key.pem: not an unencrypted PKCS#8 private key");
	}

	// --- accepted formats --------------------------------------------------------------------

	@Test
	void whenThePublicKeyIsAnX509CertificateThenTheKeyLoadsWithTheSameKid() throws IOException {
		provisionRsaAndEc();
		String kidFromSpki = ring(false).activeKey(REALM, "RS256").orElseThrow().kid();
		KeyFixtures.writePairWithCertificate(this.dir, "rs-a", KeyFixtures.rsa2048());
		KeyFixtures.writePairWithCertificate(this.dir, "es-a", KeyFixtures.ecP256());
		assertThat(Files.readString(this.dir.resolve("rs-a.pub.pem"))).startsWith("-----BEGIN CERTIFICATE-----");

		KeyRing ring = ring(false);

		assertThat(ring.activeKey(REALM, "RS256").orElseThrow().kid()).isEqualTo(kidFromSpki);
		assertThat(ring.activeKey(REALM, "ES256")).isPresent();
	}

	@Test
	void whenKeysWereCreatedOutsideTheServerAsOpensslPkcs8ThenTheyLoad() throws Exception {
		provisionRsaAndEc();
		assertThat(Files.readString(this.dir.resolve("rs-a.key.pem"))).startsWith("-----BEGIN PRIVATE KEY-----");
		assertThat(Files.readString(this.dir.resolve("es-a.key.pem"))).startsWith("-----BEGIN PRIVATE KEY-----");

		KeyRing ring = ring(false);

		PublicKey external = KeyFixtures.rsa2048().getPublic();
		assertThat(((RSAKey) ring.activeKey(REALM, "RS256").orElseThrow().publicJwk()).toRSAPublicKey().getModulus())
			.isEqualTo(((RSAPublicKey) external).getModulus());
		assertThat(ring.activeKey(REALM, "ES256").orElseThrow().name()).isEqualTo("es-a");
	}

	@Test
	void whenPrivateKeysAreInTheTraditionalPkcs1AndSec1FormsThenTheyLoad() throws IOException {
		provisionRsaAndEc();
		KeyFixtures.writePem(this.dir.resolve("rs-a.key.pem"), KeyFixtures.rsa2048().getPrivate());
		KeyFixtures.writePem(this.dir.resolve("es-a.key.pem"), KeyFixtures.ecP256().getPrivate());
		assertThat(Files.readString(this.dir.resolve("rs-a.key.pem"))).startsWith("-----BEGIN RSA PRIVATE KEY-----");
		assertThat(Files.readString(this.dir.resolve("es-a.key.pem"))).startsWith("-----BEGIN EC PRIVATE KEY-----");

		KeyRing ring = ring(false);

		assertThat(ring.activeKey(REALM, "RS256")).isPresent();
		assertThat(ring.activeKey(REALM, "ES256")).isPresent();
	}

	@Test
	void whenAPrivateKeyFileIsReadableByOthersThenItStillLoads() throws IOException {
		// Mounted secrets are often 0644 or 0440: a warning in the log, not a refused start.
		provisionRsaAndEc();
		Files.setPosixFilePermissions(this.dir.resolve("rs-a.key.pem"), PosixFilePermissions.fromString("rw-r--r--"));

		assertThat(ring(false).activeKey(REALM, "RS256")).isPresent();
	}

	@Test
	void whenPublishUntilIsADateThenItMeansMidnightUtc() throws IOException {
		provisionRsaAndEc();
		KeyFixtures.writePair(this.dir, "rs-b", KeyFixtures.rsa3072());
		keyset(entry("rs-a", "RS256", "retired", "2026-03-02"), entry("es-a", "ES256", "active"),
				entry("rs-b", "RS256", "active"));
		KeyRing ring = ring(false);

		this.clock.advance(Duration.ofHours(15).plusMinutes(59));
		ring.refresh();
		assertThat(ring.publishedKeys(REALM)).extracting(SigningKey::name).contains("rs-a");
		this.clock.advance(Duration.ofMinutes(1));
		ring.refresh();
		assertThat(ring.publishedKeys(REALM)).extracting(SigningKey::name).doesNotContain("rs-a");
	}

	// --- helpers -----------------------------------------------------------------------------

	private KeyRing ring(boolean generateMissing) {
		return new KeyRing(new KeysProperties(this.keys, generateMissing), this.clock, List.of(REALM));
	}

	private void provisionRsaAndEc() {
		try {
			KeyFixtures.writePair(this.dir, "rs-a", KeyFixtures.rsa2048());
			KeyFixtures.writePair(this.dir, "es-a", KeyFixtures.ecP256());
			keyset(entry("rs-a", "RS256", "active"), entry("es-a", "ES256", "active"));
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private void assertRejected(String message) {
		assertThatThrownBy(() -> ring(false)).isInstanceOf(KeyLoadingException.class)
			.hasMessageContaining(this.dir.resolve("keyset.yaml").toString().replace("keyset.yaml", ""))
			.hasMessageContaining(message);
	}

	private void keyset(String... entries) throws IOException {
		KeyFixtures.writeKeyset(this.dir, "keys:\n" + String.join("", entries));
	}

	private static String entry(String name, String alg, String status) {
		return "  - name: " + name + "\n    alg: " + alg + "\n    status: " + status + "\n";
	}

	private static String entry(String name, String alg, String status, String publishUntil) {
		return entry(name, alg, status) + "    publishUntil: " + publishUntil + "\n";
	}

	private static String kidOf(KeyRing ring, String name) {
		return ring.publishedKeys(REALM).stream().filter((key) -> key.name().equals(name)).findFirst().orElseThrow().kid();
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> yaml(Path file) throws IOException {
		return (Map<String, Object>) new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(file));
	}

	private static String thumbprint(String canonicalJson) throws Exception {
		byte[] hash = MessageDigest.getInstance("SHA-256").digest(canonicalJson.getBytes(StandardCharsets.UTF_8));
		return Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
	}

	private static String b64(BigInteger value) {
		byte[] bytes = value.toByteArray();
		if (bytes[0] == 0 && bytes.length > 1) {
			bytes = java.util.Arrays.copyOfRange(bytes, 1, bytes.length);
		}
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	private static String b64(BigInteger value, int length) {
		byte[] bytes = value.toByteArray();
		byte[] fixed = new byte[length];
		int copy = Math.min(bytes.length, length);
		System.arraycopy(bytes, bytes.length - copy, fixed, length - copy, copy);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(fixed);
	}

}
