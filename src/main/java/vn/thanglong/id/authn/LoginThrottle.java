package vn.thanglong.id.authn;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Slows down password guessing (NIST SP 800-63B section 5.2.2) without telling anyone whether
 * an account exists: failures are counted per realm and submitted username, known or not.
 * After {@link #FREE_FAILURES} failures each further one blocks the name for twice as long as
 * the previous (2 s, 4 s, 8 s ... up to {@link #MAX_BLOCK}); a success clears the count, and
 * a quiet {@link #FORGET_AFTER} does too. Kept in the database so that every node applies it.
 */
final class LoginThrottle {

	static final int FREE_FAILURES = 5;

	static final Duration MAX_BLOCK = Duration.ofMinutes(15);

	static final Duration FORGET_AFTER = Duration.ofHours(1);

	private final JdbcClient jdbc;

	private final Clock clock;

	LoginThrottle(JdbcClient jdbc, Clock clock) {
		this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
		this.clock = Objects.requireNonNull(clock, "clock");
	}

	/** When the name may be tried again, if it is blocked now. */
	Optional<Instant> blockedUntil(String realm, String username) {
		Instant now = this.clock.instant();
		return this.jdbc.sql("select blocked_until from login_failure where realm = ? and username = ?")
			.params(realm, key(username))
			.query((rs, row) -> rs.getTimestamp(1))
			.optional()
			.filter(Objects::nonNull)
			.map(Timestamp::toInstant)
			.filter(now::isBefore);
	}

	void recordFailure(String realm, String username) {
		Instant now = this.clock.instant();
		String name = key(username);
		Optional<Integer> previous = this.jdbc.sql("select failures from login_failure where realm = ? and username = ? "
				+ "and last_failure > ?")
			.params(realm, name, Timestamp.from(now.minus(FORGET_AFTER)))
			.query(Integer.class)
			.optional();
		int failures = previous.orElse(0) + 1;
		Timestamp blockedUntil = (failures > FREE_FAILURES) ? Timestamp.from(now.plus(block(failures))) : null;
		int updated = this.jdbc.sql("update login_failure set failures = ?, last_failure = ?, blocked_until = ? "
				+ "where realm = ? and username = ?")
			.params(failures, Timestamp.from(now), blockedUntil, realm, name)
			.update();
		if (updated == 0) {
			try {
				this.jdbc.sql("insert into login_failure (realm, username, failures, last_failure, blocked_until) "
						+ "values (?, ?, ?, ?, ?)")
					.params(realm, name, failures, Timestamp.from(now), blockedUntil)
					.update();
			}
			catch (DuplicateKeyException ex) {
				// another node counted a failure for the same name at the same moment: one is enough
			}
		}
	}

	void recordSuccess(String realm, String username) {
		this.jdbc.sql("delete from login_failure where realm = ? and username = ?").params(realm, key(username)).update();
	}

	/** How long the {@code failures}-th failure blocks the name. */
	static Duration block(int failures) {
		int doublings = Math.min(failures - FREE_FAILURES, 20);
		Duration block = Duration.ofSeconds(1L << Math.max(doublings, 0));
		return (block.compareTo(MAX_BLOCK) > 0) ? MAX_BLOCK : block;
	}

	private static String key(String username) {
		String name = username.trim().toLowerCase(Locale.ROOT);
		return (name.length() > 200) ? name.substring(0, 200) : name;
	}

}
