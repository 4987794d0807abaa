package vn.thanglong.id.oidc;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BrowserOriginsTest {

	@Test
	void whenARedirectUriIsWebThenItsOriginIsSchemeHostAndAnyOtherThanTheDefaultPort() {
		assertThat(BrowserOrigins.originOf("https://spa.example.test/callback?x=1")).isEqualTo("https://spa.example.test");
		assertThat(BrowserOrigins.originOf("https://SPA.Example.test:443/cb")).isEqualTo("https://spa.example.test");
		assertThat(BrowserOrigins.originOf("http://localhost:8080/cb")).isEqualTo("http://localhost:8080");
		assertThat(BrowserOrigins.originOf("http://127.0.0.1:80/cb")).isEqualTo("http://127.0.0.1");
		assertThat(BrowserOrigins.originOf("https://spa.example.test:8443/cb")).isEqualTo("https://spa.example.test:8443");
	}

	@Test
	void whenARedirectUriIsNoWebAddressThenItHasNoOrigin() {
		// a native app's private-use scheme (RFC 8252 section 7.1) is no origin a page can have
		assertThat(BrowserOrigins.originOf("vn.gov.app:/callback")).isNull();
		assertThat(BrowserOrigins.originOf("file:///tmp/x")).isNull();
		assertThat(BrowserOrigins.originOf("not a uri")).isNull();
	}

}
