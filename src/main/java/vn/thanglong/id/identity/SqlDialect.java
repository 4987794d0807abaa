package vn.thanglong.id.identity;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;

import javax.sql.DataSource;

/** The SQL that differs between the two databases we run on, chosen once from the connection's metadata. */
enum SqlDialect {

	POSTGRESQL {
		@Override
		String nextValue(String sequence) {
			return "select nextval('" + sequence + "')";
		}
	},
	H2 {
		@Override
		String nextValue(String sequence) {
			return "select next value for " + sequence;
		}
	};

	abstract String nextValue(String sequence);

	static SqlDialect of(DataSource dataSource) {
		try (Connection connection = dataSource.getConnection()) {
			String product = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
			if (product.contains("postgresql")) {
				return POSTGRESQL;
			}
			if (product.contains("h2")) {
				return H2;
			}
			throw new IllegalStateException("Unsupported database " + product + ": Thang Long ID runs on PostgreSQL or H2");
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Cannot tell which database this is: " + ex.getMessage(), ex);
		}
	}

}
