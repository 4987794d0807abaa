package vn.thanglong.id.authn;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import vn.thanglong.id.support.ProviderIT;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Password guessing is slowed down per submitted name, and the answer is the same whether the
 * name belongs to an account or not (NIST SP 800-63B section 5.2.2; no user enumeration).
 */
class LoginThrottleIT extends ProviderIT {

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

	/** Submits the login form as a browser would; answers where the server sends the browser. */
	private String login(HttpClient browser, String username, String password) throws Exception {
		return loginForm(browser).submit(username, password);
	}

	/** Opens the login page as a browser would, ready to be submitted. */
	private LoginForm loginForm(HttpClient browser) throws Exception {
		HttpResponse<String> page = browser.send(HttpRequest.newBuilder(URI.create(issuer("e2e") + "/login")).build(),
				HttpResponse.BodyHandlers.ofString());
		Matcher csrf = CSRF.matcher(page.body());
		assertThat(csrf.find()).isTrue();
		return new LoginForm(browser, URI.create(issuer("e2e") + "/login"), csrf.group(1));
	}

	private record LoginForm(HttpClient browser, URI action, String csrf) {

		String submit(String username, String password) throws Exception {
			String form = "username=" + URLEncoder.encode(username, StandardCharsets.UTF_8) + "&password="
					+ URLEncoder.encode(password, StandardCharsets.UTF_8) + "&_csrf=" + this.csrf;
			HttpResponse<String> response = this.browser.send(HttpRequest.newBuilder(this.action)
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString(form))
				.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(response.statusCode()).isEqualTo(302);
			return response.headers().firstValue("Location").orElseThrow();
		}

	}

	private static HttpClient browser() {
		return HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
	}

	@Test
	void whenANameIsGuessedTooOftenThenEvenTheRightPasswordWaitsAndUnknownNamesAreTreatedAlike() throws Exception {
		HttpClient browser = browser();
		for (int i = 0; i < LoginThrottle.FREE_FAILURES; i++) {
			assertThat(login(browser, "guessed", "wrong-" + i)).endsWith("/login?error");
		}
		assertThat(login(browser, "guessed", "wrong-last")).endsWith("/login?error");
		assertThat(login(browser, "guessed", "Guessed-Pass-55")).as("blocked for a while, right password or not")
			.endsWith("/login?throttled");

		HttpClient other = browser();
		for (int i = 0; i <= LoginThrottle.FREE_FAILURES; i++) {
			assertThat(login(other, "no-such-user", "wrong-" + i)).endsWith("/login?error");
		}
		assertThat(login(other, "no-such-user", "whatever")).endsWith("/login?throttled");
	}

	@Test
	void whenAFewAttemptsFailThenTheRightPasswordStillWorks() throws Exception {
		HttpClient browser = browser();
		assertThat(login(browser, "officer", "wrong")).endsWith("/login?error");
		assertThat(login(browser, "officer", "Officer-Pass-77")).doesNotContain("/login?");
	}

	/**
	 * Guesses sent at once, each from its own browser, are counted one by one on the shared
	 * database: the free ones and the one that blocks are checked, the rest are throttled (when
	 * the count followed the password check, every guess of a burst was checked).
	 */
	@Test
	void whenGuessesArriveAtOnceThenOnlyTheFreeOnesAreChecked() throws Exception {
		int burst = 12;
		List<LoginForm> forms = new ArrayList<>();
		for (int i = 0; i < burst; i++) {
			forms.add(loginForm(browser()));
		}
		ExecutorService threads = Executors.newFixedThreadPool(burst);
		try {
			CountDownLatch start = new CountDownLatch(1);
			List<Future<String>> answers = new ArrayList<>();
			for (int i = 0; i < burst; i++) {
				LoginForm form = forms.get(i);
				String guess = "wrong-" + i;
				answers.add(threads.submit(() -> {
					start.await();
					return form.submit("burst-target", guess);
				}));
			}
			start.countDown();
			int checked = 0;
			for (Future<String> answer : answers) {
				String location = answer.get(60, TimeUnit.SECONDS);
				assertThat(location).matches(".*/login\\?(error|throttled)$");
				checked += location.endsWith("/login?error") ? 1 : 0;
			}
			// one more when the burst is spread past the first block's two seconds
			assertThat(checked).isBetween(LoginThrottle.FREE_FAILURES + 1, LoginThrottle.FREE_FAILURES + 2);
		}
		finally {
			threads.shutdownNow();
		}
	}

}
