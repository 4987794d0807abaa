package vn.thanglong.id.oidc;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

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
 * so a revocation whose commit was seen late is still read. A node that has not managed to
 * look for a while (the database is unreachable) stops trusting its memory and asks the table
 * for every token, as it did before the memory existed: no token revoked meanwhile passes
 * because the node fell behind.
 */
final class RevokedAccessTokens implements AccessTokenRevocations {

	/** How far behind the previous look each look starts: covers commits that became visible late. */
	static final Duration OVERLAP = Duration.ofSeconds(5);

	private final JdbcClient jdbc;

	private final Clock clock;

	private final Duration trustedFor;

	private final Map<String, Instant> revoked = new ConcurrentHashMap<>();

	/** On the database's clock; null until the first look. Guarded by {@code this}. */
	private Instant since;

	/** On this node's clock: until when the memory may answer alone. */
	private volatile Instant trustedUntil = Instant.MIN;

	/**
	 * @param trustedFor how long after a successful look the memory answers alone; after that,
	 * every question goes to the table until a look succeeds again
	 */
	RevokedAccessTokens(JdbcClient jdbc, Clock clock, Duration trustedFor) {
		this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
		this.clock = Objects.requireNonNull(clock, "clock");
		this.trustedFor = Objects.requireNonNull(trustedFor, "trustedFor");
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
		if (this.clock.instant().isBefore(this.trustedUntil)) {
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
		Instant started = this.clock.instant();
		Instant databaseNow = this.jdbc.sql("select current_timestamp")
			.query((rs, row) -> rs.getObject(1, OffsetDateTime.class).toInstant())
			.single();
		String sql = "select token_id, expires_at from revoked_access_token where "
				+ ((this.since == null) ? "expires_at > ?" : "revoked_at >= ?");
		this.jdbc.sql(sql)
			.param(Timestamp.from((this.since == null) ? started : this.since))
			.query((rs, row) -> Map.entry(rs.getString(1), rs.getObject(2, OffsetDateTime.class).toInstant()))
			.list()
			.forEach((entry) -> this.revoked.put(entry.getKey(), entry.getValue()));
		this.since = databaseNow.minus(OVERLAP);
		this.revoked.values().removeIf(started::isAfter);
		this.trustedUntil = started.plus(this.trustedFor);
	}

	/** How many revoked tokens are held in memory. */
	int size() {
		return this.revoked.size();
	}

}
