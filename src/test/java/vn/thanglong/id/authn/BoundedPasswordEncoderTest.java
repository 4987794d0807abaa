package vn.thanglong.id.authn;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.password.PasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** At most the configured number of password hashes run at once; the others wait, then all complete. */
class BoundedPasswordEncoderTest {

	/** Counts how many calls are inside at once and holds each until released. */
	private static final class HeldEncoder implements PasswordEncoder {

		final AtomicInteger inside = new AtomicInteger();

		final AtomicInteger mostInside = new AtomicInteger();

		final CountDownLatch release = new CountDownLatch(1);

		private void hold() {
			this.mostInside.accumulateAndGet(this.inside.incrementAndGet(), Math::max);
			try {
				this.release.await(30, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			this.inside.decrementAndGet();
		}

		@Override
		public String encode(CharSequence raw) {
			hold();
			return "hash:" + raw;
		}

		@Override
		public boolean matches(CharSequence raw, String encoded) {
			hold();
			return encoded.equals("hash:" + raw);
		}

	}

	@Test
	void whenMoreLoginsArriveThanHashesAllowedThenTheRestWaitAndAllComplete() throws Exception {
		HeldEncoder held = new HeldEncoder();
		BoundedPasswordEncoder bounded = new BoundedPasswordEncoder(held, 2);
		ExecutorService pool = Executors.newFixedThreadPool(6);
		try {
			List<Future<Boolean>> results = new ArrayList<>();
			for (int i = 0; i < 5; i++) {
				results.add(pool.submit(() -> bounded.matches("secret", "hash:secret")));
			}
			results.add(pool.submit(() -> bounded.encode("secret").equals("hash:secret")));
			Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
			while ((held.inside.get() < 2 || bounded.waiting() < 4) && Instant.now().isBefore(deadline)) {
				Thread.sleep(5);
			}

			assertThat(held.inside.get()).as("hashing at once").isEqualTo(2);
			assertThat(bounded.waiting()).as("waiting their turn").isEqualTo(4);
			held.release.countDown();
			for (Future<Boolean> result : results) {
				assertThat(result.get(20, TimeUnit.SECONDS)).isTrue();
			}
			assertThat(held.mostInside.get()).isEqualTo(2);
		}
		finally {
			held.release.countDown();
			pool.shutdownNow();
		}
	}

	@Test
	void whenNoHashIsAllowedThenTheEncoderIsRefused() {
		assertThatThrownBy(() -> new BoundedPasswordEncoder(new HeldEncoder(), 0))
			.isInstanceOf(IllegalArgumentException.class);
	}

}
