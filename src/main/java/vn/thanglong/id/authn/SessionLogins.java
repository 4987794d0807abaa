package vn.thanglong.id.authn;

import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

import jakarta.servlet.http.HttpSession;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.Authentication;

/**
 * The logins a browser session has seen: the first, and each later one in the same session
 * ({@code prompt=login}, {@code max_age}, another person at the same computer). A login is
 * known by its realm, its person and its {@code auth_time} to the second, which every grant
 * made from it keeps in its stored principal ({@link LoginFacts}), so that a logout can end
 * the grants of exactly this browser's logins and no other browser's.
 * <p>
 * Kept in the session (every node reads it there) as a small set of strings.
 */
public final class SessionLogins {

	private static final String ATTRIBUTE = SessionLogins.class.getName();

	/** A session cannot have more logins than this; the oldest is forgotten first. */
	private static final int MOST = 32;

	private SessionLogins() {
	}

	/** Remembers the login {@code authentication} of this session. */
	static void remember(HttpSession session, Authentication authentication) {
		keyOf(authentication).ifPresent((key) -> {
			LinkedHashSet<String> logins = new LinkedHashSet<>(of(session));
			logins.add(key);
			while (logins.size() > MOST) {
				logins.remove(logins.iterator().next());
			}
			// set anew, not changed in place: a session store writes back only what is set
			session.setAttribute(ATTRIBUTE, logins);
		});
	}

	/** The logins of this session, and {@code current} (a session from before logins were remembered). */
	public static Set<String> of(@Nullable HttpSession session, @Nullable Authentication current) {
		Set<String> logins = new LinkedHashSet<>(of(session));
		if (current != null) {
			keyOf(current).ifPresent(logins::add);
		}
		return logins;
	}

	private static Set<String> of(@Nullable HttpSession session) {
		Object logins = (session != null) ? session.getAttribute(ATTRIBUTE) : null;
		Set<String> keys = new LinkedHashSet<>();
		if (logins instanceof Set<?> stored) {
			stored.forEach((key) -> keys.add(String.valueOf(key)));
		}
		return keys;
	}

	/** What identifies the login {@code authentication}: its realm, person and second of login. */
	public static Optional<String> keyOf(Authentication authentication) {
		return LoginFacts.of(authentication)
			.map((facts) -> facts.realm() + "|" + facts.personId() + "|" + facts.authTime().getEpochSecond());
	}

}
