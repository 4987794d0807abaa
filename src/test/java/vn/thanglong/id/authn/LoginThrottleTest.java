package vn.thanglong.id.authn;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

import vn.thanglong.id.support.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;

class LoginThrottleTest {

	private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T08:00:00Z"));

	private final LoginThrottle throttle = throttle(this.clock);

	static LoginThrottle throttle(Clock clock) {
		DriverManagerDataSource dataSource = new DriverManagerDataSource(
				"jdbc:h2:mem:throttle-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
		new ResourceDatabasePopulator(new ClassPathResource("db/migration/V2__login_throttle.sql")).execute(dataSource);
		return new LoginThrottle(JdbcClient.create(dataSource), clock);
	}

	@Test
	void whenFailuresGrowThenTheBlockDoublesUpToTheMaximum() {
		assertThat(LoginThrottle.block(LoginThrottle.FREE_FAILURES + 1)).isEqualTo(Duration.ofSeconds(2));
		assertThat(LoginThrottle.block(LoginThrottle.FREE_FAILURES + 2)).isEqualTo(Duration.ofSeconds(4));
		assertThat(LoginThrottle.block(LoginThrottle.FREE_FAILURES + 5)).isEqualTo(Duration.ofSeconds(32));
		assertThat(LoginThrottle.block(LoginThrottle.FREE_FAILURES + 30)).isEqualTo(LoginThrottle.MAX_BLOCK);
	}

	@Test
	void whenAttemptsFailThenTheOneAfterTheFreeOnesBlocksTheNameUntilItsTimeIsUp() {
		for (int i = 0; i <= LoginThrottle.FREE_FAILURES; i++) {
			assertThat(this.throttle.claimAttempt("hanoi", "Guessed")).as("attempt %d", i + 1).isTrue();
		}
		assertThat(this.throttle.claimAttempt("hanoi", " guessed ")).as("the same name, written otherwise").isFalse();
		assertThat(this.throttle.claimAttempt("danang", "guessed")).as("another realm's name").isTrue();

		this.clock.advance(Duration.ofSeconds(2));
		assertThat(this.throttle.claimAttempt("hanoi", "guessed")).isTrue();
		this.clock.advance(Duration.ofSeconds(3));
		assertThat(this.throttle.claimAttempt("hanoi", "guessed")).as("the next block is 4 s").isFalse();
	}

	@Test
	void whenAnAttemptSucceedsOrAnHourIsQuietThenTheCountStartsAgain() {
		for (int i = 0; i < LoginThrottle.FREE_FAILURES; i++) {
			this.throttle.claimAttempt("hanoi", "officer");
		}
		this.throttle.recordSuccess("hanoi", "officer");
		for (int i = 0; i <= LoginThrottle.FREE_FAILURES; i++) {
			assertThat(this.throttle.claimAttempt("hanoi", "officer")).isTrue();
		}
		assertThat(this.throttle.claimAttempt("hanoi", "officer")).isFalse();

		this.clock.advance(LoginThrottle.FORGET_AFTER.plusSeconds(1));
		for (int i = 0; i <= LoginThrottle.FREE_FAILURES; i++) {
			assertThat(this.throttle.claimAttempt("hanoi", "officer")).as("forgotten, attempt %d", i + 1).isTrue();
		}
		assertThat(this.throttle.claimAttempt("hanoi", "officer")).isFalse();
	}

	@Test
	void whenAClaimedAttemptIsReleasedThenItNeitherCountsNorBlocks() {
		for (int i = 0; i < LoginThrottle.FREE_FAILURES; i++) {
			this.throttle.claimAttempt("hanoi", "released");
		}
		assertThat(this.throttle.claimAttempt("hanoi", "released")).as("the one that blocks").isTrue();
		this.throttle.releaseAttempt("hanoi", "released");
		assertThat(this.throttle.claimAttempt("hanoi", "released")).as("not blocked by the released one").isTrue();
		assertThat(this.throttle.claimAttempt("hanoi", "released")).as("blocked by this one").isFalse();
	}

	/**
	 * A burst of guesses sent at once is counted one by one: only the free ones and the one that
	 * blocks are let through to the password check. Checking first and counting after the hash
	 * let all of them through.
	 */
	@Test
	void whenGuessesArriveAtOnceThenOnlyTheFreeOnesAndTheBlockingOneAreChecked() throws Exception {
		int burst = 24;
		ExecutorService threads = Executors.newFixedThreadPool(burst);
		try {
			CountDownLatch start = new CountDownLatch(1);
			List<Future<Boolean>> claims = new ArrayList<>();
			for (int i = 0; i < burst; i++) {
				claims.add(threads.submit(() -> {
					start.await();
					return this.throttle.claimAttempt("hanoi", "burst");
				}));
			}
			start.countDown();
			int checked = 0;
			for (Future<Boolean> claim : claims) {
				checked += claim.get(30, TimeUnit.SECONDS) ? 1 : 0;
			}
			assertThat(checked).isEqualTo(LoginThrottle.FREE_FAILURES + 1);
		}
		finally {
			threads.shutdownNow();
		}
	}

}
