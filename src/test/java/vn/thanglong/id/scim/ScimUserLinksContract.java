package vn.thanglong.id.scim;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.jdbc.core.simple.JdbcClient;

import vn.thanglong.id.audit.TestAuditLogs;
import vn.thanglong.id.identity.TestProvisioningNames;
import vn.thanglong.id.support.TestDataSources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The contract of {@link ScimUserLinks} (architecture.md rule 8), run against every database we
 * support by its subclasses.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ScimUserLinksContract {

	private static final AtomicInteger SERIAL = new AtomicInteger();

	private HikariDataSource dataSource;

	private JdbcClient jdbc;

	private ScimUserLinks links;

	/** A migrated, empty database: JDBC URL, user, password. */
	abstract String[] database();

	@BeforeAll
	void start() {
		String[] db = database();
		this.dataSource = TestDataSources.migrated(db[0], db[1], db[2]);
		this.jdbc = JdbcClient.create(this.dataSource);
		Clock clock = Clock.systemUTC();
		this.links = new ProvisionedScimUserLinks(
				TestProvisioningNames.jdbc(this.dataSource, TestAuditLogs.jdbc(this.jdbc, clock), clock));
	}

	@AfterAll
	void stop() {
		this.dataSource.close();
	}

	/**
	 * A staff record for the link to point at, inserted as rows: the identity services are
	 * package-private to their capability, and only the foreign key matters here.
	 */
	private String staffRecord(String realm) {
		int n = SERIAL.incrementAndGet();
		Timestamp now = Timestamp.from(Instant.now());
		String person = UUID.randomUUID().toString();
		String unit = UUID.randomUUID().toString();
		String record = UUID.randomUUID().toString();
		this.jdbc.sql("insert into person (id, realm, full_name, name_search, version, created_at, updated_at) "
				+ "values (?, ?, ?, ?, 0, ?, ?)").params(person, realm, "Staff " + n, "staff " + n, now, now).update();
		this.jdbc.sql("insert into agency_unit (id, realm, code, name, status, version, created_at, updated_at) "
				+ "values (?, ?, ?, ?, 'active', 0, ?, ?)").params(unit, realm, "LNK" + n, "Unit " + n, now, now).update();
		this.jdbc.sql("insert into staff_record (id, person_id, realm, unit_id, position, status, version, created_at, "
				+ "updated_at) values (?, ?, ?, ?, 'Staff', 'active', 0, ?, ?)")
			.params(record, person, realm, unit, now, now)
			.update();
		return record;
	}

	private static String realm() {
		return "links-" + SERIAL.incrementAndGet();
	}

	@Test
	void whenLinkIsSavedThenItIsFoundByRecordAndByUserNameIgnoringCase() {
		String realm = realm();
		String record = staffRecord(realm);

		ScimUserLink saved = this.links.save(realm, record, "An.Nguyen", "hr-1", null, "scim:test");

		assertThat(saved).isEqualTo(new ScimUserLink(record, realm, "An.Nguyen", "hr-1", 0));
		assertThat(this.links.find(record)).contains(saved);
		assertThat(this.links.findByUserName(realm, "an.NGUYEN")).contains(saved);
		assertThat(this.links.findByUserName(realm(), "an.nguyen")).isEmpty();
		assertThat(this.jdbc.sql("select action from audit_event where target_type = 'staff_provisioning_name' "
				+ "and target_id = ?")
			.param(record)
			.query(String.class)
			.list()).containsExactly("ProvisioningNameGiven");
	}

	@Test
	void whenLinkIsUpdatedAtItsVersionThenTheVersionMovesAndAStaleVersionIsRefused() {
		String realm = realm();
		String record = staffRecord(realm);
		this.links.save(realm, record, "binh", null, null, "scim:test");

		ScimUserLink updated = this.links.save(realm, record, "binh.tran", "hr-2", 0L, "scim:test");

		assertThat(updated.version()).isEqualTo(1);
		assertThat(updated.externalId()).isEqualTo("hr-2");
		assertThat(this.links.findByUserName(realm, "binh")).isEmpty();
		assertThatThrownBy(() -> this.links.save(realm, record, "other", null, 0L, "scim:test"))
			.isInstanceOfSatisfying(ScimProblem.class, (problem) -> assertThat(problem.status()).isEqualTo(412));
		assertThatThrownBy(() -> this.links.save(realm, record, "other", null, null, "scim:test"))
			.isInstanceOfSatisfying(ScimProblem.class, (problem) -> assertThat(problem.status()).isEqualTo(412));
		assertThat(this.links.find(record)).hasValueSatisfying((link) -> assertThat(link.userName()).isEqualTo("binh.tran"));
	}

	@Test
	void whenUserNameIsTakenInTheRealmIgnoringCaseThenUniquenessButAnotherRealmMayUseIt() {
		String realm = realm();
		String first = staffRecord(realm);
		String second = staffRecord(realm);
		this.links.save(realm, first, "cuong", null, null, "scim:test");

		assertThatThrownBy(() -> this.links.save(realm, second, "CUONG", null, null, "scim:test"))
			.isInstanceOfSatisfying(ScimProblem.class, (problem) -> {
				assertThat(problem.status()).isEqualTo(409);
				assertThat(problem.scimType()).isEqualTo("uniqueness");
			});
		String elsewhere = realm();
		assertThat(this.links.save(elsewhere, staffRecord(elsewhere), "cuong", null, null, "scim:test").userName())
			.isEqualTo("cuong");
	}

	@Test
	void whenSeveralRecordsAreAskedThenOnlyThoseWithALinkAreReturned() {
		String realm = realm();
		String linked = staffRecord(realm);
		String unlinked = staffRecord(realm);
		this.links.save(realm, linked, "dung", null, null, "scim:test");

		assertThat(this.links.findAll(List.of(linked, unlinked, "no-such-record")).keySet()).containsExactly(linked);
		assertThat(this.links.findAll(List.of())).isEmpty();
	}

}
