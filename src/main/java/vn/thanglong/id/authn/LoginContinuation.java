package vn.thanglong.id.authn;

import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

/**
 * Where to go after a successful login: the authorization request that sent the user to the
 * login page, as a same-origin path of the same realm. Kept in the HTTP session, so that it
 * lives in Redis in production and any node can resume it; an authorization request sent by
 * POST is resumed as well, because it is kept as a GET URL.
 */
public final class LoginContinuation {

	private static final String ATTRIBUTE = LoginContinuation.class.getName();

	private LoginContinuation() {
	}

	/** Remembers {@code path} (with its query) as the place to resume after logging in to {@code realm}. */
	public static void remember(HttpServletRequest request, String realm, String path) {
		if (!isRealmPath(realm, path)) {
			throw new IllegalArgumentException("not a path of realm " + realm);
		}
		request.getSession(true).setAttribute(ATTRIBUTE, path);
	}

	/** The remembered path for {@code realm}, read once. */
	static Optional<String> take(HttpServletRequest request, String realm) {
		HttpSession session = request.getSession(false);
		if (session == null) {
			return Optional.empty();
		}
		Object path = session.getAttribute(ATTRIBUTE);
		session.removeAttribute(ATTRIBUTE);
		return (path instanceof String text && isRealmPath(realm, text)) ? Optional.of(text) : Optional.empty();
	}

	/** The remembered path without consuming it, for pre-filling the login form. */
	static Optional<String> peek(HttpServletRequest request) {
		HttpSession session = request.getSession(false);
		return (session != null && session.getAttribute(ATTRIBUTE) instanceof String text) ? Optional.of(text)
				: Optional.empty();
	}

	private static boolean isRealmPath(String realm, String path) {
		return path.startsWith("/realms/" + realm + "/") && !path.contains("//") && !path.contains("\\");
	}

}
