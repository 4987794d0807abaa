package vn.thanglong.id.oidc;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/** Behind a TLS-terminating load balancer: the issuer and every URL come from the configured base URL. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
		"idp.public-base-url=https://id.example.gov.vn", "spring.datasource.url=jdbc:h2:mem:public-base",
		"idp.realm-config=src/test/resources/realm-config-e2e", "idp.keys.directory=target/test-keys/public-base" })
class PublicBaseUrlIT {

	@LocalServerPort
	int port;

	@Test
	void whenBaseUrlConfiguredThenIssuerAndEndpointsUseItWhateverTheRequestHost() throws Exception {
		HttpResponse<String> response = discovery(this.port, "X-Forwarded-Host", "evil.example");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("\"issuer\":\"https://id.example.gov.vn/realms/e2e\"")
			.contains("\"token_endpoint\":\"https://id.example.gov.vn/realms/e2e/oauth2/token\"")
			.contains("\"jwks_uri\":\"https://id.example.gov.vn/realms/e2e/oauth2/jwks\"")
			.doesNotContain("localhost").doesNotContain("evil.example");
	}

	@Test
	void whenAuthorizationRequestNeedsALoginThenTheRedirectToTheLoginPageIsOnTheBaseUrl() throws Exception {
		HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port
				+ "/realms/e2e/oauth2/authorize?response_type=code&client_id=web-app&scope=openid&state=s1"
				+ "&redirect_uri=https%3A%2F%2Frp.example.test%2Fcallback"
				+ "&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256"))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(302);
		assertThat(response.headers().firstValue("Location")).as("never the internal http address")
			.hasValueSatisfying((location) -> assertThat(location).matches(
					java.util.regex.Pattern.quote("https://id.example.gov.vn/realms/e2e/login?continue=") + "[A-Za-z0-9_-]{22}"));
		assertThat(response.headers().allValues("Set-Cookie")).as("the session saved the request; its cookie is https-only")
			.anySatisfy((cookie) -> assertThat(cookie).startsWith("TLID_SESSION=").containsIgnoringCase("; Secure"));
	}

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	static HttpResponse<String> discovery(int port, String... headers) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(
				URI.create("http://localhost:" + port + "/realms/e2e/.well-known/openid-configuration"));
		if (headers.length > 0) {
			request.headers(headers);
		}
		return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

}
