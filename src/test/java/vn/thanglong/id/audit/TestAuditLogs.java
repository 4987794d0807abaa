package vn.thanglong.id.audit;

import java.time.Clock;

import org.springframework.jdbc.core.simple.JdbcClient;

/** The JDBC audit log for tests that build a capability's stores without a Spring context. */
public final class TestAuditLogs {

	private TestAuditLogs() {
	}

	public static AuditLog jdbc(JdbcClient jdbc, Clock clock) {
		return new JdbcAuditLog(jdbc, clock);
	}

}
