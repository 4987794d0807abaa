package vn.thanglong.id.admin;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.transaction.support.TransactionOperations;
import tools.jackson.databind.json.JsonMapper;

import vn.thanglong.id.audit.AuditLog;
import vn.thanglong.id.identity.AgencyUnits;
import vn.thanglong.id.keys.KeyRing;
import vn.thanglong.id.oidc.RealmBearerTokens;
import vn.thanglong.id.oidc.ResourceAudiences;
import vn.thanglong.id.keys.RealmSecrets;
import vn.thanglong.id.realm.ClientRules;
import vn.thanglong.id.realm.ClientStore;
import vn.thanglong.id.realm.RealmRegistry;

/**
 * Wires the admin API: its own stateless filter chain, a resource server of the provider itself
 * (RFC 6750 bearer tokens, no cookies, so no CSRF to defend against), one scope per area.
 */
@Configuration(proxyBeanMethods = false)
class AdminConfiguration {

	static final String PATHS = "/realms/*/admin/api/**";

	/** Ahead of the authorization server's chain (1) and the pages (2); the matchers do not overlap. */
	@Bean
	@Order(0)
	SecurityFilterChain adminApiSecurityFilterChain(HttpSecurity http, RealmBearerTokens bearerTokens, JsonMapper json)
			throws Exception {
		AdminSecurityErrors errors = new AdminSecurityErrors(json);
		http.securityMatcher(PATHS)
			.authorizeHttpRequests((authorize) -> {
				authorize.requestMatchers(HttpMethod.GET, "/realms/*/admin/api/openapi.json").permitAll();
				authorize.requestMatchers(HttpMethod.HEAD, "/realms/*/admin/api/openapi.json").permitAll();
				for (AdminArea area : AdminArea.values()) {
					authorize.requestMatchers(area.patterns()).hasAuthority("SCOPE_" + area.scope());
				}
				authorize.anyRequest().authenticated();
			})
			.oauth2ResourceServer((resourceServer) -> resourceServer
				.authenticationManagerResolver(bearerTokens.forResource(ResourceAudiences.ADMIN_API))
				.authenticationEntryPoint(errors)
				.accessDeniedHandler(errors))
			.exceptionHandling((exceptions) -> exceptions.authenticationEntryPoint(errors).accessDeniedHandler(errors))
			.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.requestCache((cache) -> cache.disable())
			.csrf((csrf) -> csrf.disable());
		return http.build();
	}

	@Bean
	DelegatedAdministration delegatedAdministration(AgencyUnits units) {
		return new DelegatedAdministration(units);
	}

	@Bean
	ClientRegistrations clientRegistrations(ClientStore clients, ClientRules rules, RealmRegistry realms, KeyRing keys,
			AgencyUnits units, AuditLog audit, TransactionOperations transactions, JsonMapper json) {
		return new ClientRegistrations(clients, rules, realms, keys, units, audit, transactions, json);
	}

	/** The request HMAC is keyed from the realm's pairwise-subject secret, which every node already shares. */
	@Bean
	IdempotencyKeys idempotencyKeys(JdbcClient jdbc, TransactionOperations transactions, RealmSecrets secrets,
			Clock clock) {
		return new IdempotencyKeys(jdbc, transactions, (realm) -> secrets.secret(realm, "pairwise-subject"), clock);
	}

}
