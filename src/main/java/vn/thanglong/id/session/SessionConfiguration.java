package vn.thanglong.id.session;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.session.data.redis.config.annotation.web.http.EnableRedisHttpSession;

/**
 * Sessions in Redis ({@code IDP_SESSION_STORE=redis}), so that every node behind the load
 * balancer sees the same login, saved authorization request and consent state. The embedded
 * default keeps sessions in the servlet container's memory.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "idp.sessions.store", havingValue = "redis")
@EnableRedisHttpSession(redisNamespace = "tlid:session", maxInactiveIntervalInSeconds = 1800)
class SessionConfiguration {

}
