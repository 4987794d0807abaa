package vn.thanglong.id.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The running provider on a random port, in its production shape: PostgreSQL for data, Redis
 * for sessions, the test realms {@code e2e} and {@code other}. Every subclass shares one
 * application context (and so one database) per test JVM.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class ProviderIT {

	private static final TestServices.Database DATABASE = TestServices.freshPostgresDatabase("tlid_e2e");

	private static final Path KEYS = tempDirectory();

	@LocalServerPort
	protected int port;

	@DynamicPropertySource
	static void productionShape(DynamicPropertyRegistry registry) {
		DATABASE.register(registry);
		registry.add("idp.sessions.store", () -> "redis");
		registry.add("spring.data.redis.url", TestServices::redisUrl);
		registry.add("idp.realm-config", () -> "src/test/resources/realm-config-e2e");
		registry.add("idp.keys.directory", KEYS::toString);
	}

	protected String baseUrl() {
		return "http://localhost:" + this.port;
	}

	protected String issuer(String realm) {
		return baseUrl() + "/realms/" + realm;
	}

	protected static TestServices.Database database() {
		return DATABASE;
	}

	private static Path tempDirectory() {
		try {
			return Files.createTempDirectory("tlid-keys");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
