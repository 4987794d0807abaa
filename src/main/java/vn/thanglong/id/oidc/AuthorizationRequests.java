package vn.thanglong.id.oidc;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.util.UriUtils;

import vn.thanglong.id.realm.RealmPaths;

/** Reading authorization requests (RFC 6749 section 4.1.1) the same way for GET and POST. */
final class AuthorizationRequests {

	static final String AUTHORIZE_PATH = "/oauth2/authorize";

	private AuthorizationRequests() {
	}

	static boolean isAuthorizationRequest(HttpServletRequest request) {
		return path(request).endsWith(AUTHORIZE_PATH)
				&& ("GET".equals(request.getMethod()) || "POST".equals(request.getMethod()))
				&& request.getParameter("response_type") != null;
	}

	/**
	 * The consent page's answer: a POST back to the authorization endpoint with the request's
	 * {@code state} and without {@code response_type} or {@code redirect_uri}, which the stock
	 * consent converter takes. Anything else there is an authorization request.
	 */
	static boolean isConsentAnswer(HttpServletRequest request) {
		return "POST".equals(request.getMethod()) && path(request).endsWith(AUTHORIZE_PATH)
				&& request.getParameter("response_type") == null && request.getParameter("state") != null
				&& request.getParameter("redirect_uri") == null;
	}

	static String path(HttpServletRequest request) {
		return RealmPaths.pathOf(request);
	}

	static Set<String> prompt(HttpServletRequest request) {
		String prompt = request.getParameter("prompt");
		return (prompt == null) ? Set.of()
				: Arrays.stream(prompt.split(" ")).filter((p) -> !p.isEmpty()).collect(Collectors.toUnmodifiableSet());
	}

	/** The same request as a GET path with its query, to resume after login. */
	static String asGetPath(HttpServletRequest request) {
		StringBuilder out = new StringBuilder(path(request));
		char separator = '?';
		for (var entry : request.getParameterMap().entrySet()) {
			for (String value : entry.getValue()) {
				out.append(separator).append(UriUtils.encode(entry.getKey(), StandardCharsets.UTF_8)).append('=')
					.append(UriUtils.encode(value, StandardCharsets.UTF_8));
				separator = '&';
			}
		}
		return out.toString();
	}

}
