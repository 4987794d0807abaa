package vn.thanglong.id.oidc;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import vn.thanglong.id.support.TestServices;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No request path may need two database connections at once: with a pool of two and many
 * concurrent requests, issuing, introspecting and revoking tokens must still work. (Looking a
 * client up while an authorization row was being read once took a second connection, and the
 * pool deadlocked under load.)
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.datasource.hikari.maximum-pool-size=2", "spring.datasource.hikari.connection-timeout=3000",
				"idp.realm-config=src/test/resources/realm-config-e2e" })
class SmallPoolIT {

	private static final Pattern ACCESS_TOKEN = Pattern.compile("\"access_token\":\"([^\"]+)\"");

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		TestServices.freshPostgresDatabase("tlid_pool").register(registry);
		registry.add("idp.keys.directory", () -> "target/test-keys/small-pool");
	}

	private HttpResponse<String> post(String endpoint, String body) throws Exception {
		String basic = Base64.getEncoder()
			.encodeToString("service:service-secret-for-tests-only-0123456789".getBytes(StandardCharsets.UTF_8));
		return this.http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/realms/e2e" + endpoint))
			.timeout(Duration.ofSeconds(10))
			.header("Authorization", "Basic " + basic)
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private String issue() throws Exception {
		HttpResponse<String> token = post("/oauth2/token", "grant_type=client_credentials&scope=records.read");
		assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
		Matcher matcher = ACCESS_TOKEN.matcher(token.body());
		assertThat(matcher.find()).isTrue();
		return matcher.group(1);
	}

	@Test
	void whenManyRequestsShareTwoConnectionsThenTokensAreIssuedIntrospectedAndRevoked() throws Exception {
		java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(16);
		try {
			java.util.List<java.util.concurrent.Future<String>> issued = new java.util.ArrayList<>();
			for (int i = 0; i < 32; i++) {
				issued.add(pool.submit(this::issue));
			}
			java.util.List<java.util.concurrent.Future<HttpResponse<String>>> introspected = new java.util.ArrayList<>();
			for (java.util.concurrent.Future<String> token : issued) {
				String accessToken = token.get(20, java.util.concurrent.TimeUnit.SECONDS);
				introspected.add(pool.submit(() -> post("/oauth2/introspect", "token=" + accessToken)));
			}
			for (java.util.concurrent.Future<HttpResponse<String>> response : introspected) {
				HttpResponse<String> active = response.get(20, java.util.concurrent.TimeUnit.SECONDS);
				assertThat(active.statusCode()).as(active.body()).isEqualTo(200);
				assertThat(active.body()).contains("\"active\":true");
			}
			String accessToken = issued.get(0).get();
			assertThat(post("/oauth2/revoke", "token=" + accessToken).statusCode()).isEqualTo(200);
			assertThat(post("/oauth2/introspect", "token=" + accessToken).body()).contains("\"active\":false");
		}
		finally {
			pool.shutdownNow();
		}
	}

}
