package vn.thanglong.id.identity;

import java.time.Clock;

import javax.sql.DataSource;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

import vn.thanglong.id.audit.AuditLog;

/** The JDBC provisioning names for tests of other capabilities that build their stores without a Spring context. */
public final class TestProvisioningNames {

	private TestProvisioningNames() {
	}

	public static ProvisioningNames jdbc(DataSource dataSource, AuditLog audit, Clock clock) {
		return new JdbcProvisioningNames(JdbcClient.create(dataSource),
				new TransactionTemplate(new DataSourceTransactionManager(dataSource)),
				new AuditStates(JsonMapper.builder().build()), audit, clock);
	}

}
