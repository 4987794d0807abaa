package vn.thanglong.id.realm;

import java.time.Clock;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionOperations;
import tools.jackson.databind.json.JsonMapper;

import vn.thanglong.id.identity.UserAccounts;

/** Wires the realm capability: realm-config is loaded and validated while the context starts. */
@Configuration(proxyBeanMethods = false)
class RealmConfiguration {

	@Bean
	RealmRegistry realmRegistry(RealmProperties properties, Environment environment) {
		RealmConfigLoader loader = new RealmConfigLoader(environment::getProperty);
		return new RealmRegistry(loader.load(properties.realmConfigDirectories()));
	}

	@Bean
	ClientSecretHasher clientSecretHasher() {
		return new ClientSecretHasher();
	}

	@Bean
	ClientStore clientStore(JdbcClient jdbc, JsonMapper json, ClientSecretHasher hasher, Clock clock,
			ApplicationEventPublisher events) {
		return new JdbcClientStore(jdbc, json, hasher, clock, events);
	}

	/** The rules of realm-config clients, for clients given at run time (the admin API). */
	@Bean
	ClientRules clientRules(RealmProperties properties) {
		return ClientRules.forRequests(properties.trustedSectorIdentifierHosts());
	}

	@Bean
	RealmConfigImporter realmConfigImporter(RealmRegistry registry, ClientStore clients, UserAccounts users,
			TransactionOperations transactions) {
		return new RealmConfigImporter(registry, clients, users, transactions);
	}

}
