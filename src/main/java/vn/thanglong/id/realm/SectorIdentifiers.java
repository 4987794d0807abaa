package vn.thanglong.id.realm;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Fetches a client's {@code sector_identifier_uri} (OIDC Core section 8.1): a JSON array of
 * URIs that must list every redirect URI of the client. Read once, when the realm is loaded.
 */
final class SectorIdentifiers {

	private static final int MAX_BYTES = 64 * 1024;

	private final HttpClient http = HttpClient.newBuilder()
		.connectTimeout(Duration.ofSeconds(5))
		.followRedirects(HttpClient.Redirect.NEVER)
		.build();

	private final JsonMapper json;

	SectorIdentifiers(JsonMapper json) {
		this.json = Objects.requireNonNull(json, "json");
	}

	/** The redirect URIs the document lists; an exception's message says what is wrong with it. */
	List<String> fetch(String uri) throws IOException {
		HttpResponse<byte[]> response;
		try {
			response = this.http.send(HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofSeconds(10))
				.header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofByteArray());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException("interrupted");
		}
		if (response.statusCode() != 200) {
			throw new IOException("answered HTTP " + response.statusCode());
		}
		if (response.body().length > MAX_BYTES) {
			throw new IOException("is larger than " + MAX_BYTES + " bytes");
		}
		JsonNode array;
		try {
			array = this.json.readTree(response.body());
		}
		catch (JacksonException ex) {
			throw new IOException("is not JSON");
		}
		if (array == null || !array.isArray()) {
			throw new IOException("is not a JSON array of redirect URIs");
		}
		List<String> listed = new ArrayList<>();
		array.forEach((element) -> listed.add(element.isString() ? element.asString() : element.toString()));
		return listed;
	}

}
