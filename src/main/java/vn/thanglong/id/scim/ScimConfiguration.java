package vn.thanglong.id.scim;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.transaction.support.TransactionOperations;

import vn.thanglong.id.identity.AgencyUnits;
import vn.thanglong.id.identity.PersonalIdNumberParser;
import vn.thanglong.id.identity.Persons;
import vn.thanglong.id.identity.ProvisioningNames;
import vn.thanglong.id.identity.StaffDirectory;
import vn.thanglong.id.identity.StaffLifecycle;
import vn.thanglong.id.identity.UnitDirectory;
import vn.thanglong.id.oidc.RealmBearerTokens;
import vn.thanglong.id.oidc.ResourceAudiences;

/** Wires the SCIM capability: its filter chain (bearer tokens with scope {@code scim}) and its services. */
@Configuration(proxyBeanMethods = false)
class ScimConfiguration {

	/**
	 * Before the pages chain (order 2); 3 rather than 2 so that no other API chain collides with it.
	 * Stateless and without CSRF: no cookie ever authenticates here (RFC 6750 bearer tokens only).
	 */
	@Bean
	@Order(3)
	SecurityFilterChain scimSecurityFilterChain(HttpSecurity http, RealmBearerTokens bearerTokens) throws Exception {
		ScimSecurityResponses responses = new ScimSecurityResponses();
		http.securityMatcher("/realms/*/scim/v2/**")
			.authorizeHttpRequests((authorize) -> authorize.anyRequest().hasAuthority("SCOPE_scim"))
			.oauth2ResourceServer((resourceServer) -> resourceServer
				.authenticationManagerResolver(bearerTokens.forResource(ResourceAudiences.SCIM))
				.authenticationEntryPoint(responses)
				.accessDeniedHandler(responses))
			.exceptionHandling((exceptions) -> exceptions.authenticationEntryPoint(responses)
				.accessDeniedHandler(responses))
			.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.requestCache((cache) -> cache.disable())
			.csrf((csrf) -> csrf.disable());
		return http.build();
	}

	@Bean
	ScimUsers scimUsers(Persons persons, StaffLifecycle staff, AgencyUnits units, StaffDirectory directory,
			PersonalIdNumberParser idNumbers, ProvisioningNames provisioningNames, TransactionOperations transactions,
			Clock clock) {
		return new ScimUsers(persons, staff, units, new ProvisionedScimUserLinks(provisioningNames), directory, idNumbers,
				transactions, clock);
	}

	@Bean
	ScimGroups scimGroups(AgencyUnits units, UnitDirectory unitDirectory, StaffDirectory staffDirectory) {
		return new ScimGroups(units, unitDirectory, staffDirectory);
	}

	@Bean
	ScimDiscovery scimDiscovery() {
		return new ScimDiscovery();
	}

}
