package vn.thanglong.id.authn;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

/**
 * The security headers of every page this server renders: a content security policy that
 * allows nothing but this server's own resources and no framing, and no referrer, so that the
 * query of an authorization request (its state, a login hint) never leaves in a Referer.
 */
public final class PageHeaders {

	/** Content-Security-Policy of the pages. */
	public static final String POLICY = "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'; "
			+ "base-uri 'none'; object-src 'none'";

	/** Request attribute: the message key of why a page request failed, which the error page shows. */
	public static final String ERROR_REASON = PageHeaders.class.getName() + ".reason";

	private PageHeaders() {
	}

	/**
	 * Answers a page request with the error page (400), instead of a redirect, saying why when
	 * {@code reason} (a message key) is given: the person sees that the service's set-up, or a
	 * session that ended, not their input, is at fault.
	 */
	public static void sendErrorPage(HttpServletRequest request, HttpServletResponse response, @Nullable String reason)
			throws IOException {
		if (reason != null) {
			request.setAttribute(ERROR_REASON, reason);
		}
		response.sendError(HttpServletResponse.SC_BAD_REQUEST);
	}

	/** Writes both headers, for a page rendered outside the pages' security filter chains (an error page). */
	public static void write(HttpServletResponse response) {
		response.setHeader("Content-Security-Policy", POLICY);
		response.setHeader("Referrer-Policy", "no-referrer");
	}

}
