package vn.thanglong.id.session;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.session.SessionRegistry;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.session.data.redis.config.annotation.web.http.EnableRedisIndexedHttpSession;
import org.springframework.session.security.SpringSessionBackedSessionRegistry;

/**
 * Sessions in Redis ({@code IDP_SESSION_STORE=redis}), so that every node behind the load
 * balancer sees the same login, saved authorization request and consent state. Indexed by
 * principal, so that the session registry (which gives ID tokens their {@code sid}) is the
 * same on every node too. The embedded default keeps sessions in the servlet container's memory.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "idp.sessions.store", havingValue = "redis")
@EnableRedisIndexedHttpSession(redisNamespace = "tlid:session", maxInactiveIntervalInSeconds = 1800)
class SessionConfiguration {

	@Bean
	<S extends Session> SessionRegistry sessionRegistry(FindByIndexNameSessionRepository<S> sessions) {
		return new SpringSessionBackedSessionRegistry<>(sessions);
	}

}
