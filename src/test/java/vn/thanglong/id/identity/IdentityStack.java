package vn.thanglong.id.identity;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Set;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

import vn.thanglong.id.audit.AuditLog;
import vn.thanglong.id.audit.TestAuditLogs;

/**
 * The identity stores wired as {@link IdentityConfiguration} wires them, over a connection pool
 * of their own: two stacks on one database behave like two nodes.
 */
final class IdentityStack implements AutoCloseable {

	static final StaffIdFormat FORMAT = new StaffIdFormat("HN", 8);

	final HikariDataSource dataSource;

	final JdbcClient jdbc;

	final AuditLog audit;

	final JdbcPersons persons;

	final Organizations organizations;

	final AgencyUnits units;

	final StaffLifecycle staff;

	final UserAccounts accounts;

	final StaffDirectory staffDirectory;

	final UnitDirectory unitDirectory;

	final ProvisioningNames provisioningNames;

	IdentityStack(String url, String user, String password, byte[] dataKey, int poolSize) {
		HikariConfig config = new HikariConfig();
		config.setJdbcUrl(url);
		config.setUsername(user);
		config.setPassword(password);
		config.setMaximumPoolSize(poolSize);
		this.dataSource = new HikariDataSource(config);
		Clock clock = Clock.systemUTC();
		JsonMapper json = JsonMapper.builder().build();
		this.jdbc = JdbcClient.create(this.dataSource);
		TransactionTemplate transactions = new TransactionTemplate(new DataSourceTransactionManager(this.dataSource));
		this.audit = TestAuditLogs.jdbc(this.jdbc, clock);
		AuditStates states = new AuditStates(json);
		this.persons = new JdbcPersons(this.jdbc, transactions, new PersonRows(json, new PersonalIdProtector(dataKey)),
				new ProfileRules(Set.of("840")), this.audit, states, clock);
		this.organizations = new JdbcOrganizations(this.jdbc, transactions, this.audit, states, clock);
		this.units = new JdbcAgencyUnits(this.jdbc, transactions, new StaffRows(this.jdbc, clock), this.audit, states, clock);
		this.staff = new JdbcStaffLifecycle(this.jdbc, transactions, this.persons, this.units,
				new StaffRows(this.jdbc, clock),
				new StaffIdAllocator(this.jdbc, SqlDialect.of(this.dataSource), FORMAT, clock), this.audit, states, clock);
		this.accounts = new JdbcUserAccounts(this.jdbc, json, PasswordEncoderFactories.createDelegatingPasswordEncoder(),
				clock, this.persons);
		this.staffDirectory = new JdbcStaffDirectory(this.jdbc, this.persons.rows());
		this.unitDirectory = new JdbcUnitDirectory(this.jdbc);
		this.provisioningNames = new JdbcProvisioningNames(this.jdbc, transactions, states, this.audit, clock);
	}

	static byte[] randomKey() {
		byte[] key = new byte[32];
		new SecureRandom().nextBytes(key);
		return key;
	}

	static void migrate(String url, String user, String password) {
		migrate(url, user, password, "classpath:db/migration");
	}

	static void migrate(String url, String user, String password, String... locations) {
		// as application.yaml: a session-level lock, which V12_1's CREATE INDEX CONCURRENTLY needs
		Flyway.configure()
			.dataSource(url, user, password)
			.locations(locations)
			.configuration(java.util.Map.of("flyway.postgresql.transactional.lock", "false"))
			.load()
			.migrate();
	}

	@Override
	public void close() {
		this.dataSource.close();
	}

}
