package vn.thanglong.id.session;

import java.util.List;

import org.springframework.boot.autoconfigure.AutoConfigurationImportFilter;
import org.springframework.boot.autoconfigure.AutoConfigurationMetadata;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;

/**
 * Redis holds sessions only: with sessions in memory ({@code idp.sessions.store} other than
 * {@code redis}, the embedded default) the Redis client is not configured at all. Spring Boot
 * would build one anyway, with its event loops and some 1,200 classes, only to leave it unused;
 * without it the embedded default starts about two seconds sooner and holds some 20 MiB less.
 * Decided when the auto-configurations are imported, once every property source (test ones
 * included) is in place.
 */
final class RedisOnlyForSessions implements AutoConfigurationImportFilter, EnvironmentAware {

	static final List<String> REDIS_CLIENT = List.of(
			"org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration",
			"org.springframework.boot.data.redis.autoconfigure.DataRedisReactiveAutoConfiguration",
			"org.springframework.boot.data.redis.autoconfigure.observation.LettuceObservationAutoConfiguration");

	private Environment environment;

	@Override
	public void setEnvironment(Environment environment) {
		this.environment = environment;
	}

	@Override
	public boolean[] match(String[] autoConfigurationClasses, AutoConfigurationMetadata metadata) {
		boolean redis = "redis".equals(this.environment.getProperty("idp.sessions.store"));
		boolean[] matches = new boolean[autoConfigurationClasses.length];
		for (int i = 0; i < autoConfigurationClasses.length; i++) {
			// an earlier filter leaves null where it refused a class
			String candidate = autoConfigurationClasses[i];
			matches[i] = redis || candidate == null || !REDIS_CLIENT.contains(candidate);
		}
		return matches;
	}

}
