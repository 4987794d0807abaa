package vn.thanglong.id.oidc;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Deletes authorizations whose every token has expired (plus a grace period), and remembered
 * refresh-token digests past their expiry. The stock JDBC store never deletes anything; this
 * keeps the table, and the index look-ups on it, bounded. Safe to run on every node at once.
 */
final class AuthorizationPurge {

	private static final Logger log = LoggerFactory.getLogger(AuthorizationPurge.class);

	private final JdbcClient jdbc;

	private final Clock clock;

	private final Duration grace;

	AuthorizationPurge(JdbcClient jdbc, Clock clock, Duration grace) {
		this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
		this.clock = Objects.requireNonNull(clock, "clock");
		this.grace = Objects.requireNonNull(grace, "grace");
	}

	@Scheduled(fixedDelayString = "${idp.authorizations.purge-interval:PT10M}",
			initialDelayString = "${idp.authorizations.purge-interval:PT10M}")
	int purge() {
		Timestamp cutoff = Timestamp.from(this.clock.instant().minus(this.grace));
		int authorizations = this.jdbc.sql("""
				delete from oauth2_authorization
				where (refresh_token_expires_at is null or refresh_token_expires_at < :cutoff)
				  and (access_token_expires_at is null or access_token_expires_at < :cutoff)
				  and (authorization_code_expires_at is null or authorization_code_expires_at < :cutoff)
				  and (device_code_expires_at is null or device_code_expires_at < :cutoff)
				  and created_at < :cutoff
				""").param("cutoff", cutoff).update();
		int digests = this.jdbc.sql("delete from used_refresh_token where expires_at < :cutoff")
			.param("cutoff", cutoff).update();
		this.jdbc.sql("delete from client_assertion_jti where expires_at < :cutoff").param("cutoff", cutoff).update();
		this.jdbc.sql("delete from revoked_access_token where expires_at < :cutoff").param("cutoff", cutoff).update();
		if (authorizations + digests > 0) {
			log.info("Purged {} expired authorizations and {} used refresh-token digests", authorizations, digests);
		}
		return authorizations;
	}

}
