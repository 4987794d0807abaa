package vn.thanglong.id.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The audit trail in the {@code audit_event} table. */
final class JdbcAuditLog implements AuditLog {

	static final int MAX_PAGE = 500;

	private final JdbcClient jdbc;

	private final Clock clock;

	JdbcAuditLog(JdbcClient jdbc, Clock clock) {
		this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
		this.clock = Objects.requireNonNull(clock, "clock");
	}

	@Override
	public void record(AuditEntry entry) {
		this.jdbc.sql("insert into audit_event (occurred_at, realm, actor, action, target_type, target_id, before_state, "
				+ "after_state) values (?, ?, ?, ?, ?, ?, ?, ?)")
			.params(Timestamp.from(this.clock.instant()), entry.realm(), entry.actor(), entry.action(), entry.targetType(),
					entry.targetId(), entry.beforeState(), entry.afterState())
			.update();
	}

	@Override
	public AuditPage page(AuditQuery query, @Nullable Long before, int limit) {
		if (limit < 1 || limit > MAX_PAGE) {
			throw new IllegalArgumentException("limit must be between 1 and " + MAX_PAGE);
		}
		StringBuilder sql = new StringBuilder("select * from audit_event where 1 = 1");
		List<Object> params = new ArrayList<>();
		condition(sql, params, "realm", query.realm());
		condition(sql, params, "target_type", query.targetType());
		condition(sql, params, "target_id", query.targetId());
		if (before != null) {
			sql.append(" and id < ?");
			params.add(before);
		}
		// one more than asked tells whether an older page exists
		sql.append(" order by id desc fetch first ").append(limit + 1).append(" rows only");
		List<AuditEvent> events = this.jdbc.sql(sql.toString()).params(params).query(JdbcAuditLog::map).list();
		if (events.size() <= limit) {
			return new AuditPage(events, null);
		}
		List<AuditEvent> page = events.subList(0, limit);
		return new AuditPage(page, page.get(limit - 1).id());
	}

	private static void condition(StringBuilder sql, List<Object> params, String column, @Nullable String value) {
		if (value != null) {
			sql.append(" and ").append(column).append(" = ?");
			params.add(value);
		}
	}

	private static AuditEvent map(ResultSet rs, int row) throws SQLException {
		return new AuditEvent(rs.getLong("id"), rs.getTimestamp("occurred_at").toInstant(), rs.getString("realm"),
				rs.getString("actor"), rs.getString("action"), rs.getString("target_type"), rs.getString("target_id"),
				rs.getString("before_state"), rs.getString("after_state"));
	}

}
