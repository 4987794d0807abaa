package vn.thanglong.id.authn;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LoginThrottleTest {

	@Test
	void whenFailuresGrowThenTheBlockDoublesUpToTheMaximum() {
		assertThat(LoginThrottle.block(LoginThrottle.FREE_FAILURES + 1)).isEqualTo(Duration.ofSeconds(2));
		assertThat(LoginThrottle.block(LoginThrottle.FREE_FAILURES + 2)).isEqualTo(Duration.ofSeconds(4));
		assertThat(LoginThrottle.block(LoginThrottle.FREE_FAILURES + 5)).isEqualTo(Duration.ofSeconds(32));
		assertThat(LoginThrottle.block(LoginThrottle.FREE_FAILURES + 30)).isEqualTo(LoginThrottle.MAX_BLOCK);
	}

}
