package vn.thanglong.id.oidc;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/** Behind a proxy that sets X-Forwarded-* (trusted by configuration): the issuer names the public address. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
		"server.forward-headers-strategy=framework", "spring.datasource.url=jdbc:h2:mem:forwarded",
		"idp.realm-config=src/test/resources/realm-config-e2e", "idp.keys.directory=target/test-keys/forwarded" })
class ForwardedHeadersIT {

	@LocalServerPort
	int port;

	@Test
	void whenProxyForwardsHostAndProtoThenIssuerNamesThePublicAddress() throws Exception {
		HttpResponse<String> response = discovery(this.port, "X-Forwarded-Proto", "https", "X-Forwarded-Host",
				"dinhdanh.hanoi.gov.vn", "X-Forwarded-Port", "443");
		assertThat(response.body()).contains("\"issuer\":\"https://dinhdanh.hanoi.gov.vn/realms/e2e\"");
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
