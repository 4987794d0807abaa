import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * BENCHMARK ONLY (bench/identity.sh): closed-loop load on the identity scenarios of issue 3, with
 * the JDK's HTTP client (no dependencies: run as {@code java IdentityLoad.java ...}). Each worker
 * sends its next request when the previous one answered; a wrong answer counts as an error, never
 * as a success.
 * <ul>
 * <li>{@code pin}: person look-up by personal ID number (admin API, POST persons/search)</li>
 * <li>{@code name}: person search by name without diacritics (admin API, GET persons?name=)</li>
 * <li>{@code login}: a whole browser-less login of a random seeded civil servant: authorization
 * request (PKCE S256), login form with its CSRF token, password POST (Argon2id), code, token
 * request; the ID token must carry {@code staff_id}</li>
 * <li>{@code token}: refresh grants of those logins, each answer an ID token with staff claims</li>
 * </ul>
 * Usage: {@code IdentityLoad base realm sampleDir serverPid clockTicks warmupSeconds
 * measureSeconds scenario:workers ...}; prints one Markdown table row per scenario.
 */
public final class IdentityLoad {

	static final String ADMIN_CLIENT = "bench-admin";

	static final String ADMIN_SECRET = env("BENCH_ADMIN_SECRET", "bench-admin-secret-demo-only-not-a-secret-0");

	static final String RP_CLIENT = "bench-staff";

	static final String RP_SECRET = env("BENCH_STAFF_SECRET", "bench-staff-secret-demo-only-not-a-secret-0");

	static final String REDIRECT = "http://127.0.0.1:9/bench/callback";

	static final String PASSWORD = env("BENCH_DEMO_PASSWORD", "bench-demo-password-not-secret");

