package vn.thanglong.id.identity;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The rows of {@code staff_record} and {@code staff_assignment}: shared by the lifecycle and by
 * unit merges, which transfer the staff of the merged unit.
 */
final class StaffRows {

	static final int MAX_POSITION = 300;

	private static final String SELECT = "select r.*, s.staff_id from staff_record r "
			+ "join person_staff_id s on s.person_id = r.person_id";

	private final JdbcClient jdbc;

	private final Clock clock;

	StaffRows(JdbcClient jdbc, Clock clock) {
		this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
		this.clock = Objects.requireNonNull(clock, "clock");
	}

	Optional<StaffRecord> find(String column, String value) {
		return this.jdbc.sql(SELECT + " where " + column + " = ?").param(value).query(StaffRows::map).optional();
	}

	/** Records of a unit that are still employed there (not terminated or retired). */
	List<StaffRecord> employedIn(String unitId) {
		return this.jdbc.sql(SELECT + " where r.unit_id = ? and r.status not in ('terminated', 'retired') order by r.id")
			.param(unitId)
			.query(StaffRows::map)
			.list();
	}

	/**
	 * Moves a record to its next period: the row updated if still at {@code expectedVersion}, the
	 * open period closed on {@code from}, a new one opened.
	 */
	void advance(StaffRecord current, long expectedVersion, String unitId, String position, StaffStatus status,
			LocalDate from, @Nullable String reason) {
		LocalDate openSince = this.jdbc
			.sql("select valid_from from staff_assignment where staff_record_id = ? and valid_to is null")
			.param(current.id())
			.query(LocalDate.class)
			.optional()
			.orElse(LocalDate.MIN);
		if (from.isBefore(openSince)) {
			throw new IdentityValidationException("effectiveFrom", "is before the current period began (" + openSince + ")");
		}
		int rows = this.jdbc.sql("update staff_record set unit_id = ?, position = ?, status = ?, version = version + 1, "
				+ "updated_at = ? where id = ? and version = ?")
			.params(unitId, position, status.code(), now(), current.id(), expectedVersion)
			.update();
		Versions.requireUpdated(rows, this.jdbc, "staff_record", "staff record", current.id(), expectedVersion);
		this.jdbc.sql("update staff_assignment set valid_to = ? where staff_record_id = ? and valid_to is null")
			.params(from, current.id())
			.update();
		open(current.id(), unitId, position, status, from, reason);
	}

	void open(String staffRecordId, String unitId, String position, StaffStatus status, LocalDate from,
			@Nullable String reason) {
		this.jdbc.sql("insert into staff_assignment (staff_record_id, unit_id, position, status, valid_from, valid_to, "
				+ "reason, recorded_at) values (?, ?, ?, ?, ?, null, ?, ?)")
			.params(staffRecordId, unitId, position, status.code(), from, reason(reason), now())
			.update();
	}

	List<StaffAssignment> history(String staffRecordId) {
		return this.jdbc.sql("select * from staff_assignment where staff_record_id = ? order by id")
			.param(staffRecordId)
			.query((rs, row) -> new StaffAssignment(rs.getLong("id"), rs.getString("staff_record_id"),
					rs.getString("unit_id"), rs.getString("position"), StaffStatus.fromCode(rs.getString("status")),
					rs.getObject("valid_from", LocalDate.class), rs.getObject("valid_to", LocalDate.class),
					rs.getString("reason"), rs.getTimestamp("recorded_at").toInstant()))
			.list();
	}

	static String position(String position) {
		String normalized = PersonNames.normalize(position);
		if (normalized.isEmpty() || normalized.length() > MAX_POSITION) {
			throw new IdentityValidationException("position", "must be 1-" + MAX_POSITION + " characters");
		}
		DisplayText.require("position", normalized);
		return normalized;
	}

	private static @Nullable String reason(@Nullable String reason) {
		if (reason != null && reason.length() > 500) {
			throw new IdentityValidationException("reason", "is longer than 500 characters");
		}
		DisplayText.require("reason", reason);
		return reason;
	}

	private Timestamp now() {
		return Timestamp.from(this.clock.instant());
	}

	static StaffRecord map(ResultSet rs, int row) throws SQLException {
		return new StaffRecord(rs.getString("id"), rs.getString("person_id"), rs.getString("realm"),
				rs.getString("staff_id"), rs.getString("unit_id"), rs.getString("position"),
				StaffStatus.fromCode(rs.getString("status")), rs.getLong("version"),
				rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant());
	}

}
