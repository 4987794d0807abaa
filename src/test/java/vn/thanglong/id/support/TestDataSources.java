package vn.thanglong.id.support;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;

/**
 * Connection pools for the store contract tests (architecture.md rule 8), which run each store
 * against every database the provider supports without a Spring context.
 */
public final class TestDataSources {

	private TestDataSources() {
	}

	/**
	 * A pool of two connections to the database at {@code url}, which Flyway has first brought to
	 * the provider's schema ({@code classpath:db/migration}). The caller closes it.
	 */
	public static HikariDataSource migrated(String url, String user, String password) {
		Flyway.configure().dataSource(url, user, password).locations("classpath:db/migration").load().migrate();
		HikariConfig config = new HikariConfig();
		config.setJdbcUrl(url);
		config.setUsername(user);
		config.setPassword(password);
		config.setMaximumPoolSize(2);
		return new HikariDataSource(config);
	}

}
