package vn.thanglong.id.identity;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import vn.thanglong.id.identity.Condition.Operator;
import vn.thanglong.id.support.TestServices;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A database whose SCIM links are still in SCIM's {@code scim_user} (V7), migrated to V11: every
 * link is now identity's provisioning name, the staff listing finds the record by it, and
 * {@code scim_user} is gone.
 */
class ProvisioningNameMigrationIT {

	@Test
	void whenPostgresDatabaseWithScimLinksIsMigratedThenTheyAreProvisioningNames() {
		TestServices.Database db = TestServices.freshPostgresDatabase("provisioning");
		migrateAndCheck(db.url(), db.user(), db.password());
	}

	@Test
	void whenH2DatabaseWithScimLinksIsMigratedThenTheyAreProvisioningNames() {
		migrateAndCheck("jdbc:h2:mem:provisioning-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
	}

	private static void migrateAndCheck(String url, String user, String password) {
		Flyway.configure().dataSource(url, user, password).locations("classpath:db/migration").target("9").load()
			.migrate();
		JdbcClient jdbc = JdbcClient.create(new DriverManagerDataSource(url, user, password));
		Timestamp now = Timestamp.from(Instant.now());
		String person = UUID.randomUUID().toString();
		String unit = UUID.randomUUID().toString();
		String record = UUID.randomUUID().toString();
		jdbc.sql("insert into person (id, realm, full_name, name_search, version, created_at, updated_at) "
				+ "values (?, 'hanoi', 'Nguyễn Văn An', 'nguyen van an', 0, ?, ?)").params(person, now, now).update();
		jdbc.sql("insert into agency_unit (id, realm, code, name, status, version, created_at, updated_at) "
				+ "values (?, 'hanoi', 'MIG.01', 'Unit', 'active', 0, ?, ?)").params(unit, now, now).update();
		jdbc.sql("insert into staff_record (id, person_id, realm, unit_id, position, status, version, created_at, "
				+ "updated_at) values (?, ?, 'hanoi', ?, 'Staff', 'active', 0, ?, ?)")
			.params(record, person, unit, now, now)
			.update();
		jdbc.sql("insert into person_staff_id (person_id, staff_id, allocated_at) values (?, 'HN00000001', ?)")
			.params(person, now)
			.update();
		jdbc.sql("insert into scim_user (staff_record_id, realm, user_name, user_name_key, external_id, version, "
				+ "created_at, updated_at) values (?, 'hanoi', 'An.Nguyen', 'an.nguyen', 'hr-7', 3, ?, ?)")
			.params(record, now, now)
			.update();

		IdentityStack.migrate(url, user, password);

		try (IdentityStack stack = new IdentityStack(url, user, password, IdentityStack.randomKey(), 2)) {
			assertThat(stack.provisioningNames.find(record))
				.contains(new ProvisioningName(record, "hanoi", "An.Nguyen", "hr-7", 3));
			assertThat(stack.provisioningNames.findByUserName("hanoi", "an.NGUYEN")).isPresent();
			assertThat(stack.staffDirectory.list("hanoi", new ListingQuery<>(
					Condition.compare(StaffAttribute.USER_NAME, Operator.EQ, "AN.nguyen"), null, false, 0, 10))
				.items()).extracting((listed) -> listed.record().id()).containsExactly(record);
			assertThat(stack.staffDirectory.list("hanoi", new ListingQuery<>(
					Condition.compare(StaffAttribute.EXTERNAL_ID, Operator.EQ, "hr-7"), null, false, 0, 10))
				.items()).hasSize(1);
			assertThat(jdbc.sql("select count(*) from information_schema.tables where lower(table_name) = 'scim_user'")
				.query(Integer.class).single()).isZero();
		}
	}

}
