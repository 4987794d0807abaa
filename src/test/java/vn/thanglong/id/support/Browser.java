package vn.thanglong.id.support;

import java.net.URI;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.Route;

/**
 * A real Chromium (Debian's package) driven by Playwright. Requests to the relying parties'
 * hosts ({@code *.example.test}) never leave the browser: they are answered in place and the
 * URL the provider redirected to is kept, as an agency system's callback would receive it.
 */
public final class Browser implements AutoCloseable {

	private static final List<String> FLAGS = List.of("--headless", "--no-sandbox", "--disable-gpu",
			"--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
			"--disable-quic",
			// relying parties live at *.example.test: never resolve them, the test answers for them
			"--host-resolver-rules=MAP *.example.test ~NOTFOUND",
			// a relying party's page (public, *.example.test) calls the provider on loopback here, where
			// deployed both are public: Local Network Access would ask the user for that, and no one answers
			"--disable-features=LocalNetworkAccessChecks");

	private final Playwright playwright;

	private final com.microsoft.playwright.Browser browser;

	public Browser() {
		this.playwright = Playwright.create(new Playwright.CreateOptions()
			.setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
		this.browser = this.playwright.chromium().launch(new BrowserType.LaunchOptions()
			.setExecutablePath(Paths.get(TestServices.chromium()))
			.setHeadless(true)
			.setArgs(FLAGS));
	}

	/** A fresh browser profile (no cookies), like a new user's device. */
	public Session newSession() {
		return newSession(null);
	}

	public Session newSession(String acceptLanguage) {
		com.microsoft.playwright.Browser.NewContextOptions options = new com.microsoft.playwright.Browser.NewContextOptions()
			.setViewportSize(360, 740);
		if (acceptLanguage != null) {
			options.setLocale(acceptLanguage);
		}
		BrowserContext context = this.browser.newContext(options);
		context.setDefaultTimeout(Duration.ofSeconds(20).toMillis());
		AtomicReference<String> callback = new AtomicReference<>();
		// Chromium retries an error page now and then: a URL already seen is such a retry
		java.util.Set<String> seen = java.util.concurrent.ConcurrentHashMap.newKeySet();
		context.onRequest((request) -> {
			if (System.getenv("IDP_TEST_BROWSER_TRACE") != null) {
				System.out.println("BROWSER " + request.method() + " " + request.url());
			}
			String host = URI.create(request.url()).getHost();
			if (host != null && host.endsWith(".example.test") && seen.add(request.url())) {
				callback.compareAndSet(null, request.url());
			}
		});
		context.route("**/*", (route) -> {
			String url = route.request().url();
			String host = URI.create(url).getHost();
			if (host != null && host.endsWith(".example.test")) {
				route.fulfill(new Route.FulfillOptions().setStatus(200).setContentType("text/html")
					.setBody("<html><body><p id=\"rp\">relying party</p></body></html>"));
			}
			else {
				route.resume();
			}
		});
		return new Session(context, context.newPage(), callback);
	}

	@Override
	public void close() {
		this.browser.close();
		this.playwright.close();
	}

	/** One browser profile with one tab. */
	public record Session(BrowserContext context, Page page, AtomicReference<String> callback) implements AutoCloseable {

		public void open(URI uri) {
			this.callback.set(null);
			blank();
			try {
				this.page.navigate(uri.toString());
			}
			catch (com.microsoft.playwright.PlaywrightException ex) {
				// a redirect chain that ends at a relying party is not loaded; its URL is kept
				if (this.callback.get() == null) {
					throw ex;
				}
			}
		}

		/**
		 * Starts from an empty page. The error page Chromium shows for the unreachable relying
		 * party of an earlier flow can still be loading and interrupt this navigation: try again.
		 */
		private void blank() {
			for (int attempt = 1;; attempt++) {
				try {
					this.page.navigate("about:blank");
					return;
				}
				catch (com.microsoft.playwright.PlaywrightException ex) {
					if (attempt == 5 || !String.valueOf(ex.getMessage()).contains("interrupted by another navigation")) {
						throw ex;
					}
					this.page.waitForTimeout(200);
				}
			}
		}

		/**
		 * Submits a form that POSTs {@code parameters} to {@code action} from a page of no site
		 * (as an agency system's page is another site): the browser sends no SameSite=Lax cookie with it.
		 */
		public void postForm(URI action, Map<String, List<String>> parameters) {
			this.callback.set(null);
			blank();
			String inputs = parameters.entrySet().stream()
				.flatMap((entry) -> entry.getValue().stream().map((value) -> "<input type='hidden' name='"
						+ escape(entry.getKey()) + "' value='" + escape(value) + "'>"))
				.collect(Collectors.joining());
			this.page.setContent("<html><body><form id='f' method='post' action='" + escape(action.toString()) + "'>"
					+ inputs + "</form></body></html>");
			try {
				this.page.evaluate("document.getElementById('f').submit()");
			}
			catch (com.microsoft.playwright.PlaywrightException ex) {
				// as in open: a redirect chain that ends at a relying party is not loaded
				if (this.callback.get() == null) {
					throw ex;
				}
			}
		}

		/**
		 * Submits a form that POSTs {@code parameters} to {@code action} from the page open now, a
		 * page of this server: the browser sends its session cookie with it.
		 */
		public void postFormFromThisPage(URI action, Map<String, List<String>> parameters) {
			this.callback.set(null);
			List<List<String>> fields = parameters.entrySet().stream()
				.flatMap((entry) -> entry.getValue().stream().map((value) -> List.of(entry.getKey(), value)))
				.toList();
			this.page.waitForNavigation(() -> this.page.evaluate("([action, fields]) => {"
					+ " const form = document.createElement('form'); form.method = 'post'; form.action = action;"
					+ " for (const [name, value] of fields) { const input = document.createElement('input');"
					+ " input.type = 'hidden'; input.name = name; input.value = value; form.appendChild(input); }"
					+ " document.body.appendChild(form); form.submit(); }", List.of(action.toString(), fields)));
		}

		private static String escape(String text) {
			return text.replace("&", "&amp;").replace("'", "&#39;").replace("\"", "&quot;").replace("<", "&lt;");
		}

		public void login(String username, String password) {
			this.page.fill("#username", username);
			this.page.fill("#password", password);
			this.page.click("button[type=submit]");
		}

		/** The URL the provider sent the browser to at the relying party, waiting until it happens. */
		public URI awaitCallback() {
			long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
			while (this.callback.get() == null && System.nanoTime() < deadline) {
				this.page.waitForTimeout(50);
			}
			if (this.callback.get() == null) {
				throw new AssertionError("no redirect to the relying party; the browser is at " + this.page.url()
						+ "\n" + this.page.content());
			}
			// let the browser settle on its error page for the unreachable relying party
			this.page.waitForTimeout(100);
			this.page.waitForLoadState();
			return URI.create(this.callback.get());
		}

		@Override
		public void close() {
			this.context.close();
		}

	}

}
