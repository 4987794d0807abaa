package vn.thanglong.id;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.FileSystemUtils;

import vn.thanglong.id.realm.ClientAuthMethod;
import vn.thanglong.id.realm.ClientDefinition;
import vn.thanglong.id.realm.ClientStore;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedded default, as {@code ./mvnw spring-boot:run} starts it: H2 in a file, in-memory
 * sessions, dev keys generated at first start, the demo realm from {@code realm-config/}.
 * Started, stopped and started again on the same files, as an operator would.
 */
class EmbeddedDefaultIT {

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@TempDir
	Path work;

	private ConfigurableApplicationContext start(Path realmConfig) {
		// command-line arguments: they win over application.yaml, as IDP_* variables would
		return new SpringApplicationBuilder(ThangLongIdApplication.class).run("--server.port=0",
				"--spring.datasource.url=jdbc:h2:file:" + this.work.resolve("data/thanglong-id"),
				"--idp.keys.directory=" + this.work.resolve("keys/dev"), "--idp.realm-config=" + realmConfig);
	}

	private static int port(ConfigurableApplicationContext context) {
		return ((WebServerApplicationContext) context).getWebServer().getPort();
	}

	private HttpResponse<String> get(String url) throws IOException, InterruptedException {
		return this.http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
	}

	@Test
	void whenStartedTwiceOnTheSameFilesThenDemoRealmServesAndNothingIsRewritten() throws Exception {
		Path realmConfig = this.work.resolve("realm-config");
		FileSystemUtils.copyRecursively(Path.of("realm-config"), realmConfig);
		List<Map<String, Object>> clientsBefore;
		List<Map<String, Object>> usersBefore;
		String jwksBefore;
		try (ConfigurableApplicationContext first = start(realmConfig)) {
			String base = "http://localhost:" + port(first);
			HttpResponse<String> discovery = get(base + "/realms/hanoi/.well-known/openid-configuration");
			assertThat(discovery.statusCode()).isEqualTo(200);
			assertThat(discovery.body()).contains("\"issuer\":\"" + base + "/realms/hanoi\"");
			jwksBefore = get(base + "/realms/hanoi/oauth2/jwks").body();
			assertThat(first.getBeanNamesForType(org.springframework.data.redis.connection.RedisConnectionFactory.class))
				.as("sessions in memory: no Redis client").isEmpty();

			String basic = Base64.getEncoder().encodeToString(
					"demo-service:demo-service-secret-change-me-00000".getBytes(StandardCharsets.UTF_8));
			HttpResponse<String> token = this.http.send(HttpRequest.newBuilder(URI.create(base + "/realms/hanoi/oauth2/token"))
				.header("Authorization", "Basic " + basic)
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope=records.read"))
				.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
			assertThat(token.body()).contains("\"token_type\":\"Bearer\"");

			JdbcClient jdbc = first.getBean(JdbcClient.class);
			// account-console follows the (random) port, so it is left out of the comparison
			clientsBefore = jdbc.sql("select id, client_id, updated_at from realm_client "
					+ "where client_id <> 'account-console' order by client_id").query().listOfRows();
			usersBefore = jdbc.sql("select id, username, updated_at, password_hash from user_account order by username").query().listOfRows();
			assertThat(usersBefore).extracting((row) -> row.get("PASSWORD_HASH").toString())
				.allSatisfy((hash) -> assertThat(hash).startsWith("{argon2}$argon2id$v=19$m=19456,t=2,p=1$"));
			// a client created at run time, not in any file
			first.getBean(ClientStore.class).upsert("hanoi", new ClientDefinition("runtime-client", "Created at run time",
					ClientAuthMethod.NONE, List.of("https://runtime.example.test/cb"), List.of(), java.util.Set.of("authorization_code"),
					java.util.Set.of("openid"), true, "RS256", Duration.ofMinutes(5), Duration.ofHours(1), Duration.ofMinutes(1),
					Duration.ofMinutes(5), null, null), null);
		}
		assertThat(Files.exists(this.work.resolve("data/thanglong-id.mv.db"))).isTrue();
		Path dataKey = this.work.resolve("keys/dev/identity-data.key");
		assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(dataKey)))
			.as("identity data key generated for the embedded default, owner-only").isEqualTo("rw-------");
		String dataKeyBefore = Files.readString(dataKey);
		try (Stream<Path> keys = Files.list(this.work.resolve("keys/dev/hanoi"))) {
			assertThat(keys.map((p) -> p.getFileName().toString()))
				.anySatisfy((name) -> assertThat(name).endsWith(".key.pem"));
		}

		try (ConfigurableApplicationContext second = start(realmConfig)) {
			String base = "http://localhost:" + port(second);
			assertThat(get(base + "/realms/hanoi/oauth2/jwks").body()).as("keys kept across restarts").isEqualTo(jwksBefore);
			JdbcClient jdbc = second.getBean(JdbcClient.class);
			List<Map<String, Object>> clientsAfter = jdbc.sql("select id, client_id, updated_at from realm_client "
					+ "where client_id not in ('runtime-client', 'account-console') order by client_id").query().listOfRows();
			assertThat(clientsAfter).isEqualTo(clientsBefore);
			assertThat(jdbc.sql("select id, username, updated_at, password_hash from user_account order by username")
				.query().listOfRows()).isEqualTo(usersBefore);
			assertThat(jdbc.sql("select count(*) from realm_client where client_id = 'runtime-client'").query(Integer.class)
				.single()).as("created at run time, kept").isEqualTo(1);
			assertThat(jdbc.sql("select count(*) from user_account u join person p on p.id = u.person_id and p.id = u.id")
				.query(Integer.class).single()).as("every user is a person with the same id").isEqualTo(usersBefore.size());
			assertThat(Files.readString(dataKey)).as("data key kept across restarts").isEqualTo(dataKeyBefore);
		}

		// a changed file updates its client in place (same id)
		Path portal = realmConfig.resolve("hanoi/clients/demo-portal.yaml");
		Files.writeString(portal, Files.readString(portal).replace("Cổng dịch vụ công Hà Nội (demo)", "Cổng mới"));
		try (ConfigurableApplicationContext third = start(realmConfig)) {
			JdbcClient jdbc = third.getBean(JdbcClient.class);
			Map<String, Object> row = jdbc.sql("select id, definition from realm_client where client_id = 'demo-portal'")
				.query().singleRow();
			assertThat(row.get("DEFINITION").toString()).contains("Cổng mới");
			assertThat(row.get("ID")).isEqualTo(clientsBefore.stream()
				.filter((c) -> "demo-portal".equals(c.get("CLIENT_ID"))).findFirst().orElseThrow().get("ID"));
		}
	}

}
