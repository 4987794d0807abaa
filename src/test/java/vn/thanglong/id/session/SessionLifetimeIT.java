package vn.thanglong.id.session;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import vn.thanglong.id.support.RawHttp;
import vn.thanglong.id.support.TestServices;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A session in Redis ends at its absolute lifetime (here six seconds), though it is used every
 * second: single sign-on holds until then, and afterwards the person must log in again.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "idp.sessions.max-lifetime=PT6S", "idp.sessions.store=redis",
				"idp.realm-config=src/test/resources/realm-config-e2e" })
class SessionLifetimeIT {

	private static final Duration LIFETIME = Duration.ofSeconds(6);

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

	private final HttpClient browser = HttpClient.newBuilder()
		.cookieHandler(new CookieManager())
		.followRedirects(HttpClient.Redirect.NEVER)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void services(DynamicPropertyRegistry registry) {
		TestServices.freshPostgresDatabase("tlid_lifetime").register(registry);
		registry.add("spring.data.redis.url", TestServices::redisUrl);
		registry.add("idp.keys.directory", () -> "target/test-keys/session-lifetime");
	}

	private String realm() {
		return "http://localhost:" + this.port + "/realms/e2e";
	}

	private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
		return this.browser.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
	}

	/** Where a prompt=none authorization request sends the browser: the callback with a code, or an error. */
	private String silentAuthorization() throws Exception {
		String query = "response_type=code&client_id=web-app&scope=openid&prompt=none&state=s"
				+ "&redirect_uri=" + RawHttp.urlEncode("https://rp.example.test/callback")
				+ "&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256";
		HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(realm() + "/oauth2/authorize?" + query)));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(302);
		return response.headers().firstValue("Location").orElseThrow();
	}

	@Test
	void whenASessionOutlivesItsLifetimeThenTheLoginMustBeRepeatedThoughItWasBusy() throws Exception {
		Instant begun = Instant.now();
		HttpResponse<String> page = send(HttpRequest.newBuilder(URI.create(realm() + "/login")));
		Matcher csrf = CSRF.matcher(page.body());
		assertThat(csrf.find()).isTrue();
		HttpResponse<String> login = send(HttpRequest.newBuilder(URI.create(realm() + "/login"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("username=citizen&password="
					+ URLEncoder.encode("Correct-Horse-42", StandardCharsets.UTF_8) + "&_csrf=" + csrf.group(1))));
		assertThat(login.headers().firstValue("Location")).hasValueSatisfying(
				(target) -> assertThat(target).doesNotContain("/login?"));

		// used every second: the idle timeout alone would keep it
		while (Duration.between(begun, Instant.now()).compareTo(LIFETIME.minusSeconds(2)) < 0) {
			assertThat(silentAuthorization()).as("logged in").startsWith("https://rp.example.test/callback?")
				.doesNotContain("login_required");
			Thread.sleep(1000);
		}
		Thread.sleep(Duration.between(Instant.now(), begun.plus(LIFETIME).plusSeconds(1)).toMillis());
		assertThat(silentAuthorization()).as("the session has ended").contains("error=login_required");
	}

}
