package vn.thanglong.id.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The admin REST API of a realm as the end-to-end tests call it: JSON requests with a bearer
 * token, and the checks every admin test makes on what comes back (a JSON body, a problem
 * details body as RFC 9457 defines it, the fields a problem names, the {@code ETag}). One copy,
 * so that every admin test holds the server to the same, strictest, reading.
 */
public final class AdminApi {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	/**
	 * {@code method} on {@code {issuer}/admin/api{path}}. A body is sent as
	 * {@code application/json} unless {@code headers} name another {@code Content-Type}; without a
	 * token there is no {@code Authorization} header. {@code headers} are name, value pairs.
	 */
	public HttpResponse<String> call(String issuer, String method, String path, String token, String body,
			String... headers) throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(issuer + "/admin/api" + path))
			.timeout(Duration.ofSeconds(20))
			.method(method, (body == null) ? HttpRequest.BodyPublishers.noBody()
					: HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
		boolean typed = false;
		for (int i = 0; i < headers.length; i += 2) {
			request.header(headers[i], headers[i + 1]);
			typed |= headers[i].equalsIgnoreCase("Content-Type");
		}
		if (body != null && !typed) {
			request.header("Content-Type", "application/json");
		}
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
	}

	/**
	 * POST of {@code body} to {@code {issuer}/admin/api{path}} as {@code application/json} in
	 * chunks, with no {@code Content-Length}: the server learns its size only by reading it.
	 */
	public HttpResponse<String> postChunked(String issuer, String path, String token, String body)
			throws IOException, InterruptedException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		HttpRequest request = HttpRequest.newBuilder(URI.create(issuer + "/admin/api" + path))
			.timeout(Duration.ofSeconds(20))
			.POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(bytes)))
			.header("Content-Type", "application/json")
			.header("Authorization", "Bearer " + token)
			.build();
		return this.http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
	}

	/** The JSON body of a response that must have this status and an {@code application/json} type. */
	public static JsonNode json(HttpResponse<String> response, int status) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
				(type) -> assertThat(type).startsWith("application/json"));
		return JSON.readTree(response.body());
	}

	/**
	 * A problem details response (RFC 9457 section 3): this status, type
	 * {@code application/problem+json}, this {@code type}, the same {@code status} in the body
	 * and a {@code title}.
	 */
	public static JsonNode assertProblem(HttpResponse<String> response, int status, String type) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
				(contentType) -> assertThat(contentType).startsWith("application/problem+json"));
		JsonNode problem = JSON.readTree(response.body());
		assertThat(problem.get("type").asString()).isEqualTo(type);
		assertThat(problem.get("status").asInt()).isEqualTo(status);
		assertThat(problem.get("title").asString()).isNotBlank();
		return problem;
	}

	/** The {@code field} of each of a problem's {@code errors}, in order; a problem without them fails. */
	public static List<String> fields(JsonNode problem) {
		assertThat(problem.has("errors")).as("errors of %s", problem).isTrue();
		List<String> fields = new ArrayList<>();
		problem.get("errors").forEach((error) -> {
			assertThat(error.hasNonNull("field")).as("field of %s", error).isTrue();
			fields.add(error.get("field").asString());
		});
		return fields;
	}

	public static String etag(HttpResponse<String> response) {
		return response.headers().firstValue("ETag").orElseThrow(() -> new AssertionError("no ETag: " + response.body()));
	}

}
