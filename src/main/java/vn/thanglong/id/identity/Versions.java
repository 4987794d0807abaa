package vn.thanglong.id.identity;

import org.springframework.jdbc.core.simple.JdbcClient;

/** Optimistic concurrency for the JDBC stores: an update guarded by {@code version = ?}. */
final class Versions {

	private Versions() {
	}

	/** After {@code update ... where id = ? and version = ?}: 0 rows means gone or changed since. */
	static void requireUpdated(int rows, JdbcClient jdbc, String table, String type, String id, long expectedVersion) {
		if (rows == 1) {
			return;
		}
		boolean exists = jdbc.sql("select count(*) from " + table + " where id = ?").param(id).query(Integer.class)
			.single() > 0;
		if (!exists) {
			throw new IdentityNotFoundException(type, id);
		}
		throw new StaleVersionException(type, id, expectedVersion);
	}

}
