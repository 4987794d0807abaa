package vn.thanglong.id.authn;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import org.jspecify.annotations.Nullable;

/**
 * Where to go after a successful login: the authorization request that sent the user to the
 * login page, as a same-origin path of the same realm. Kept in the HTTP session, so that it
 * lives in Redis in production and any node can resume it; an authorization request sent by
 * POST is resumed as well, because it is kept as a GET URL.
 * <p>
 * A browser may be at several login pages at once (two agency systems opened in two tabs): each
 * continuation has its own identifier, which its login page carries ({@link #PARAMETER}) and its
 * form posts back, so that each tab resumes its own request, not the one remembered last. At most
 * {@link #MOST} are kept per session, the oldest forgotten first.
 */
public final class LoginContinuation {

	/** The login page's parameter (and form field) naming its continuation. */
	public static final String PARAMETER = "continue";

	static final int MOST = 8;

	private static final String ATTRIBUTE = LoginContinuation.class.getName();

	private static final SecureRandom RANDOM = new SecureRandom();

	private LoginContinuation() {
	}

	/**
	 * Remembers {@code path} (with its query) as the place to resume after logging in to
	 * {@code realm}; answers the identifier its login page is to carry.
	 */
	public static String remember(HttpServletRequest request, String realm, String path) {
		if (!isRealmPath(realm, path)) {
			throw new IllegalArgumentException("not a path of realm " + realm);
		}
		byte[] random = new byte[16];
		RANDOM.nextBytes(random);
		String id = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
		HttpSession session = request.getSession(true);
		LinkedHashMap<String, String> paths = new LinkedHashMap<>(of(session));
		paths.put(id, path);
		while (paths.size() > MOST) {
			paths.remove(paths.keySet().iterator().next());
		}
		// set anew, not changed in place: a session store writes back only what is set
		session.setAttribute(ATTRIBUTE, paths);
		return id;
	}

	/**
	 * The path remembered for {@code realm} under {@code id}, read once; without an identifier
	 * (a login page opened directly) the one remembered last. An identifier no longer known (taken
	 * already, or forgotten among too many) resumes nothing.
	 */
	static Optional<String> take(HttpServletRequest request, String realm, @Nullable String id) {
		HttpSession session = request.getSession(false);
		if (session == null) {
			return Optional.empty();
		}
		LinkedHashMap<String, String> paths = new LinkedHashMap<>(of(session));
		String key = (id != null) ? (paths.containsKey(id) ? id : null)
				: paths.keySet().stream().reduce((first, second) -> second).orElse(null);
		if (key == null) {
			return Optional.empty();
		}
		String path = paths.remove(key);
		session.setAttribute(ATTRIBUTE, paths);
		return isRealmPath(realm, path) ? Optional.of(path) : Optional.empty();
	}

	/** The path remembered under {@code id} (or last) without consuming it, for pre-filling the login form. */
	static Optional<String> peek(HttpServletRequest request, @Nullable String id) {
		HttpSession session = request.getSession(false);
		if (session == null) {
			return Optional.empty();
		}
		Map<String, String> paths = of(session);
		return (id != null) ? Optional.ofNullable(paths.get(id))
				: paths.values().stream().reduce((first, second) -> second);
	}

	/** The identifier the request names ({@link #PARAMETER}), if it has the form of one this class hands out. */
	static @Nullable String requested(HttpServletRequest request) {
		return identifier(request.getParameter(PARAMETER));
	}

	/** {@code id} if it has the form of an identifier this class hands out, else null. */
	static @Nullable String identifier(@Nullable String id) {
		return (id != null && id.matches("[A-Za-z0-9_-]{22}")) ? id : null;
	}

	private static Map<String, String> of(HttpSession session) {
		Map<String, String> paths = new LinkedHashMap<>();
		if (session.getAttribute(ATTRIBUTE) instanceof Map<?, ?> stored) {
			stored.forEach((id, path) -> paths.put(String.valueOf(id), String.valueOf(path)));
		}
		return paths;
	}

	private static boolean isRealmPath(String realm, String path) {
		return path.startsWith("/realms/" + realm + "/") && !path.contains("//") && !path.contains("\\");
	}

}
