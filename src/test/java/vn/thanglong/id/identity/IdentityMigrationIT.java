package vn.thanglong.id.identity;

import java.util.Map;
import java.util.UUID;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import vn.thanglong.id.support.TestServices;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A database of the foundation (migrated to V3, with users) migrated to the identity model keeps
 * every user: same id, still found for login, with the claims it had.
 */
class IdentityMigrationIT {

	@Test
	void whenPostgresDatabaseAtV3IsMigratedThenExistingUsersStayAndCanLogIn() {
		TestServices.Database db = TestServices.freshPostgresDatabase("migration");
		migrateAndCheck(db.url(), db.user(), db.password());
	}

	@Test
	void whenH2DatabaseAtV3IsMigratedThenExistingUsersStayAndCanLogIn() {
		migrateAndCheck("jdbc:h2:mem:migration-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
	}

	private static void migrateAndCheck(String url, String user, String password) {
		Flyway.configure().dataSource(url, user, password).locations("classpath:db/migration").target("3").load()
			.migrate();
		JdbcClient jdbc = JdbcClient.create(new DriverManagerDataSource(url, user, password));
		String id = UUID.randomUUID().toString();
		String bare = UUID.randomUUID().toString();
		String insert = "insert into user_account (id, realm, username, password_hash, enabled, profile, created_at, "
				+ "updated_at) values (?, 'hanoi', ?, '{noop}x', true, ?, current_timestamp, current_timestamp)";
		jdbc.sql(insert).params(id, "an.nguyen", "{\"name\":\"Nguyễn Văn An\",\"email\":\"an@example.gov.vn\","
				+ "\"email_verified\":true,\"gender\":\"male\",\"birthdate\":\"1990-05-17\",\"locale\":\"vi-VN\","
				+ "\"address\":{\"formatted\":\"12 Lý Thái Tổ\",\"country\":\"VN\"}}").update();
		jdbc.sql(insert).params(bare, "no.profile", "{}").update();

		IdentityStack.migrate(url, user, password);

		try (IdentityStack stack = new IdentityStack(url, user, password, IdentityStack.randomKey(), 2)) {
			UserAccount account = stack.accounts.findForLogin("hanoi", "an.nguyen").orElseThrow().account();
			assertThat(account.id()).isEqualTo(id);
			assertThat(account.enabled()).isTrue();
			assertThat(account.claims()).isEqualTo(Map.of("name", "Nguyễn Văn An", "email", "an@example.gov.vn",
					"email_verified", true, "gender", "male", "birthdate", "1990-05-17", "locale", "vi-VN", "address",
					Map.of("formatted", "12 Lý Thái Tổ", "country", "VN")));
			Person person = stack.persons.findById(id).orElseThrow();
			assertThat(person.profile().sex()).isEqualTo(Sex.MALE);
			assertThat(stack.persons.searchByName("hanoi", "nguyen van an", null, 10).items()).extracting(Person::id)
				.containsExactly(id);
			assertThat(stack.accounts.findForLogin("hanoi", "no.profile").orElseThrow().account().id()).isEqualTo(bare);
			assertThat(stack.persons.findById(bare).orElseThrow().profile().fullName()).isEqualTo("no.profile");
			assertThat(stack.accounts.findForLogin("hanoi", "no.profile").orElseThrow().passwordHash()).isEqualTo("{noop}x");
		}
	}

}
