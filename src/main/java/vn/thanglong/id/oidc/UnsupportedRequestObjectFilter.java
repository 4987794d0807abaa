package vn.thanglong.id.oidc;

import java.io.IOException;
import java.util.Objects;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses request objects until they are supported: OIDC Core section 6 lets a provider that
 * does not process {@code request} or {@code request_uri} answer {@code request_not_supported}
 * or {@code request_uri_not_supported}, but never ignore them, because the client may have put
 * its real parameters (and their integrity) inside.
 */
final class UnsupportedRequestObjectFilter extends OncePerRequestFilter {

	/** RFC 9126 section 2.2: references to pushed requests are the authorization server's own. */
	static final String PUSHED_REQUEST_URI_PREFIX = "urn:ietf:params:oauth:request_uri:";

	private final ClientRedirects redirects;

	UnsupportedRequestObjectFilter(ClientRedirects redirects) {
		this.redirects = Objects.requireNonNull(redirects, "redirects");
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		String requestUri = request.getParameter("request_uri");
		boolean pushed = requestUri != null && requestUri.startsWith(PUSHED_REQUEST_URI_PREFIX);
		return !AuthorizationRequests.path(request).endsWith(AuthorizationRequests.AUTHORIZE_PATH)
				|| (request.getParameter("request") == null && (requestUri == null || pushed));
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String realm = Issuers.realmOfPath(AuthorizationRequests.path(request)).orElse("");
		if (request.getParameter("request") != null) {
			this.redirects.sendError(realm, request, response, "request_not_supported",
					"Request objects are not supported; send the parameters in the query or form.");
		}
		else {
			this.redirects.sendError(realm, request, response, "request_uri_not_supported",
					"request_uri is not supported; send the parameters in the query or form.");
		}
	}

}
