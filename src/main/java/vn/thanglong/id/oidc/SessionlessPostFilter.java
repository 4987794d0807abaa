package vn.thanglong.id.oidc;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * An authorization or end-session request that a browser POSTs without this server's session
 * is answered with a 303 to the same request as a GET (OIDC Core section 3.1.2.1 and RP-Initiated
 * Logout section 2 take both methods alike). The session cookie is {@code SameSite=Lax}, so a
 * form posted from an agency system's page (another site) arrives without it: the POST would find
 * nobody logged in, an end-session request would send the browser back to the agency system
 * while the person stays logged in here, and an authorization request would ask for a login that
 * the session already holds. The top-level GET that follows carries the cookie. It exposes
 * nothing a link to the same GET could not reach: both endpoints take GET anyway.
 * <p>
 * A POST that carries a session is handled as it is, and so is one whose GET would be longer
 * than {@link #LONGEST_LOCATION} (past what proxies and the container take in a request line),
 * whose body is not a form, or that answers the consent page. What was posted (an
 * {@code id_token_hint} or a {@code login_hint} too) is then in the URL, as in any GET request.
 */
final class SessionlessPostFilter extends OncePerRequestFilter {

	/** The longest {@code Location} sent: request lines past 8 KB are refused on the way back. */
	static final int LONGEST_LOCATION = 6144;

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		if (!"POST".equals(request.getMethod()) || !isForm(request.getContentType())) {
			return true;
		}
		String path = AuthorizationRequests.path(request);
		// the consent page's answer is a POST of this server's own page, never a request to send on: its
		// CSRF token does not belong in a URL, and without the session it is refused as it is
		return Issuers.realmOfPath(path).isEmpty()
				|| !(path.endsWith(AuthorizationRequests.AUTHORIZE_PATH) || path.endsWith("/connect/logout"))
				|| AuthorizationRequests.isConsentAnswer(request);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (request.getSession(false) == null) {
			String location = request.getContextPath() + AuthorizationRequests.asGetPath(request);
			if (location.length() <= LONGEST_LOCATION) {
				response.setStatus(HttpServletResponse.SC_SEE_OTHER);
				response.setHeader("Location", location);
				response.setHeader("Cache-Control", "no-store");
				return;
			}
		}
		chain.doFilter(request, response);
	}

	private static boolean isForm(String contentType) {
		try {
			return contentType != null
					&& MediaType.APPLICATION_FORM_URLENCODED.equalsTypeAndSubtype(MediaType.parseMediaType(contentType));
		}
		catch (IllegalArgumentException ex) {
			// a malformed content type: the endpoints answer it as they do now
			return false;
		}
	}

}
