package vn.thanglong.id.oidc;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ClientRedirectsTest {

	private static Map<String, String> parameters(String... pairs) {
		Map<String, String> parameters = new LinkedHashMap<>();
		for (int i = 0; i < pairs.length; i += 2) {
			parameters.put(pairs[i], pairs[i + 1]);
		}
		return parameters;
	}

	@Test
	void theRegisteredQueryIsKeptAsRegisteredEscapesIncluded() {
		// RFC 6749 section 3.1.2: the query component MUST be retained when parameters are added
		assertThat(ClientRedirects.withQuery("https://rp.example/cb?x=a%20b&foo=bar", parameters("code", "c1")))
			.isEqualTo("https://rp.example/cb?x=a%20b&foo=bar&code=c1");
		assertThat(ClientRedirects.withQuery("https://rp.example/cb?", parameters("code", "c1")))
			.isEqualTo("https://rp.example/cb?code=c1");
		assertThat(ClientRedirects.withQuery("https://rp.example/cb", parameters("code", "c1", "state", "s")))
			.isEqualTo("https://rp.example/cb?code=c1&state=s");
	}

	@Test
	void addedValuesAreEncodedButForUnreservedCharacters() {
		assertThat(ClientRedirects.withQuery("https://rp.example/cb",
				parameters("state", "a b+c&d=e/f?ệ~-._", "iss", "https://id.example/realms/e2e")))
			.isEqualTo("https://rp.example/cb?state=a%20b%2Bc%26d%3De%2Ff%3F%E1%BB%87~-._"
					+ "&iss=https%3A%2F%2Fid.example%2Frealms%2Fe2e");
	}

}
