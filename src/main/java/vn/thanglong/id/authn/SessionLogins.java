package vn.thanglong.id.authn;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

import jakarta.servlet.http.HttpSession;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.Authentication;

/**
 * The logins a browser session has seen: the first, and each later one in the same session
 * ({@code prompt=login}, {@code max_age}, another person at the same computer). A login is
 * known by its realm, its person and the instant of its factor (two browsers' logins of one
 * person within one second are two logins), which every grant made from it keeps in its stored
 * principal ({@link LoginFacts}), so that a logout can end the grants of exactly this browser's
 * logins and no other browser's.
 * <p>
 * Kept in the session (every node reads it there) as a small set of strings.
 */
public final class SessionLogins {

	private static final String ATTRIBUTE = SessionLogins.class.getName();

	/**
	 * Two instants this close are one login: no person logs in twice within a millisecond (each
	 * login verifies an Argon2 hash).
	 */
	private static final Duration SAME_LOGIN = Duration.ofMillis(1);

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

	/**
	 * The persons of those of {@code logins} that are logins to {@code realm}: a browser may have
	 * logged in as one person and then as another ({@code prompt=login} at a shared computer).
	 */
	public static Set<String> personsIn(Set<String> logins, String realm) {
		Set<String> persons = new LinkedHashSet<>();
		logins.forEach((key) -> Login.parse(key).filter((login) -> login.realm().equals(realm))
			.ifPresent((login) -> persons.add(login.person())));
		return persons;
	}

	/** What identifies the login {@code authentication}: its realm, person and instant of login. */
	static Optional<String> keyOf(Authentication authentication) {
		return Login.of(authentication).map(Login::key);
	}

	/**
	 * Whether {@code principal}, as a grant keeps it, is the login of one of {@code logins}: the
	 * same realm and person, logged in within {@link #SAME_LOGIN} of it. A stored principal keeps
	 * the instant to the nanosecond (seconds with nine decimals in its JSON); the slack only
	 * spares a store that would keep less.
	 */
	public static boolean isOneOf(Set<String> logins, Authentication principal) {
		return Login.of(principal)
			.filter((granted) -> logins.stream().flatMap((key) -> Login.parse(key).stream()).anyMatch(granted::isSameAs))
			.isPresent();
	}

	/** One login, kept in the session as {@code realm|person|instant}. */
	private record Login(String realm, String person, Instant at) {

		static Optional<Login> of(Authentication authentication) {
			return LoginFacts.of(authentication)
				.map((facts) -> new Login(facts.realm(), facts.personId(), facts.authTime()));
		}

		/** The login a key names; none for what this class did not write. */
		static Optional<Login> parse(String key) {
			String[] parts = key.split("\\|", -1);
			if (parts.length != 3) {
				return Optional.empty();
			}
			try {
				return Optional.of(new Login(parts[0], parts[1], Instant.parse(parts[2])));
			}
			catch (DateTimeParseException ex) {
				return Optional.empty();
			}
		}

		String key() {
			return this.realm + "|" + this.person + "|" + this.at;
		}

		boolean isSameAs(Login other) {
			return this.realm.equals(other.realm) && this.person.equals(other.person)
					&& Duration.between(this.at, other.at).abs().compareTo(SAME_LOGIN) < 0;
		}

	}

}
