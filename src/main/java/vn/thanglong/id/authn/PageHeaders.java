package vn.thanglong.id.authn;

import jakarta.servlet.http.HttpServletResponse;

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

	/** Writes both headers, for a page rendered outside the pages' security filter chains (an error page). */
	public static void write(HttpServletResponse response) {
		response.setHeader("Content-Security-Policy", POLICY);
		response.setHeader("Referrer-Policy", "no-referrer");
	}

}
