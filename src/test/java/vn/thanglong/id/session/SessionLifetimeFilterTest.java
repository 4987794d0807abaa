package vn.thanglong.id.session;

import java.time.Clock;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class SessionLifetimeFilterTest {

	private static final Duration LIFETIME = Duration.ofHours(10);

	private static MockHttpSession sessionAfter(Duration age) throws Exception {
		MockHttpSession session = new MockHttpSession();
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/realms/hanoi/oauth2/authorize");
		request.setSession(session);
		MockFilterChain chain = new MockFilterChain();
		new SessionLifetimeFilter(LIFETIME, Clock.offset(Clock.systemUTC(), age)).doFilter(request,
				new MockHttpServletResponse(), chain);
		assertThat(chain.getRequest()).as("the request goes on either way").isSameAs(request);
		return session;
	}

	@Test
	void whenASessionIsOlderThanItsLifetimeThenItEnds() throws Exception {
		assertThat(sessionAfter(LIFETIME.plusSeconds(1)).isInvalid()).isTrue();
	}

	@Test
	void whenASessionIsYoungerThanItsLifetimeThenItStays() throws Exception {
		assertThat(sessionAfter(LIFETIME.minusMinutes(1)).isInvalid()).isFalse();
	}

	@Test
	void whenTheLifetimeIsNotPositiveThenTheFilterIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> new SessionLifetimeFilter(Duration.ZERO, Clock.systemUTC()));
	}

}
