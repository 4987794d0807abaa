package vn.thanglong.id.identity;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import tools.jackson.databind.json.JsonMapper;

/** Wires the identity capability. */
@Configuration(proxyBeanMethods = false)
class IdentityConfiguration {

	@Bean
	UserAccounts userAccounts(JdbcClient jdbc, JsonMapper json, PasswordEncoder passwordEncoder, Clock clock) {
		return new JdbcUserAccounts(jdbc, json, passwordEncoder, clock);
	}

}
