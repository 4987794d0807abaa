package vn.thanglong.id.oidc;

import java.io.IOException;
import java.net.URI;
import java.util.Locale;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Makes every request look as if it arrived at the configured public base URL
 * ({@code IDP_PUBLIC_BASE_URL}), so that issuers and every advertised URL name the address
 * relying parties use, whatever the TLS-terminating load balancer forwards; redirects to a path
 * go to that address too. Used instead of
 * trusting {@code X-Forwarded-*} headers, which is the other option
 * ({@code IDP_FORWARD_HEADERS_STRATEGY=framework}, only behind a proxy that sets them).
 */
final class PublicBaseUrlFilter extends OncePerRequestFilter {

	private final String scheme;

	private final String host;

	private final int port;

	PublicBaseUrlFilter(String publicBaseUrl) {
		URI uri = URI.create(publicBaseUrl);
		if (uri.getScheme() == null || uri.getHost() == null
				|| (uri.getPath() != null && !uri.getPath().isEmpty() && !"/".equals(uri.getPath()))
				|| uri.getQuery() != null || uri.getFragment() != null) {
			throw new IllegalArgumentException("idp.public-base-url must be scheme://host[:port] without a path; was "
					+ publicBaseUrl);
		}
		this.scheme = uri.getScheme().toLowerCase(Locale.ROOT);
		this.host = uri.getHost();
		this.port = (uri.getPort() > 0) ? uri.getPort() : ("https".equals(this.scheme) ? 443 : 80);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		chain.doFilter(new HttpServletRequestWrapper(request) {

			@Override
			public String getScheme() {
				return PublicBaseUrlFilter.this.scheme;
			}

			@Override
			public boolean isSecure() {
				return "https".equals(PublicBaseUrlFilter.this.scheme);
			}

			@Override
			public String getServerName() {
				return PublicBaseUrlFilter.this.host;
			}

			@Override
			public int getServerPort() {
				return PublicBaseUrlFilter.this.port;
			}

			@Override
			public StringBuffer getRequestURL() {
				StringBuffer url = new StringBuffer(PublicBaseUrlFilter.this.scheme).append("://")
					.append(PublicBaseUrlFilter.this.host);
				boolean defaultPort = ("https".equals(PublicBaseUrlFilter.this.scheme) && PublicBaseUrlFilter.this.port == 443)
						|| ("http".equals(PublicBaseUrlFilter.this.scheme) && PublicBaseUrlFilter.this.port == 80);
				if (!defaultPort) {
					url.append(':').append(PublicBaseUrlFilter.this.port);
				}
				return url.append(getRequestURI());
			}

		}, new HttpServletResponseWrapper(response) {

			// the container makes a path absolute from the connection it was reached on (the load
			// balancer's http hop), not from the wrapped request: do it here, on the public base URL
			@Override
			public void sendRedirect(String location) throws IOException {
				super.sendRedirect(onPublicBase(location));
			}

			// Servlet 6.1's variants: the wrapper hands each straight to the container
			@Override
			public void sendRedirect(String location, boolean clearBuffer) throws IOException {
				super.sendRedirect(onPublicBase(location), clearBuffer);
			}

			@Override
			public void sendRedirect(String location, int status) throws IOException {
				super.sendRedirect(onPublicBase(location), status);
			}

			@Override
			public void sendRedirect(String location, int status, boolean clearBuffer) throws IOException {
				super.sendRedirect(onPublicBase(location), status, clearBuffer);
			}

		});
	}

	private String onPublicBase(String location) {
		if (!location.startsWith("/") || location.startsWith("//")) {
			return location;
		}
		boolean defaultPort = ("https".equals(this.scheme) && this.port == 443)
				|| ("http".equals(this.scheme) && this.port == 80);
		return this.scheme + "://" + this.host + (defaultPort ? "" : ":" + this.port) + location;
	}

}
