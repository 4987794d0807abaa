package vn.thanglong.id.keys;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.Provider;
import java.security.Security;
import java.security.Signature;
import java.util.Arrays;
import java.util.List;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.RSAKey;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import vn.thanglong.id.support.MutableClock;

/**
 * The provider reported at start-up and at {@code /actuator/info} is the one that signs. Which
 * one that is depends on the machine (the Amazon Corretto Crypto Provider on x86-64 Linux, the
 * JDK elsewhere), so the tests check consistency and log the answer rather than hard-code it.
 */
class CryptoProvidersTest {

	private static final Logger log = LoggerFactory.getLogger(CryptoProvidersTest.class);

	@TempDir
	Path keys;

	@BeforeAll
	static void install() {
		CryptoProviders.install();
	}

	@Test
	void whenInstalledThenActiveProviderIsTheOneThatSha256WithRsaSignaturesUse() throws Exception {
		KeyRing ring = new KeyRing(new KeysProperties(this.keys, true), new MutableClock(java.time.Instant.EPOCH),
				List.of("hanoi"));
		Signature signature = Signature.getInstance("SHA256withRSA");
		signature.initSign(((RSAKey) ring.activeKey("hanoi", "RS256").orElseThrow().signingJwk()).toPrivateKey());

		String reported = CryptoProviders.activeProvider();
		log.info("Signing provider after install(): {} (providers: {})", reported, providerNames());
		assertThat(signature.getProvider().getName()).isEqualTo(reported);
		assertThat(Security.getProviders()[0].getName()).isEqualTo(reported);
		if (Security.getProvider(CryptoProviders.ACCP_NAME) != null) {
			assertThat(reported).isEqualTo(CryptoProviders.ACCP_NAME);
		}
	}

	@Test
	void whenNimbusSignsWithALoadedKeyThenTheKeyBelongsToTheActiveProvider() throws Exception {
		KeyRing ring = new KeyRing(new KeysProperties(this.keys, true), new MutableClock(java.time.Instant.EPOCH),
				List.of("hanoi"));
		RSAKey jwk = (RSAKey) ring.activeKey("hanoi", "RS256").orElseThrow().signingJwk();
		RSASSASigner signer = new RSASSASigner(jwk);

		// A key of another provider is translated at every signature and loses the native speed.
		Provider active = Security.getProvider(CryptoProviders.activeProvider());
		assertThat(KeyFactory.getInstance("RSA").getProvider()).isSameAs(active);
		assertThat(signer.getPrivateKey().getClass().getPackageName()).isEqualTo(active.getClass().getPackageName());
		log.info("Nimbus RS256 signer key class: {}", signer.getPrivateKey().getClass().getName());

		JWSObject jws = new JWSObject(new JWSHeader(JWSAlgorithm.RS256), new Payload("x"));
		jws.sign(signer);
		assertThat(jws.verify(new RSASSAVerifier(jwk.toPublicJWK()))).isTrue();
	}

	@Test
	void whenInstalledAgainThenTheProviderListIsUnchanged() {
		List<String> before = providerNames();

		CryptoProviders.install();

		assertThat(providerNames()).isEqualTo(before);
	}

	@Test
	void whenTheNativeProviderIsAbsentThenKeysLoadAndSignWithTheJdkProviders() throws Exception {
		Provider accp = Security.getProvider(CryptoProviders.ACCP_NAME);
		int position = providerNames().indexOf(CryptoProviders.ACCP_NAME) + 1;
		Security.removeProvider(CryptoProviders.ACCP_NAME);
		try {
			KeyRing ring = new KeyRing(new KeysProperties(this.keys, true), new MutableClock(java.time.Instant.EPOCH),
					List.of("hanoi"));
			RSAKey jwk = (RSAKey) ring.activeKey("hanoi", "RS256").orElseThrow().signingJwk();
			JWSObject jws = new JWSObject(new JWSHeader(JWSAlgorithm.RS256), new Payload("x"));
			jws.sign(new RSASSASigner(jwk));

			assertThat(jws.verify(new RSASSAVerifier(jwk.toPublicJWK()))).isTrue();
			assertThat(CryptoProviders.activeProvider()).isNotEqualTo(CryptoProviders.ACCP_NAME).isNotEqualTo("none");
		}
		finally {
			if (accp != null) {
				Security.insertProviderAt(accp, position);
			}
		}
	}

	private static List<String> providerNames() {
		return Arrays.stream(Security.getProviders()).map(Provider::getName).toList();
	}

}
