package vn.thanglong.id.oidc;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;

import vn.thanglong.id.support.MutableClock;
import vn.thanglong.id.support.TestDataSources;
import vn.thanglong.id.support.TestServices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Revocations of self-contained access tokens as several nodes see them, on H2 and on real
 * PostgreSQL: known at once on the node that revoked, on the others after their next look,
 * and asked of the table whenever a node's memory is not fresh.
 */
class RevokedAccessTokensIT {

	private HikariDataSource dataSource;

	@AfterEach
	void close() {
		if (this.dataSource != null) {
			this.dataSource.close();
		}
	}

	private JdbcClient database(String kind) {
		if ("h2".equals(kind)) {
			this.dataSource = TestDataSources.migrated("jdbc:h2:mem:revoked-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
					"sa", "");
		}
		else {
			TestServices.Database db = TestServices.freshPostgresDatabase("tlid_revoked");
			this.dataSource = TestDataSources.migrated(db.url(), db.user(), db.password());
		}
		return JdbcClient.create(this.dataSource);
	}

	private static RevokedAccessTokens node(JdbcClient jdbc, Clock clock) {
		RevokedAccessTokens node = new RevokedAccessTokens(jdbc, clock, Duration.ofHours(1), 60);
		node.refresh();
		return node;
	}

	private static String jti() {
		return UUID.randomUUID().toString();
	}

	@ParameterizedTest
	@ValueSource(strings = { "h2", "postgresql" })
	void whenOneNodeRevokesThenItKnowsAtOnceAndAnotherNodeAfterItsNextLook(String kind) {
		JdbcClient jdbc = database(kind);
		RevokedAccessTokens revoking = node(jdbc, Clock.systemUTC());
		RevokedAccessTokens other = node(jdbc, Clock.systemUTC());
		String token = jti();

		revoking.revoke(token, Instant.now().plusSeconds(300));

		assertThat(revoking.isRevoked(token)).isTrue();
		assertThat(other.isRevoked(token)).as("before its next look").isFalse();
		other.refresh();
		assertThat(other.isRevoked(token)).isTrue();
		assertThat(other.isRevoked(jti())).isFalse();
	}

	@ParameterizedTest
	@ValueSource(strings = { "h2", "postgresql" })
	void whenRevokingTwiceThenNoErrorAndStillRevoked(String kind) {
		JdbcClient jdbc = database(kind);
		RevokedAccessTokens node = node(jdbc, Clock.systemUTC());
		String token = jti();

		node.revoke(token, Instant.now().plusSeconds(300));
		node.revoke(token, Instant.now().plusSeconds(300));

		assertThat(node.isRevoked(token)).isTrue();
		assertThat(jdbc.sql("select count(*) from revoked_access_token").query(Integer.class).single()).isEqualTo(1);
	}

	@ParameterizedTest
	@ValueSource(strings = { "h2", "postgresql" })
	void whenANodeStartsThenItReadsEveryRevocationStillInForceAndNoExpiredOne(String kind) {
		JdbcClient jdbc = database(kind);
		RevokedAccessTokens earlier = node(jdbc, Clock.systemUTC());
		String inForce = jti();
		String expired = jti();
		earlier.revoke(inForce, Instant.now().plusSeconds(300));
		// expired longer ago than any decoder's clock skew
		earlier.revoke(expired, Instant.now().minus(RevokedAccessTokens.KEPT_AFTER_EXPIRY).minusSeconds(1));

		RevokedAccessTokens started = node(jdbc, Clock.systemUTC());

		assertThat(started.isRevoked(inForce)).isTrue();
		assertThat(started.size()).isEqualTo(1);
	}

