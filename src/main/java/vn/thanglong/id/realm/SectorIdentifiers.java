package vn.thanglong.id.realm;

import java.io.IOException;
import java.io.InputStream;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Fetches a client's {@code sector_identifier_uri} (OIDC Core section 8.1): a JSON array of
 * URIs that must list every redirect URI of the client. Read once, when the client is loaded.
 * <p>
 * A realm-config file is the operator's own, so its URIs are fetched wherever they point. A
 * client given through the admin API must not turn the provider into a probe of its own
 * network (server-side request forgery): its URI must resolve to public addresses only, unless
 * the operator lists the host ({@code IDP_SECTOR_IDENTIFIER_HOSTS}). The answer is read up to
 * {@value #MAX_BYTES} bytes, never further.
 */
final class SectorIdentifiers {

	private static final int MAX_BYTES = 64 * 1024;

	private final HttpClient http = HttpClient.newBuilder()
		.connectTimeout(Duration.ofSeconds(5))
		.followRedirects(HttpClient.Redirect.NEVER)
		.build();

	private final JsonMapper json;

	private final boolean publicOnly;

	private final Set<String> trustedHosts;

	private SectorIdentifiers(JsonMapper json, boolean publicOnly, Set<String> trustedHosts) {
		this.json = Objects.requireNonNull(json, "json");
		this.publicOnly = publicOnly;
		this.trustedHosts = trustedHosts.stream().map((host) -> host.toLowerCase(Locale.ROOT))
			.collect(Collectors.toUnmodifiableSet());
	}

	/** For realm-config files: any address. */
	static SectorIdentifiers forFiles(JsonMapper json) {
		return new SectorIdentifiers(json, false, Set.of());
	}

	/** For clients given at run time: public addresses, and the hosts the operator trusts. */
	static SectorIdentifiers forRequests(JsonMapper json, Set<String> trustedHosts) {
		return new SectorIdentifiers(json, true, trustedHosts);
	}

	/** The redirect URIs the document lists; an exception's message says what is wrong with it. */
	List<String> fetch(String uri) throws IOException {
		URI target = URI.create(uri);
		requireAllowedHost(target);
		HttpResponse<InputStream> response;
		try {
			response = this.http.send(HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(10))
				.header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofInputStream());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException("interrupted");
		}
		byte[] body;
		try (InputStream in = response.body()) {
			if (response.statusCode() != 200) {
				throw new IOException("answered HTTP " + response.statusCode());
			}
			body = in.readNBytes(MAX_BYTES + 1);
		}
		if (body.length > MAX_BYTES) {
			throw new IOException("is larger than " + MAX_BYTES + " bytes");
		}
		JsonNode array;
		try {
			array = this.json.readTree(body);
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

	private void requireAllowedHost(URI target) throws IOException {
		String host = target.getHost();
		if (host == null) {
			throw new IOException("has no host");
		}
		String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
		if (!this.publicOnly || this.trustedHosts.contains(bare.toLowerCase(Locale.ROOT))) {
			return;
		}
		InetAddress[] addresses;
		try {
			addresses = InetAddress.getAllByName(bare);
		}
		catch (UnknownHostException ex) {
			throw new IOException("names a host that does not resolve");
		}
		for (InetAddress address : addresses) {
			if (!isPublic(address)) {
				throw new IOException("names a host on a private, loopback or link-local address; an operator may "
						+ "trust the host with IDP_SECTOR_IDENTIFIER_HOSTS");
			}
		}
	}

	/** Not loopback, link-local, private (RFC 1918, RFC 4193), shared (RFC 6598), multicast or unspecified. */
	static boolean isPublic(InetAddress address) {
		if (address.isAnyLocalAddress() || address.isLoopbackAddress() || address.isLinkLocalAddress()
				|| address.isSiteLocalAddress() || address.isMulticastAddress()) {
			return false;
		}
		byte[] bytes = address.getAddress();
		if (address instanceof Inet6Address) {
			return (bytes[0] & 0xfe) != 0xfc;
		}
		int first = bytes[0] & 0xff;
		int second = bytes[1] & 0xff;
		return first != 0 && !(first == 100 && second >= 64 && second < 128) && !(first == 169 && second == 254);
	}

}
