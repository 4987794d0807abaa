package vn.thanglong.id.session;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.session.data.redis.config.annotation.web.http.EnableRedisHttpSession;

/**
 * Sessions in Redis ({@code IDP_SESSION_STORE=redis}), so that every node behind the load
 * balancer sees the same login, saved authorization request and consent state. Each session is
 * one hash that expires by its own time to live: nothing looks sessions up by person (the
 * {@code sid} of ID tokens comes from the login, not from a registry of sessions), so there is no
 * index to keep and no keyspace notification to switch on, which managed Redis services often
 * forbid ({@code CONFIG SET}). The embedded default keeps sessions in the servlet container's
 * memory.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "idp.sessions.store", havingValue = "redis")
@EnableRedisHttpSession(redisNamespace = "tlid:session", maxInactiveIntervalInSeconds = 1800)
class SessionConfiguration {

}
