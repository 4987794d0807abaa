package vn.thanglong.id.account;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class AccountPropertiesTest {

	@Test
	void whenPublicBaseUrlIsEmptyThenNone() {
		assertThat(new AccountProperties("").publicBaseUrl()).isNull();
		assertThat(new AccountProperties(null).publicBaseUrl()).isNull();
	}

	@Test
	void whenPublicBaseUrlHasTrailingSlashOrDefaultPortThenTheyAreDropped() {
		assertThat(new AccountProperties(" https://id.example.gov.vn/ ").publicBaseUrl())
			.isEqualTo("https://id.example.gov.vn");
		assertThat(new AccountProperties("HTTPS://id.example.gov.vn:443").publicBaseUrl())
			.isEqualTo("https://id.example.gov.vn");
		assertThat(new AccountProperties("http://id.example.gov.vn:8080/").publicBaseUrl())
			.isEqualTo("http://id.example.gov.vn:8080");
	}

	@Test
	void whenPublicBaseUrlHasPathOrQueryOrIsNotHttpThenStartFails() {
		for (String invalid : new String[] { "https://gov.vn/id", "https://id.example.gov.vn/?a=b",
				"id.example.gov.vn", "ftp://id.example.gov.vn" }) {
			assertThatIllegalArgumentException().as(invalid).isThrownBy(() -> new AccountProperties(invalid))
				.withMessageContaining("idp.public-base-url");
		}
	}

}
