package vn.thanglong.id.authn;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Slows down password guessing (NIST SP 800-63B section 5.2.2) without telling anyone whether
 * an account exists: attempts are counted per realm and submitted username, known or not.
 * After {@link #FREE_FAILURES} failures each further one blocks the name for twice as long as
 * the previous (2 s, 4 s, 8 s ... up to {@link #MAX_BLOCK}); a success clears the count, and
 * a quiet {@link #FORGET_AFTER} does too. Kept in the database so that every node applies it.
 * <p>
 * An attempt is counted as a failure before its password is checked ({@link #claimAttempt}),
 * by a compare-and-set on the stored count, so that guesses sent in parallel, to one node or
 * to several, are counted one by one: only the first {@code FREE_FAILURES + 1} of a burst are
 * checked at all, the rest are refused as blocked. Counting after the check let every guess of
 * a burst through, each having seen the name unblocked.
 */
final class LoginThrottle {

	static final int FREE_FAILURES = 5;

	static final Duration MAX_BLOCK = Duration.ofMinutes(15);

	static final Duration FORGET_AFTER = Duration.ofHours(1);

	/** Compare-and-set rounds lost to other attempts on the same name before this one gives up. */
	private static final int MAX_ROUNDS = 16;

	private final JdbcClient jdbc;

	private final Clock clock;

	LoginThrottle(JdbcClient jdbc, Clock clock) {
		this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
		this.clock = Objects.requireNonNull(clock, "clock");
	}

	/**
	 * Counts an attempt on the name as a failure, which {@link #recordSuccess} clears, unless the
	 * name is blocked now. Answers whether the attempt may be checked. One that loses the race to
	 * others on the same name {@link #MAX_ROUNDS} times is refused: it belongs to a burst.
	 */
	boolean claimAttempt(String realm, String username) {
		String name = key(username);
		for (int round = 0; round < MAX_ROUNDS; round++) {
			Instant now = this.clock.instant();
			Optional<Counted> stored = this.jdbc
				.sql("select failures, last_failure, blocked_until from login_failure where realm = ? and username = ?")
				.params(realm, name)
				.query((rs, row) -> new Counted(rs.getInt(1), rs.getTimestamp(2), rs.getTimestamp(3)))
				.optional();
			if (stored.isPresent() && stored.get().blocksAt(now)) {
				return false;
			}
			int failures = stored.filter((counted) -> counted.countsAt(now)).map(Counted::failures).orElse(0) + 1;
			Timestamp blockedUntil = (failures > FREE_FAILURES) ? Timestamp.from(now.plus(block(failures))) : null;
			if (stored.isPresent() ? replaced(realm, name, stored.get(), failures, now, blockedUntil)
					: inserted(realm, name, failures, now, blockedUntil)) {
				return true;
			}
		}
		return false;
	}

	private boolean replaced(String realm, String name, Counted stored, int failures, Instant now,
			@Nullable Timestamp blockedUntil) {
		return this.jdbc.sql("update login_failure set failures = ?, last_failure = ?, blocked_until = ? "
				+ "where realm = ? and username = ? and failures = ? and last_failure = ?")
			.params(failures, Timestamp.from(now), blockedUntil, realm, name, stored.failures(), stored.lastFailure())
			.update() == 1;
	}

	private boolean inserted(String realm, String name, int failures, Instant now, @Nullable Timestamp blockedUntil) {
		try {
			this.jdbc.sql("insert into login_failure (realm, username, failures, last_failure, blocked_until) "
					+ "values (?, ?, ?, ?, ?)")
				.params(realm, name, failures, Timestamp.from(now), blockedUntil)
				.update();
			return true;
		}
		catch (DuplicateKeyException ex) {
			// another attempt on the same name counted itself first: count this one after it
			return false;
		}
	}

	/**
	 * Takes back one claimed attempt that was never judged (the check itself failed), and the
	 * block it set, if the count without it sets none.
	 */
	void releaseAttempt(String realm, String username) {
		this.jdbc.sql("update login_failure set failures = failures - 1, blocked_until = case when failures - 1 > ? "
				+ "then blocked_until else null end where realm = ? and username = ? and failures > 0")
			.params(FREE_FAILURES, realm, key(username))
			.update();
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

	private record Counted(int failures, Timestamp lastFailure, @Nullable Timestamp blockedUntil) {

		boolean blocksAt(Instant now) {
			return this.blockedUntil != null && now.isBefore(this.blockedUntil.toInstant());
		}

		/** Whether the stored failures still count, or were forgotten after a quiet hour. */
		boolean countsAt(Instant now) {
			return this.lastFailure.toInstant().isAfter(now.minus(FORGET_AFTER));
		}

	}

	private static String key(String username) {
		String name = username.trim().toLowerCase(Locale.ROOT);
		return (name.length() > 200) ? name.substring(0, 200) : name;
	}

}
