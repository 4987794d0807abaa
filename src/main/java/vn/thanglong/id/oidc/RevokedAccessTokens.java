package vn.thanglong.id.oidc;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * The revoked self-contained access tokens (RFC 7009), by {@code jti}, kept in memory on every
 * node so that introspection and the provider's own resource servers need no database query
 * per token. A revocation is written to {@code revoked_access_token} and known at once on the
 * node that made it; every other node reads the revocations recorded since its last look, by
 * default once a second. RFC 7009 section 2.2 allows such a propagation window and asks that
 * it be kept small.
 * <p>
 * Each look reads from a few seconds before the database's clock stood at the previous look,
 * so a revocation whose commit was seen late is still read; every so many looks the node reads
 * every revocation in force again, which bounds how long one seen later still could be missed.
 * A revocation is therefore written in a transaction of its own ({@link #revoke} must not run
 * inside a longer one: {@code revoked_at} is the time its transaction began). A node that has
 * not managed to look for a while (the database is unreachable), or holds more revocations than
 * it will keep in memory, asks the table for every token instead, as it did before the memory
 * existed: no token revoked meanwhile passes because the node fell behind.
 * <p>
 * A revocation is kept for a while after the token's expiry: the decoders accept a token up to
 * a minute past its {@code exp} (clock skew), and it must stay revoked all that time.
 */
final class RevokedAccessTokens implements AccessTokenRevocations {

	private static final Logger log = LoggerFactory.getLogger(RevokedAccessTokens.class);

	/** How far behind the previous look each look starts: covers commits that became visible late. */
	static final Duration OVERLAP = Duration.ofSeconds(5);

	/** Longer than the decoders' clock skew (60 s): a revoked token stays refused until no decoder accepts it. */
	static final Duration KEPT_AFTER_EXPIRY = Duration.ofMinutes(2);

	/** Beyond this many, the memory is not trusted (a client revoking tokens in a loop cannot grow it further). */
	static final int MAX_HELD = 100_000;

	private final JdbcClient jdbc;

	private final Clock clock;

	private final Duration trustedFor;

	private final int fullReadEvery;

	/** Looks since the last full read; guarded by {@code this}. */
	private int looksSinceFullRead;

	private final Map<String, Instant> revoked = new ConcurrentHashMap<>();

	/** On the database's clock; null until the first look. Guarded by {@code this}. */
	private Instant since;

	/** Whether the last look failed; guarded by {@code this}. */
	private boolean unreadable;

	/** On this node's clock: until when the memory may answer alone. */
	private volatile Instant trustedUntil = Instant.MIN;

	/**
	 * @param trustedFor how long after a successful look the memory answers alone; after that,
	 * every question goes to the table until a look succeeds again
	 * @param fullReadEvery every how many looks all revocations in force are read again
	 */
	RevokedAccessTokens(JdbcClient jdbc, Clock clock, Duration trustedFor, int fullReadEvery) {
		this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
		this.clock = Objects.requireNonNull(clock, "clock");
		this.trustedFor = Objects.requireNonNull(trustedFor, "trustedFor");
		if (fullReadEvery < 1) {
			throw new IllegalArgumentException("fullReadEvery must be at least 1");
		}
		this.fullReadEvery = fullReadEvery;
	}

	/** Remembers that the token {@code tokenId} is revoked until it would have expired. */
	void revoke(String tokenId, Instant expiresAt) {
		try {
			this.jdbc.sql("insert into revoked_access_token (token_id, expires_at) values (?, ?)")
				.params(tokenId, Timestamp.from(expiresAt))
				.update();
		}
		catch (DuplicateKeyException alreadyRevoked) {
			// revoking twice is not an error (RFC 7009 section 2.2)
		}
		this.revoked.put(tokenId, expiresAt);
	}

	@Override
	public boolean isRevoked(String tokenId) {
		if (this.clock.instant().isBefore(this.trustedUntil) && this.revoked.size() <= MAX_HELD) {
			return this.revoked.containsKey(tokenId);
		}
		return this.jdbc.sql("select count(*) from revoked_access_token where token_id = ?")
			.param(tokenId)
			.query(Integer.class)
			.single() > 0;
	}

	/**
	 * Reads the revocations recorded since the previous look (at the first look, every one still
	 * in force) and forgets those whose tokens have expired.
	 */
	@Scheduled(fixedDelayString = "${idp.revocations.refresh-interval:PT1S}")
	synchronized void refresh() {
		try {
			look();
			if (this.unreadable) {
				log.info("Revoked access tokens are read again");
				this.unreadable = false;
			}
		}
		catch (DataAccessException unreachable) {
			if (!this.unreadable) {
				log.warn("Revoked access tokens cannot be read ({}); tokens are checked against the database "
						+ "one by one until they can", unreachable.getMessage());
				this.unreadable = true;
			}
		}
	}

	private void look() {
		Instant started = this.clock.instant();
		Instant databaseNow = this.jdbc.sql("select current_timestamp")
			.query((rs, row) -> rs.getObject(1, OffsetDateTime.class).toInstant())
			.single();
		boolean fullRead = this.since == null || this.looksSinceFullRead + 1 >= this.fullReadEvery;
		String sql = "select token_id, expires_at from revoked_access_token where "
				+ (fullRead ? "expires_at > ?" : "revoked_at >= ?");
		this.jdbc.sql(sql)
			.param(Timestamp.from(fullRead ? started.minus(KEPT_AFTER_EXPIRY) : this.since))
			.query((rs, row) -> Map.entry(rs.getString(1), rs.getObject(2, OffsetDateTime.class).toInstant()))
			.list()
			.forEach((entry) -> this.revoked.put(entry.getKey(), entry.getValue()));
		this.since = databaseNow.minus(OVERLAP);
		this.looksSinceFullRead = fullRead ? 0 : this.looksSinceFullRead + 1;
		Instant forgetBefore = started.minus(KEPT_AFTER_EXPIRY);
		this.revoked.values().removeIf(forgetBefore::isAfter);
		this.trustedUntil = started.plus(this.trustedFor);
	}

	/** How many revoked tokens are held in memory. */
	int size() {
		return this.revoked.size();
	}

}
