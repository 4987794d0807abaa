package vn.thanglong.id.account;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class AccountBaseUrlTest {

	@Test
	void whenNoPublicBaseUrlThenLocalhostWithTheServersPort() {
		AccountBaseUrl base = new AccountBaseUrl(null);
		base.serverStarted("http", 43123);

		assertThat(base.callback("e2e")).isEqualTo("http://localhost:43123/realms/e2e/account/callback");
		assertThat(base.loggedOut("e2e")).isEqualTo("http://localhost:43123/realms/e2e/account/logged-out");
	}

	@Test
	void whenPublicBaseUrlIsConfiguredThenTheServersPortDoesNotMatter() {
		AccountBaseUrl base = new AccountBaseUrl("https://id.example.gov.vn");
		base.serverStarted("http", 8080);

		assertThat(base.issuer("hanoi")).isEqualTo("https://id.example.gov.vn/realms/hanoi");
	}

	@Test
	void whenServerHasNotStartedThenNoBaseYet() {
		assertThatIllegalStateException().isThrownBy(() -> new AccountBaseUrl(null).issuer("hanoi"));
	}

}
