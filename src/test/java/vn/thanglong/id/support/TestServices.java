package vn.thanglong.id.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * Addresses of the real servers the integration tests need: from {@code IDP_TEST_*}
 * environment variables when set (CI: {@code .ci/run}), from Testcontainers when a Docker
 * engine is available, and otherwise a failure that says what is missing. Never a silent skip.
 */
public final class TestServices {

	private static final Object LOCK = new Object();

	private static PostgreSQLContainer postgres;

	private static GenericContainer<?> redis;

	private TestServices() {
	}

	/** JDBC URL, user and password of a PostgreSQL database created for this test JVM. */
	public static Database freshPostgresDatabase(String prefix) {
		String base = System.getenv("IDP_TEST_POSTGRES_URL");
		String user = env("IDP_TEST_POSTGRES_USER", "postgres");
		String password = env("IDP_TEST_POSTGRES_PASSWORD", "");
		if (base == null) {
			PostgreSQLContainer container = startPostgres();
			base = container.getJdbcUrl();
			user = container.getUsername();
			password = container.getPassword();
		}
		String name = (prefix + "_" + UUID.randomUUID().toString().substring(0, 8)).toLowerCase(Locale.ROOT);
		try (Connection connection = DriverManager.getConnection(base, user, password);
				Statement statement = connection.createStatement()) {
			statement.execute("create database " + name);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Cannot create a test database on " + base + ": " + ex.getMessage(), ex);
		}
		dropAtExit(base, user, password, name);
		int slash = base.lastIndexOf('/');
		int query = base.indexOf('?', slash);
		String url = base.substring(0, slash + 1) + name + ((query > 0) ? base.substring(query) : "");
		return new Database(url, user, password);
	}

	/** Test databases do not pile up on a developer's server: each is dropped when the JVM ends. */
	private static void dropAtExit(String base, String user, String password, String name) {
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			try (Connection connection = DriverManager.getConnection(base, user, password);
					Statement statement = connection.createStatement()) {
				statement.execute("drop database if exists " + name + " with (force)");
			}
			catch (SQLException ex) {
				System.err.println("Test database " + name + " was not dropped: " + ex.getMessage());
			}
		}, "drop-" + name));
	}

	public static String redisUrl() {
		String url = System.getenv("IDP_TEST_REDIS_URL");
		if (url != null) {
			return url;
		}
		GenericContainer<?> container = startRedis();
		return "redis://" + container.getHost() + ":" + container.getMappedPort(6379);
	}

	public static String chromium() {
		String path = env("IDP_TEST_CHROMIUM", "/usr/bin/chromium");
		if (!new java.io.File(path).canExecute()) {
			throw new IllegalStateException("Browser tests need Chromium: install Debian's chromium package "
					+ "(or run .ci/run), or set IDP_TEST_CHROMIUM to its path; not found: " + path);
		}
		return path;
	}

	private static PostgreSQLContainer startPostgres() {
		synchronized (LOCK) {
			requireDocker("PostgreSQL", "IDP_TEST_POSTGRES_URL (e.g. jdbc:postgresql://127.0.0.1:5432/postgres)");
			if (postgres == null) {
				postgres = new PostgreSQLContainer("postgres:16-alpine");
				postgres.start();
			}
			return postgres;
		}
	}

	private static GenericContainer<?> startRedis() {
		synchronized (LOCK) {
			requireDocker("Redis", "IDP_TEST_REDIS_URL (e.g. redis://127.0.0.1:6379)");
			if (redis == null) {
				redis = new GenericContainer<>("redis:7-alpine").withExposedPorts(6379);
				redis.start();
			}
			return redis;
		}
	}

	private static void requireDocker(String service, String variable) {
		boolean docker;
		try {
			docker = DockerClientFactory.instance().isDockerAvailable();
		}
		catch (RuntimeException ex) {
			docker = false;
		}
		if (!docker) {
			throw new IllegalStateException("Integration tests need a real " + service + ": set " + variable
					+ ", run .ci/run (which starts one and sets it), or start a Docker engine for Testcontainers.");
		}
	}

	private static String env(String name, String fallback) {
		String value = System.getenv(name);
		return (value != null) ? value : fallback;
	}

	/** A database to connect to. */
	public record Database(String url, String user, String password) {

		/** Makes this database the application's data source. */
		public void register(org.springframework.test.context.DynamicPropertyRegistry registry) {
			registry.add("spring.datasource.url", this::url);
			registry.add("spring.datasource.username", this::user);
			registry.add("spring.datasource.password", this::password);
		}

		@Override
		public String toString() {
			return "Database[" + this.url + ", " + this.user + "]";
		}

	}

}
