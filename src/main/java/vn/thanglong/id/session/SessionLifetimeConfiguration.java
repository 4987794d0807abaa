package vn.thanglong.id.session;

import java.time.Clock;
import java.time.Duration;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.session.web.http.SessionRepositoryFilter;

/** The absolute lifetime of sessions, wherever they live ({@link SessionLifetimeFilter}). */
@Configuration(proxyBeanMethods = false)
class SessionLifetimeConfiguration {

	@Bean
	FilterRegistrationBean<SessionLifetimeFilter> sessionLifetimeFilter(
			@Value("${idp.sessions.max-lifetime}") Duration maxLifetime, Clock clock) {
		FilterRegistrationBean<SessionLifetimeFilter> registration = new FilterRegistrationBean<>(
				new SessionLifetimeFilter(maxLifetime, clock));
		// after Spring Session's filter (which puts the Redis session in place), before anything reads the login
		registration.setOrder(SessionRepositoryFilter.DEFAULT_ORDER + 1);
		return registration;
	}

}
