package vn.thanglong.id.identity;

import java.nio.file.Path;
import java.time.Clock;

import javax.sql.DataSource;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.transaction.support.TransactionOperations;
import tools.jackson.databind.json.JsonMapper;

import vn.thanglong.id.audit.AuditLog;

/** Wires the identity capability. */
@Configuration(proxyBeanMethods = false)
class IdentityConfiguration {

	@Bean
	PersonalIdProtector personalIdProtector(Environment environment,
			@Value("${idp.keys.directory:keys/dev}") Path keysDirectory,
			@Value("${idp.keys.generate-missing:true}") boolean generateMissing) {
		return new PersonalIdProtector(
				IdentityDataKey.load(environment.getProperty("idp.identity.data-key"), keysDirectory, generateMissing));
	}

	@Bean
	PersonalIdNumberParser personalIdNumberParser(IdentityProperties properties) {
		return new PersonalIdNumberParser(properties.extraBirthRegistrationCodes());
	}

	@Bean
	JdbcPersons persons(JdbcClient jdbc, TransactionOperations transactions, JsonMapper json,
			PersonalIdProtector protector, IdentityProperties properties, AuditLog audit, Clock clock) {
		return new JdbcPersons(jdbc, transactions, new PersonRows(json, protector),
				new ProfileRules(properties.extraBirthRegistrationCodes()), audit, new AuditStates(json), clock);
	}

	@Bean
	Organizations organizations(JdbcClient jdbc, TransactionOperations transactions, JsonMapper json, AuditLog audit,
			Clock clock) {
		return new JdbcOrganizations(jdbc, transactions, audit, new AuditStates(json), clock);
	}

	@Bean
	AgencyUnits agencyUnits(JdbcClient jdbc, TransactionOperations transactions, JsonMapper json, AuditLog audit,
			Clock clock) {
		return new JdbcAgencyUnits(jdbc, transactions, new StaffRows(jdbc, clock), audit, new AuditStates(json), clock);
	}

	@Bean
	StaffLifecycle staffLifecycle(JdbcClient jdbc, DataSource dataSource, TransactionOperations transactions,
			JsonMapper json, JdbcPersons persons, AgencyUnits units, IdentityProperties properties, AuditLog audit,
			Clock clock) {
		StaffIdAllocator allocator = new StaffIdAllocator(jdbc, SqlDialect.of(dataSource), properties.staffId().format(),
				clock);
		return new JdbcStaffLifecycle(jdbc, transactions, persons, units, new StaffRows(jdbc, clock), allocator, audit,
				new AuditStates(json), clock);
	}

	@Bean
	StaffDirectory staffDirectory(JdbcClient jdbc, JdbcPersons persons) {
		return new JdbcStaffDirectory(jdbc, persons.rows());
	}

	@Bean
	ProvisioningNames provisioningNames(JdbcClient jdbc, TransactionOperations transactions, JsonMapper json,
			AuditLog audit, Clock clock) {
		return new JdbcProvisioningNames(jdbc, transactions, new AuditStates(json), audit, clock);
	}

	@Bean
	UnitDirectory unitDirectory(JdbcClient jdbc) {
		return new JdbcUnitDirectory(jdbc);
	}

	@Bean
	PersonClaims personClaims(Persons persons, StaffLifecycle staff, AgencyUnits units, AuditLog audit,
			Organizations organizations, Clock clock) {
		return new PersonClaims(persons, staff, units, audit, organizations, clock);
	}

	@Bean
	UserAccounts userAccounts(JdbcClient jdbc, JsonMapper json, PasswordEncoder passwordEncoder, Clock clock,
			JdbcPersons persons) {
		return new JdbcUserAccounts(jdbc, json, passwordEncoder, clock, persons);
	}

}
