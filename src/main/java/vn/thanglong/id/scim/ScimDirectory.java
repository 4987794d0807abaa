package vn.thanglong.id.scim;

import java.util.List;
import java.util.Objects;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The ids of a realm's staff records and active units, for listing. The identity services look
 * records up one at a time and have no "all of a realm" query yet, so this reads the ids from
 * their tables (read-only) and every record is then loaded through the services. Should the
 * identity capability gain such listings, this class goes.
 */
final class ScimDirectory {

	private final JdbcClient jdbc;

	ScimDirectory(JdbcClient jdbc) {
		this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
	}

	/** At most {@code limit} ids, oldest record first. */
	List<String> staffRecordIds(String realm, int limit) {
		return this.jdbc.sql("select id from staff_record where realm = ? order by created_at, id fetch first ? rows only")
			.params(realm, limit)
			.query(String.class)
			.list();
	}

	/** Active units, by agency code. */
	List<String> activeUnitIds(String realm, int limit) {
		return this.jdbc.sql("select id from agency_unit where realm = ? and status = 'active' order by code fetch first ? rows only")
			.params(realm, limit)
			.query(String.class)
			.list();
	}

}
