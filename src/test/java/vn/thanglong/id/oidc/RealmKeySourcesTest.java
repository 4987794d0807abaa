package vn.thanglong.id.oidc;

import org.junit.jupiter.api.Test;

import vn.thanglong.id.keys.KeyRing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

class RealmKeySourcesTest {

	@Test
	void whenRequestsNameManyIssuersThenOneDecoderPerRealmIsKept() {
		// without a public base URL the issuer follows the Host header, which any client chooses
		RealmKeySources sources = new RealmKeySources(mock(KeyRing.class));

		for (int i = 0; i < 500; i++) {
			sources.decoderFor("hanoi", "http://forged-" + i + ".example/realms/hanoi");
		}
		sources.decoderFor("hue", "http://localhost/realms/hue");

		assertThat(sources.decoderCount()).isEqualTo(2);
	}

}