	static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]*)\"");

	static final Pattern CODE = Pattern.compile("[?&]code=([^&]+)");

	static final Pattern ID_TOKEN = Pattern.compile("\"id_token\"\\s*:\\s*\"([^\"]+)\"");

	static final Pattern REFRESH_TOKEN = Pattern.compile("\"refresh_token\"\\s*:\\s*\"([^\"]+)\"");

	static final Pattern ACCESS_TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");

	final String base;

	final String issuer;

	final List<String> pins;

	final List<String> names;

	final List<String> staff;

	final long serverPid;

	final double clockTicks;

	final ConcurrentLinkedQueue<String> refreshTokens = new ConcurrentLinkedQueue<>();

	volatile String adminToken;

	/** Each worker's latencies of the run in progress, filled in when the worker ends. */
	final List<long[][]> collect = new CopyOnWriteArrayList<>();

	IdentityLoad(String base, String realm, Path samples, long serverPid, double clockTicks) throws IOException {
		this.base = base;
		this.issuer = base + "/realms/" + realm;
		this.pins = Files.readAllLines(samples.resolve("pins.txt"));
		this.names = Files.readAllLines(samples.resolve("names.txt"));
		this.staff = Files.readAllLines(samples.resolve("staff.txt"));
		this.serverPid = serverPid;
		this.clockTicks = clockTicks;
	}

	public static void main(String[] args) throws Exception {
		if (args.length < 8) {
			System.err.println("usage: IdentityLoad base realm sampleDir serverPid clockTicks warmupSeconds measureSeconds scenario:workers...");
			System.exit(2);
		}
		IdentityLoad load = new IdentityLoad(args[0], args[1], Path.of(args[2]), Long.parseLong(args[3]),
				Double.parseDouble(args[4]));
		int warmup = Integer.parseInt(args[5]);
		int measure = Integer.parseInt(args[6]);
		load.adminToken = load.adminToken();
		for (int i = 7; i < args.length; i++) {
			String[] spec = args[i].split(":");
			String scenario = spec[0];
			int workers = Integer.parseInt(spec[1]);
			if (warmup > 0) {
				load.run(scenario, workers, warmup);
			}
			Result result = load.run(scenario, workers, measure);
			System.out.println(result.row());
		}
	}

	Result run(String scenario, int workers, int seconds) throws Exception {
		if (scenario.equals("token") && this.refreshTokens.size() < workers) {
			throw new IllegalStateException("the token scenario needs refresh tokens from a login scenario run first");
		}
		long deadline = System.nanoTime() + seconds * 1_000_000_000L;
		AtomicLong errors = new AtomicLong();
		List<Thread> threads = new ArrayList<>();
		String[] firstError = new String[1];
		long cpuBefore = cpuTicks();
		long start = System.nanoTime();
		for (int w = 0; w < workers; w++) {
			long[][] mine = new long[1][];
			Thread thread = new Thread(() -> {
				HttpClient http = client();
				long[] samples = new long[1 << 16];
				int n = 0;
				while (System.nanoTime() < deadline) {
					long t = System.nanoTime();
					try {
						once(scenario, http);
						if (n == samples.length) {
							samples = Arrays.copyOf(samples, n * 2);
						}
						samples[n++] = System.nanoTime() - t;
					}
					catch (Exception ex) {
						if (errors.incrementAndGet() == 1) {
							firstError[0] = ex.toString();
						}
					}
				}
				mine[0] = Arrays.copyOf(samples, n);
			});
			threads.add(thread);
			this.collect.add(mine);
			thread.start();
		}
		for (Thread thread : threads) {
			thread.join();
		}
		double elapsed = (System.nanoTime() - start) / 1e9;
		long cpu = cpuTicks() - cpuBefore;
		long[] all = this.collect.stream().flatMapToLong((m) -> Arrays.stream(m[0])).sorted().toArray();
		this.collect.clear();
		if (firstError[0] != null) {
			System.err.println("first error in " + scenario + ": " + firstError[0]);
		}
		return new Result(scenario, workers, all, elapsed, errors.get(), cpu * 1000.0 / this.clockTicks);
	}

	void once(String scenario, HttpClient http) throws Exception {
		switch (scenario) {
			case "pin" -> lookupByPin(http);
			case "name" -> searchByName(http);
			case "login" -> login();
			case "token" -> refresh(http);
			default -> throw new IllegalArgumentException("unknown scenario " + scenario);
		}
	}

	void lookupByPin(HttpClient http) throws Exception {
		String pin = pick(this.pins);
		HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(this.issuer + "/admin/api/persons/search"))
			.header("Authorization", "Bearer " + this.adminToken)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"personalIdNumber\":\"" + pin + "\"}"))
			.build(), HttpResponse.BodyHandlers.ofString());
		expect(response, 200, "\"items\":[{");
	}

	void searchByName(HttpClient http) throws Exception {
		String name = pick(this.names);
		HttpResponse<String> response = http.send(HttpRequest
			.newBuilder(URI.create(this.issuer + "/admin/api/persons?limit=20&name=" + form(name)))
			.header("Authorization", "Bearer " + this.adminToken)
			.GET()
			.build(), HttpResponse.BodyHandlers.ofString());
		expect(response, 200, "\"items\":[{");
	}

	/** One login on a fresh cookie jar: a new browser, as each civil servant has their own. */
	void login() throws Exception {
		HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NEVER)
			.connectTimeout(Duration.ofSeconds(5)).build();
		String verifier = random(32);
		String challenge = Base64.getUrlEncoder().withoutPadding()
			.encodeToString(MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
		String url = this.issuer + "/oauth2/authorize?response_type=code&client_id=" + RP_CLIENT + "&redirect_uri="
				+ form(REDIRECT) + "&scope=" + form("openid profile staff") + "&state=" + random(8) + "&nonce="
				+ random(8) + "&code_challenge=" + challenge + "&code_challenge_method=S256";
		String username = pick(this.staff);
		String code = null;
		for (int hop = 0; hop < 8 && code == null; hop++) {
			HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
					HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() == 200 && url.startsWith(this.issuer + "/login")) {
				Matcher csrf = CSRF.matcher(response.body());
				if (!csrf.find()) {
					throw new IllegalStateException("login page without _csrf");
				}
				response = http.send(HttpRequest.newBuilder(URI.create(this.issuer + "/login"))
					.header("Content-Type", "application/x-www-form-urlencoded")
					.POST(HttpRequest.BodyPublishers.ofString("username=" + form(username) + "&password=" + form(PASSWORD)
							+ "&_csrf=" + form(csrf.group(1))))
					.build(), HttpResponse.BodyHandlers.ofString());
			}
			String location = response.headers().firstValue("Location").orElse(null);
			if (response.statusCode() / 100 != 3 || location == null || location.contains("/login?error")) {
				throw new IllegalStateException("login flow stopped: HTTP " + response.statusCode() + " at " + url
						+ " -> " + location);
			}
			url = URI.create(url).resolve(location).toString();
			if (url.startsWith(REDIRECT)) {
				Matcher m = CODE.matcher(url);
				if (!m.find()) {
					throw new IllegalStateException("authorization response without code: " + url);
				}
				code = m.group(1);
			}
		}
		if (code == null) {
			throw new IllegalStateException("login flow: too many hops");
		}
		String body = tokens(http, "grant_type=authorization_code&code=" + code + "&redirect_uri=" + form(REDIRECT)
				+ "&code_verifier=" + verifier);
		Matcher refresh = REFRESH_TOKEN.matcher(body);
		if (refresh.find() && this.refreshTokens.size() < 10_000) {
			this.refreshTokens.add(refresh.group(1));
		}
	}

	void refresh(HttpClient http) throws Exception {
		String token = this.refreshTokens.poll();
		if (token == null) {
			throw new IllegalStateException("no refresh token left");
		}
		String body = tokens(http, "grant_type=refresh_token&refresh_token=" + form(token));
		Matcher next = REFRESH_TOKEN.matcher(body);
		if (!next.find()) {
			throw new IllegalStateException("refresh answer without refresh_token");
		}
		this.refreshTokens.add(next.group(1));
	}

	/** A token request of the relying party; the answer must hold an ID token with the staff claims. */
	String tokens(HttpClient http, String form) throws Exception {
		HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(this.issuer + "/oauth2/token"))
			.header("Authorization", basic(RP_CLIENT, RP_SECRET))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form))
			.build(), HttpResponse.BodyHandlers.ofString());
		expect(response, 200, "\"id_token\"");
		Matcher idToken = ID_TOKEN.matcher(response.body());
		idToken.find();
		String payload = new String(Base64.getUrlDecoder().decode(idToken.group(1).split("\\.")[1]), StandardCharsets.UTF_8);
		if (!payload.contains("\"staff_id\"") || !payload.contains("\"unit_path\"")) {
			throw new IllegalStateException("ID token without staff claims: " + payload);
		}
		return response.body();
	}

	String adminToken() throws Exception {
		HttpResponse<String> response = client().send(HttpRequest.newBuilder(URI.create(this.issuer + "/oauth2/token"))
			.header("Authorization", basic(ADMIN_CLIENT, ADMIN_SECRET))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope="
					+ form("admin:persons admin:persons.pin")))
			.build(), HttpResponse.BodyHandlers.ofString());
		expect(response, 200, "\"access_token\"");
		Matcher m = ACCESS_TOKEN.matcher(response.body());
		m.find();
		return m.group(1);
	}

	static void expect(HttpResponse<String> response, int status, String fragment) {
		if (response.statusCode() != status || !response.body().contains(fragment)) {
			String body = response.body();
			throw new IllegalStateException("HTTP " + response.statusCode() + " from " + response.uri() + ": "
					+ body.substring(0, Math.min(300, body.length())));
		}
	}

	long cpuTicks() throws IOException {
		String stat = Files.readString(Path.of("/proc/" + this.serverPid + "/stat"));
		String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
		return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
	}

	static HttpClient client() {
		return HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
	}

	static String pick(List<String> values) {
		return values.get(ThreadLocalRandom.current().nextInt(values.size()));
	}

	static String random(int bytes) {
		byte[] b = new byte[bytes];
		new SecureRandom().nextBytes(b);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
	}

	static String form(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	static String basic(String id, String secret) {
		return "Basic " + Base64.getEncoder().encodeToString((form(id) + ":" + form(secret)).getBytes(StandardCharsets.UTF_8));
	}

	static String env(String name, String fallback) {
		String value = System.getenv(name);
		return (value == null || value.isBlank()) ? fallback : value;
	}

	record Result(String scenario, int workers, long[] sortedNanos, double seconds, long errors, double cpuMillis) {

		String row() {
			int n = this.sortedNanos.length;
			return String.format(Locale.ROOT, "| %s | %d | %d | %.1f | %.1f | %.1f | %.2f | %d |", this.scenario,
					this.workers, n, n / this.seconds, percentile(0.50), percentile(0.99),
					(n == 0) ? 0.0 : this.cpuMillis / n, this.errors);
		}

		double percentile(double p) {
			if (this.sortedNanos.length == 0) {
				return 0;
			}
			int i = (int) Math.min(this.sortedNanos.length - 1, Math.ceil(p * this.sortedNanos.length) - 1);
			return this.sortedNanos[Math.max(0, i)] / 1e6;
		}

	}

}
