package vn.thanglong.id.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import com.nimbusds.jose.util.JSONObjectUtils;
import org.jspecify.annotations.Nullable;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Plain HTTP for the protocol tests that need raw control over a request (malformed bodies,
 * headers, methods) and see the response exactly as the server wrote it: redirects are
 * never followed, nothing is parsed unless asked.
 */
public final class RawHttp {

	/** What a browser sends; the authorization endpoint is a browser-facing endpoint. */
	public static final String BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

	private final HttpClient client = HttpClient.newBuilder()
		.followRedirects(HttpClient.Redirect.NEVER)
		.connectTimeout(Duration.ofSeconds(10))
		.build();

	public HttpResponse<String> send(HttpRequest request) {
		try {
			return this.client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(request.method() + " " + request.uri() + " failed", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** A response read off the wire: its status code and everything after the status line. */
	public record WireResponse(int status, String text) {
	}

	/**
	 * A GET of {@code target} exactly as given, which may be no valid URI (a bad percent-escape,
	 * as a browser or curl sends it), over a plain socket to the server at {@code port} on loopback;
	 * with the {@code Host} header given, if it is among {@code headers}.
	 */
	public static WireResponse getVerbatim(int port, String target, String... headers) {
		return sendVerbatim(port, "GET", target, null, headers);
	}

	/** As {@link #getVerbatim}, with another method and, if not null, a body (its type among {@code headers}). */
	public static WireResponse sendVerbatim(int port, String method, String target, @Nullable String body,
			String... headers) {
		StringBuilder head = new StringBuilder(method).append(' ').append(target)
			.append(" HTTP/1.1\r\nConnection: close\r\n");
		if (!List.of(headers).contains("Host")) {
			head.append("Host: localhost:").append(port).append("\r\n");
		}
		for (int i = 0; i + 1 < headers.length; i += 2) {
			head.append(headers[i]).append(": ").append(headers[i + 1]).append("\r\n");
		}
		byte[] content = (body != null) ? body.getBytes(StandardCharsets.UTF_8) : new byte[0];
		if (body != null) {
			head.append("Content-Length: ").append(content.length).append("\r\n");
		}
		try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
			socket.setSoTimeout(10_000);
			socket.getOutputStream().write(head.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
			socket.getOutputStream().write(content);
			String text = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			return new WireResponse(Integer.parseInt(text.substring(9, 12)), text.substring(text.indexOf("\r\n") + 2));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(method + " " + target + " failed", ex);
		}
	}

	public HttpResponse<String> get(String uri, String... headers) {
		return send(request(uri, headers).GET().build());
	}

	/** A form POST ({@code application/x-www-form-urlencoded}) with the body exactly as given. */
	public HttpResponse<String> postForm(String uri, String body, String... headers) {
		return post(uri, "application/x-www-form-urlencoded", body.getBytes(StandardCharsets.UTF_8), headers);
	}

	public HttpResponse<String> post(String uri, String contentType, byte[] body, String... headers) {
		HttpRequest.Builder builder = request(uri, headers);
		if (contentType != null) {
			builder.header("Content-Type", contentType);
		}
		return send(builder.POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
	}

	public HttpResponse<String> method(String method, String uri, String... headers) {
		return send(request(uri, headers).method(method, HttpRequest.BodyPublishers.noBody()).build());
	}

	private static HttpRequest.Builder request(String uri, String... headers) {
		HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofSeconds(30));
		for (int i = 0; i < headers.length; i += 2) {
			builder.header(headers[i], headers[i + 1]);
		}
		return builder;
	}

	/** {@code Authorization: Basic} as RFC 6749 section 2.3.1 builds it (form-encoded id and secret). */
	public static String basic(String clientId, String secret) {
		String pair = urlEncode(clientId) + ":" + urlEncode(secret);
		return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
	}

	/** {@code name=value&...} with both form-encoded; pairs in order, repeats allowed. */
	public static String form(String... pairs) {
		StringBuilder out = new StringBuilder();
		for (int i = 0; i < pairs.length; i += 2) {
			if (!out.isEmpty()) {
				out.append('&');
			}
			out.append(urlEncode(pairs[i])).append('=').append(urlEncode(pairs[i + 1]));
		}
		return out.toString();
	}

	public static String urlEncode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	/** The JSON object of a response body; fails, showing the response, when it is not one. */
	public static Map<String, Object> json(HttpResponse<String> response) {
		try {
			return JSONObjectUtils.parse(response.body());
		}
		catch (java.text.ParseException | RuntimeException ex) {
			throw new AssertionError("not a JSON object: " + describe(response), ex);
		}
	}

	/**
	 * An OAuth 2.0 error response (RFC 6749 section 5.2): this status, a JSON body with this
	 * {@code error}, and never a stack trace.
	 */
	public static Map<String, Object> assertError(HttpResponse<String> response, int status, String error) {
		assertThat(response.statusCode()).as("status of %s", describe(response)).isEqualTo(status);
		assertThat(response.headers().firstValue("Content-Type")).as("content type of %s", describe(response))
			.hasValueSatisfying((type) -> assertThat(type.toLowerCase(Locale.ROOT)).startsWith("application/json"));
		Map<String, Object> body = json(response);
		assertThat(body.get("error")).as("error of %s", describe(response)).isEqualTo(error);
		assertNoInternals(response);
		return body;
	}

	/** RFC 6749 section 5.1 (success) and 5.2 (error): token responses are never cached. */
	public static void assertNoStore(HttpResponse<String> response) {
		assertThat(response.headers().allValues("Cache-Control")).as("Cache-Control of %s", describe(response))
			.anySatisfy((value) -> assertThat(value.toLowerCase(Locale.ROOT)).contains("no-store"));
	}

	/** No server failure and nothing of the server's insides (stack traces, exception names). */
	public static void assertNoInternals(HttpResponse<String> response) {
		assertThat(response.statusCode()).as("status of %s", describe(response)).isLessThan(500);
		String body = (response.body() != null) ? response.body() : "";
		assertThat(body).as("body of %s", describe(response))
			.doesNotContain("Exception")
			.doesNotContainPattern("\\bat (java|org|jakarta|vn|com)\\.[\\w.$]+\\(")
			.doesNotContain("Whitelabel");
	}

	public static Optional<String> location(HttpResponse<String> response) {
		return response.headers().firstValue("Location");
	}

	/** Query and fragment parameters of a redirect target, decoded (the first value of each). */
	public static Map<String, String> parameters(String uri) {
		Map<String, String> out = new LinkedHashMap<>();
		URI parsed = URI.create(uri);
		for (String part : new String[] { parsed.getRawQuery(), parsed.getRawFragment() }) {
			if (part == null || part.isEmpty()) {
				continue;
			}
			for (String pair : part.split("&")) {
				int eq = pair.indexOf('=');
				String name = URLDecoder.decode((eq < 0) ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
				String value = (eq < 0) ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
				out.putIfAbsent(name, value);
			}
		}
		return out;
	}

	public static List<String> strings(Object value) {
		List<String> out = new ArrayList<>();
		if (value instanceof List<?> list) {
			list.forEach((item) -> out.add(String.valueOf(item)));
		}
		return out;
	}

	/** The request and response, for assertion messages and failure reports. */
	public static String describe(HttpResponse<String> response) {
		String body = (response.body() != null) ? response.body() : "";
		if (body.length() > 600) {
			body = body.substring(0, 600) + "...(" + body.length() + " chars)";
		}
		String uri = response.uri().toString();
		if (uri.length() > 300) {
			uri = uri.substring(0, 300) + "...";
		}
		return response.request().method() + " " + uri + " -> " + response.statusCode() + " "
				+ response.headers().map() + " " + body;
	}

}
