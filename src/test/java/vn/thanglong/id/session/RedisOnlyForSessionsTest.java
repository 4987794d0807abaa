package vn.thanglong.id.session;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

class RedisOnlyForSessionsTest {

	/** As Spring Boot hands them on: null where an earlier filter refused one. */
	private static final String[] CANDIDATES = { "com.example.SomeAutoConfiguration",
			RedisOnlyForSessions.REDIS_CLIENT.get(0), null, RedisOnlyForSessions.REDIS_CLIENT.get(2) };

	private static boolean[] matchWith(String store) {
		RedisOnlyForSessions filter = new RedisOnlyForSessions();
		filter.setEnvironment(new MockEnvironment().withProperty("idp.sessions.store", store));
		return filter.match(CANDIDATES, null);
	}

	@Test
	void whenSessionsAreInMemoryThenTheRedisClientIsNotConfiguredAndAllElseIs() {
		assertThat(matchWith("memory")).containsExactly(true, false, true, false);
	}

	@Test
	void whenSessionsAreInRedisThenEverythingIsConfigured() {
		assertThat(matchWith("redis")).containsExactly(true, true, true, true);
	}

}
