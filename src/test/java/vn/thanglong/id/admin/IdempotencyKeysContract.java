package vn.thanglong.id.admin;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import vn.thanglong.id.support.TestDataSources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The {@code Idempotency-Key} store's contract, run against each database the provider supports. */
abstract class IdempotencyKeysContract {

	private static final byte[] SECRET = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

	private static final byte[] REQUEST = "POST staff\n{\"unitId\":\"u1\"}".getBytes(StandardCharsets.UTF_8);

	private HikariDataSource dataSource;

	private JdbcClient jdbc;

	private IdempotencyKeys keys;

	private final AtomicInteger writes = new AtomicInteger();

	/** JDBC URL, user, password of an empty database. */
	abstract String[] database();

	@BeforeEach
	void migrate() {
		String[] db = database();
		this.dataSource = TestDataSources.migrated(db[0], db[1], db[2]);
		this.jdbc = JdbcClient.create(this.dataSource);
		this.keys = new IdempotencyKeys(this.jdbc, new TransactionTemplate(new DataSourceTransactionManager(this.dataSource)),
				(realm) -> SECRET, Clock.systemUTC());
	}

	@AfterEach
	void close() {
		this.dataSource.close();
	}

	private IdempotencyKeys.Answer write() {
		int n = this.writes.incrementAndGet();
		return new IdempotencyKeys.Answer(201, "\"0\"", "/staff/" + n, "{\"id\":\"" + n + "\"}");
	}

	@Test
	void whenTheSameRequestComesAgainWithTheKeyThenTheFirstAnswerIsReplayedAndTheWriteRunsOnce() {
		IdempotencyKeys.Outcome first = this.keys.once("e2e", "hr", "k1", REQUEST, this::write);
		IdempotencyKeys.Outcome again = this.keys.once("e2e", "hr", "k1", REQUEST, this::write);

		assertThat(first.replayed()).isFalse();
		assertThat(again.replayed()).isTrue();
		assertThat(again.answer()).isEqualTo(first.answer());
		assertThat(this.writes).hasValue(1);
	}

	@Test
	void whenKeysOutliveTheirRetentionThenThePurgeDeletesThemAndKeepsRecentOnes() {
		this.keys.once("e2e", "hr", "recent", REQUEST, this::write);
		this.keys.once("e2e", "hr", "old", REQUEST, this::write);
		this.jdbc.sql("update admin_idempotency_key set created_at = ? where idempotency_key = 'old'")
			.param(java.sql.Timestamp.from(java.time.Instant.now().minus(IdempotencyKeys.RETENTION).minusSeconds(60)))
			.update();

		assertThat(this.keys.purgeExpired()).isEqualTo(1);

		assertThat(this.jdbc.sql("select idempotency_key from admin_idempotency_key").query(String.class).list())
			.containsExactly("recent");
	}

	@Test
	void whenAnotherRequestComesWithTheKeyThenRefused422() {
		this.keys.once("e2e", "hr", "k1", REQUEST, this::write);
		assertThatThrownBy(() -> this.keys.once("e2e", "hr", "k1", "other".getBytes(StandardCharsets.UTF_8), this::write))
			.isInstanceOfSatisfying(AdminProblemException.class, (ex) -> assertThat(ex.problem().status()).isEqualTo(422));
		assertThat(this.writes).hasValue(1);
	}

	@Test
	void whenAnotherClientOrRealmUsesTheSameKeyThenItsOwnWriteRuns() {
		this.keys.once("e2e", "hr", "k1", REQUEST, this::write);
		assertThat(this.keys.once("e2e", "other-hr", "k1", REQUEST, this::write).replayed()).isFalse();
		assertThat(this.keys.once("other", "hr", "k1", REQUEST, this::write).replayed()).isFalse();
		assertThat(this.writes).hasValue(3);
	}

	@Test
	void whenTheWriteFailsThenTheKeyIsReleasedAndARetryRuns() {
		assertThatThrownBy(() -> this.keys.once("e2e", "hr", "k1", REQUEST, () -> {
			throw AdminProblemException.invalid("unitId", "is required");
		})).isInstanceOf(AdminProblemException.class);

		assertThat(this.keys.once("e2e", "hr", "k1", REQUEST, this::write).replayed()).isFalse();
	}

	@Test
	void whenTheKeyIsHeldByARunningRequestThenRefused409AndWhenAbandonedThenTakenOver() {
		this.keys.once("e2e", "hr", "k0", REQUEST, this::write);
		pending("k1", Instant.now());
		assertThatThrownBy(() -> this.keys.once("e2e", "hr", "k1", REQUEST, this::write))
			.isInstanceOfSatisfying(AdminProblemException.class, (ex) -> assertThat(ex.problem().status()).isEqualTo(409));

		pending("k2", Instant.now().minus(IdempotencyKeys.ABANDONED).minus(Duration.ofMinutes(1)));
		assertThat(this.keys.once("e2e", "hr", "k2", REQUEST, this::write).replayed()).isFalse();
	}

	@Test
	void whenTheKeyIsNotVisibleAsciiThenRefused400NamingTheHeader() {
		assertThatThrownBy(() -> this.keys.once("e2e", "hr", "a key", REQUEST, this::write))
			.isInstanceOfSatisfying(AdminProblemException.class, (ex) -> {
				assertThat(ex.problem().status()).isEqualTo(400);
				assertThat(ex.problem().errors()).extracting(FieldProblem::field).containsExactly("Idempotency-Key");
			});
	}

	@Test
	void whenTheRequestIsStoredThenOnlyItsKeyedHashIs() {
		this.keys.once("e2e", "hr", "k1", REQUEST, this::write);
		String hash = this.jdbc.sql("select request_hash from admin_idempotency_key").query(String.class).single();
		assertThat(hash).hasSize(64).doesNotContain("u1");
	}

	/** A pending claim of {@code key} for the same request as the one made with {@code k0}. */
	private void pending(String key, Instant createdAt) {
		this.jdbc.sql("insert into admin_idempotency_key (realm, client_id, idempotency_key, request_hash, state, "
				+ "created_at) select realm, client_id, ?, request_hash, 'pending', ? from admin_idempotency_key "
				+ "where idempotency_key = 'k0'")
			.params(key, Timestamp.from(createdAt))
			.update();
	}

}
