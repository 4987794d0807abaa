package vn.thanglong.id.identity;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Objects;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Gives a person their staff ID number: the one they already have, or the next serial of the
 * database sequence {@code staff_id_serial} formatted with the deployment's {@link StaffIdFormat}.
 * A sequence hands every caller on every node a different value and never hands one out twice,
 * even when the transaction that took it rolls back, so a number is never re-used; the unique
 * constraint on {@code person_staff_id.staff_id} guards that too.
 */
final class StaffIdAllocator {

	private final JdbcClient jdbc;

	private final SqlDialect dialect;

	private final StaffIdFormat format;

	private final Clock clock;

	StaffIdAllocator(JdbcClient jdbc, SqlDialect dialect, StaffIdFormat format, Clock clock) {
		this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
		this.dialect = Objects.requireNonNull(dialect, "dialect");
		this.format = Objects.requireNonNull(format, "format");
		this.clock = Objects.requireNonNull(clock, "clock");
	}

	/** The person's staff ID number, allocated now if they never had one. Call inside the hiring transaction. */
	String staffIdFor(String personId) {
		return this.jdbc.sql("select staff_id from person_staff_id where person_id = ?")
			.param(personId)
			.query(String.class)
			.optional()
			.orElseGet(() -> allocate(personId));
	}

	private String allocate(String personId) {
		long serial = this.jdbc.sql(this.dialect.nextValue("staff_id_serial")).query(Long.class).single();
		String staffId = this.format.format(serial);
		this.jdbc.sql("insert into person_staff_id (person_id, staff_id, allocated_at) values (?, ?, ?)")
			.params(personId, staffId, Timestamp.from(this.clock.instant()))
			.update();
		return staffId;
	}

}
