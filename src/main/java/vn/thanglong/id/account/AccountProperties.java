package vn.thanglong.id.account;

import java.net.URI;
import java.util.Locale;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the account page and its provider are reached from a browser.
 *
 * @param publicBaseUrl the provider's public base URL ({@code IDP_PUBLIC_BASE_URL}), for
 * example {@code https://id.example.gov.vn}; empty means {@code http://localhost:{port}}
 */
@ConfigurationProperties("idp")
record AccountProperties(@Nullable String publicBaseUrl) {

	AccountProperties {
		if (publicBaseUrl == null || publicBaseUrl.isBlank()) {
			publicBaseUrl = null;
		}
		else {
			publicBaseUrl = normalise(publicBaseUrl.trim());
		}
	}

	/**
	 * The origin exactly as the request URLs look once the provider has applied the public base
	 * URL (scheme and host as configured, default port omitted), because the redirect URI
	 * registered and sent is compared with the URL the callback arrives at, character for
	 * character (RFC 6749 section 3.1.2; RFC 9700 section 4.1.3). Like the provider, no path.
	 */
	private static String normalise(String url) {
		URI uri;
		try {
			uri = URI.create(url);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("idp.public-base-url is not a URL: " + url, ex);
		}
		String scheme = (uri.getScheme() != null) ? uri.getScheme().toLowerCase(Locale.ROOT) : "";
		String path = uri.getRawPath();
		if (!("https".equals(scheme) || "http".equals(scheme)) || uri.getHost() == null || uri.getRawQuery() != null
				|| uri.getRawFragment() != null || uri.getRawUserInfo() != null
				|| (path != null && !path.isEmpty() && !"/".equals(path))) {
			throw new IllegalArgumentException(
					"idp.public-base-url must be http(s)://host[:port] without a path; was " + url);
		}
		boolean defaultPort = uri.getPort() < 0 || ("https".equals(scheme) && uri.getPort() == 443)
				|| ("http".equals(scheme) && uri.getPort() == 80);
		return scheme + "://" + uri.getHost() + (defaultPort ? "" : ":" + uri.getPort());
	}

}
