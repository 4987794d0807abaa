package vn.thanglong.id.oidc;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import vn.thanglong.id.support.ProviderIT;

import static org.assertj.core.api.Assertions.assertThat;

/** The authorization table does not grow forever: expired rows go, live ones stay (PostgreSQL). */
class AuthorizationPurgeIT extends ProviderIT {

	@Autowired
	JdbcClient jdbc;

	private String insert(Instant createdAt, Instant accessExpiry, Instant refreshExpiry) {
		String id = "purge-" + UUID.randomUUID();
		this.jdbc.sql("insert into oauth2_authorization (id, registered_client_id, principal_name, "
				+ "authorization_grant_type, access_token_value, access_token_expires_at, refresh_token_value, "
				+ "refresh_token_expires_at, created_at) values (?, 'purge-test-client', 'p', 'authorization_code', ?, ?, ?, ?, ?)")
			.params(id, id + "-at", ts(accessExpiry), (refreshExpiry != null) ? id + "-rt" : null, ts(refreshExpiry),
					ts(createdAt))
			.update();
		return id;
	}

	private static Timestamp ts(Instant instant) {
		return (instant != null) ? Timestamp.from(instant) : null;
	}

	private boolean exists(String id) {
		return this.jdbc.sql("select count(*) from oauth2_authorization where id = ?").param(id).query(Integer.class)
			.single() == 1;
	}

	@Test
	void whenEveryTokenOfAnAuthorizationExpiredLongAgoThenItIsPurgedAndLiveOnesStay() {
		// the real present: rows other tests created in this database are recent and must survive
		Instant now = Instant.now();
		Instant longAgo = now.minus(Duration.ofDays(2));
		String expired = insert(longAgo, longAgo.plusSeconds(300), longAgo.plus(Duration.ofHours(8)));
		String refreshStillValid = insert(longAgo, longAgo.plusSeconds(300), now.plus(Duration.ofHours(1)));
		String withinGrace = insert(now.minus(Duration.ofMinutes(40)), now.minus(Duration.ofMinutes(30)), null);
		String pendingAbandoned = insert(longAgo, null, null);
		this.jdbc.sql("insert into used_refresh_token (token_hash, authorization_id, expires_at) values (?, ?, ?)")
			.params("old-" + UUID.randomUUID(), expired, ts(longAgo)).update();

		AuthorizationPurge purge = new AuthorizationPurge(this.jdbc, Clock.fixed(now, ZoneOffset.UTC), Duration.ofHours(1));
		int purged = purge.purge();

		assertThat(purged).isGreaterThanOrEqualTo(2);
		assertThat(exists(expired)).isFalse();
		assertThat(exists(pendingAbandoned)).isFalse();
		assertThat(exists(refreshStillValid)).isTrue();
		assertThat(exists(withinGrace)).isTrue();
		assertThat(this.jdbc.sql("select count(*) from used_refresh_token where expires_at < ?").param(ts(now.minus(Duration.ofHours(1))))
			.query(Integer.class).single()).isZero();
		this.jdbc.sql("delete from oauth2_authorization where id like 'purge-%'").update();
	}

}