	@ParameterizedTest
	@ValueSource(strings = { "h2", "postgresql" })
	void whenARevocationCommitsLateThenTheNextLookStillReadsIt(String kind) {
		JdbcClient jdbc = database(kind);
		RevokedAccessTokens node = node(jdbc, Clock.systemUTC());
		String token = jti();
		OffsetDateTime databaseNow = jdbc.sql("select current_timestamp")
			.query((rs, row) -> rs.getObject(1, OffsetDateTime.class))
			.single();
		// recorded (on the database's clock) before the node's last look, visible only after it
		jdbc.sql("insert into revoked_access_token (token_id, expires_at, revoked_at) values (?, ?, ?)")
			.params(token, Timestamp.from(Instant.now().plusSeconds(300)),
					databaseNow.minus(RevokedAccessTokens.OVERLAP.minusSeconds(2)).withOffsetSameInstant(ZoneOffset.UTC))
			.update();

		node.refresh();

		assertThat(node.isRevoked(token)).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "h2", "postgresql" })
	void whenANodesMemoryIsNotFreshThenItAsksTheTable(String kind) {
		JdbcClient jdbc = database(kind);
		RevokedAccessTokens revoking = node(jdbc, Clock.systemUTC());
		RevokedAccessTokens neverLooked = new RevokedAccessTokens(jdbc, Clock.systemUTC(), Duration.ofHours(1), 60);
		RevokedAccessTokens stale = new RevokedAccessTokens(jdbc, Clock.systemUTC(), Duration.ZERO, 60);
		stale.refresh();
		String token = jti();

		revoking.revoke(token, Instant.now().plusSeconds(300));

		assertThat(neverLooked.isRevoked(token)).isTrue();
		assertThat(stale.isRevoked(token)).isTrue();
		assertThat(stale.isRevoked(jti())).isFalse();
	}

	@ParameterizedTest
	@ValueSource(strings = { "h2", "postgresql" })
	void whenARevokedTokenHasExpiredThenTheNodeKeepsItPastTheDecodersClockSkewAndThenForgetsIt(String kind) {
		JdbcClient jdbc = database(kind);
		MutableClock clock = new MutableClock(Instant.now());
		RevokedAccessTokens node = node(jdbc, clock);
		String token = jti();
		node.revoke(token, clock.instant().plusSeconds(60));

		clock.advance(Duration.ofSeconds(60 + 61));
		node.refresh();
		assertThat(node.isRevoked(token)).as("a minute past exp a decoder still accepts it").isTrue();
		clock.advance(RevokedAccessTokens.KEPT_AFTER_EXPIRY);
		node.refresh();

		assertThat(node.size()).isZero();
	}

	@ParameterizedTest
	@ValueSource(strings = { "h2", "postgresql" })
	void whenARevocationBecomesVisibleLaterThanTheOverlapThenTheNextFullReadFindsIt(String kind) {
		JdbcClient jdbc = database(kind);
		RevokedAccessTokens node = new RevokedAccessTokens(jdbc, Clock.systemUTC(), Duration.ofHours(1), 2);
		node.refresh();
		String token = jti();
		// recorded a minute before the node's last look, far outside the overlap
		jdbc.sql("insert into revoked_access_token (token_id, expires_at, revoked_at) values (?, ?, ?)")
			.params(token, Timestamp.from(Instant.now().plusSeconds(300)),
					Timestamp.from(Instant.now().minusSeconds(60)))
			.update();

		node.refresh();
		assertThat(node.isRevoked(token)).as("an incremental look misses it").isFalse();
		node.refresh();

		assertThat(node.isRevoked(token)).as("every second look reads everything").isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "h2", "postgresql" })
	void whenTheTableCannotBeReadThenLooksFailQuietlyAndOnceTheMemoryIsStaleEveryTokenGoesToTheDatabase(String kind) {
		JdbcClient jdbc = database(kind);
		MutableClock clock = new MutableClock(Instant.now());
		RevokedAccessTokens node = new RevokedAccessTokens(jdbc, clock, Duration.ofSeconds(10), 60);
		node.refresh();
		String token = jti();
		node.revoke(token, clock.instant().plusSeconds(300));
		jdbc.sql("drop table revoked_access_token").update();

		node.refresh();
		assertThat(node.isRevoked(token)).as("memory still fresh").isTrue();
		clock.advance(Duration.ofSeconds(11));
		node.refresh();

		assertThatThrownBy(() -> node.isRevoked(token)).as("stale memory is not trusted")
			.isInstanceOf(DataAccessException.class);
	}

}
