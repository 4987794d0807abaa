package vn.thanglong.id.oidc;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.web.util.UriUtils;

import vn.thanglong.id.realm.RealmPaths;

/** Reading authorization requests (RFC 6749 section 4.1.1) the same way for GET and POST. */
final class AuthorizationRequests {

	static final String AUTHORIZE_PATH = "/oauth2/authorize";

	/**
	 * The longest {@code state} and {@code nonce} taken (authorization and end-session requests),
	 * counted as they travel, percent-encoded: each comes back in a URL (the {@code Location} of a
	 * redirect, and the request resumed after the login page), which the container refuses past
	 * its header limit of 8 KB, with a 500 for a response, and which proxies cap lower still.
	 * Longer than any client needs: a signed JWT as state is well under it.
	 */
	static final int LONGEST_STATE = 2048;

	/** As {@link #LONGEST_STATE}: the nonce travels with the resumed request, and into every ID token. */
	static final int LONGEST_NONCE = 2048;

	/** Whether {@code value} is longer than {@code longest} characters once percent-encoded. */
	static boolean longerThan(@Nullable String value, int longest) {
		return value != null && value.length() > longest / 9
				&& UriUtils.encode(value, StandardCharsets.UTF_8).length() > longest;
	}

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

	/**
	 * Whether the query string names one of {@code names} (percent-decoded), or has a name that
	 * cannot be decoded, which may be any of them.
	 */
	static boolean queryNamesAny(@Nullable String query, Set<String> names) {
		if (query == null) {
			return false;
		}
		for (String pair : query.split("&")) {
			String name = (pair.indexOf('=') >= 0) ? pair.substring(0, pair.indexOf('=')) : pair;
			try {
				if (names.contains(java.net.URLDecoder.decode(name, StandardCharsets.UTF_8))) {
					return true;
				}
			}
			catch (IllegalArgumentException ex) {
				return true;
			}
		}
		return false;
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
