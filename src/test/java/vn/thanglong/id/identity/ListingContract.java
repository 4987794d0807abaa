package vn.thanglong.id.identity;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import vn.thanglong.id.identity.Condition.Operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The contract of the staff and unit listings ({@link StaffDirectory}, {@link UnitDirectory}),
 * run against every database we support by its subclasses (architecture.md rule 8). Each test
 * works in a realm of its own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ListingContract {

	private static final AtomicInteger SERIAL = new AtomicInteger();

	private static final LocalDate DAY = LocalDate.of(2026, 1, 5);

	IdentityStack stack;

	/** A migrated, empty database: JDBC URL, user, password. */
	abstract String[] database();

	/** The Flyway locations this database runs. */
	abstract String[] migrations();

	@BeforeAll
	void start() {
		String[] db = database();
		IdentityStack.migrate(db[0], db[1], db[2], migrations());
		this.stack = new IdentityStack(db[0], db[1], db[2], IdentityStack.randomKey(), 2);
	}

	@AfterAll
	void stop() {
		this.stack.close();
	}

	/** Three staff of one unit and one of another, all in a fresh realm. */
	private final class Realm {

		final String name = "listing-" + SERIAL.incrementAndGet();

		final AgencyUnit office = unit(this.name, "Văn phòng");

		final AgencyUnit archive = unit(this.name, "Trung tâm Lưu trữ");

		StaffRecord hire(String fullName, @Nullable String email, AgencyUnit unit, String position) {
			ContactPoint contact = (email != null) ? new ContactPoint(email, false, "test") : null;
			PersonProfile profile = new PersonProfile(fullName, null, null, contact, null, null);
			return ListingContract.this.stack.staff.hire(
					new Hire(new NewPerson(this.name, profile, nextNumber()), unit.id(), position, DAY, null), "test");
		}

		List<String> ids(@Nullable Condition<StaffAttribute> filter) {
			return ids(filter, null, false);
		}

		List<String> ids(@Nullable Condition<StaffAttribute> filter, @Nullable StaffAttribute sortBy, boolean descending) {
			return list(new ListingQuery<>(filter, sortBy, descending, 0, ListingQuery.MAX_LIMIT)).items()
				.stream()
				.map((listed) -> listed.record().id())
				.toList();
		}

		ListingPage<ListedStaff> list(ListingQuery<StaffAttribute> query) {
			return ListingContract.this.stack.staffDirectory.list(this.name, query);
		}

	}

	private AgencyUnit unit(String realm, String name) {
		return this.stack.units.create(realm, "L" + SERIAL.incrementAndGet() + ".A", name, null, "test");
	}

	private static PersonalIdNumber nextNumber() {
		return new PersonalIdNumber(String.format(Locale.ROOT, "001090%06d", SERIAL.incrementAndGet()));
	}

	private void link(StaffRecord record, String realm, String userName, @Nullable String externalId) {
		this.stack.provisioningNames.save(realm, record.id(), userName, externalId, null, "test");
	}

	private static Condition<StaffAttribute> cmp(StaffAttribute attribute, Operator operator, String value) {
		return Condition.compare(attribute, operator, value);
	}

	@Test
	void whenEachTextOperatorIsUsedThenItSelectsTheMatchingStaff() {
		Realm realm = new Realm();
		StaffRecord an = realm.hire("Nguyễn Văn An", "An@Example.gov.vn", realm.office, "Chuyên viên");
		StaffRecord binh = realm.hire("Trần Thị Bình", "binh@example.gov.vn", realm.office, "Trưởng phòng");
		StaffRecord cuong = realm.hire("Lê Văn Cường", null, realm.archive, "Chuyên viên chính");

		assertThat(realm.ids(cmp(StaffAttribute.EMAIL, Operator.EQ, "an@example.GOV.vn"))).containsExactly(an.id());
		assertThat(realm.ids(cmp(StaffAttribute.POSITION, Operator.CO, "VIÊN"))).containsExactlyInAnyOrder(an.id(),
				cuong.id());
		assertThat(realm.ids(cmp(StaffAttribute.POSITION, Operator.SW, "trưởng"))).containsExactly(binh.id());
		assertThat(realm.ids(cmp(StaffAttribute.POSITION, Operator.EW, "chính"))).containsExactly(cuong.id());
		assertThat(realm.ids(Condition.present(StaffAttribute.EMAIL))).containsExactlyInAnyOrder(an.id(), binh.id());
		assertThat(realm.ids(cmp(StaffAttribute.EMAIL, Operator.GT, "an@example.gov.vn"))).containsExactly(binh.id());
		assertThat(realm.ids(cmp(StaffAttribute.EMAIL, Operator.GE, "an@example.gov.vn")))
			.containsExactlyInAnyOrder(an.id(), binh.id());
		assertThat(realm.ids(cmp(StaffAttribute.EMAIL, Operator.LT, "binh@example.gov.vn"))).containsExactly(an.id());
		assertThat(realm.ids(cmp(StaffAttribute.EMAIL, Operator.LE, "binh@example.gov.vn")))
			.containsExactlyInAnyOrder(an.id(), binh.id());
		assertThat(realm.ids(cmp(StaffAttribute.STAFF_ID, Operator.EQ, binh.staffId().toLowerCase(Locale.ROOT))))
			.containsExactly(binh.id());
		assertThat(realm.ids(cmp(StaffAttribute.UNIT_ID, Operator.EQ, realm.archive.id()))).containsExactly(cuong.id());
		assertThat(realm.ids(cmp(StaffAttribute.UNIT_CODE, Operator.EQ, realm.archive.code().toLowerCase(Locale.ROOT))))
			.containsExactly(cuong.id());
		assertThat(realm.ids(cmp(StaffAttribute.UNIT_NAME, Operator.CO, "lưu trữ"))).containsExactly(cuong.id());
		assertThat(realm.ids(cmp(StaffAttribute.STATUS, Operator.EQ, "ACTIVE"))).hasSize(3);
		assertThat(realm.ids(cmp(StaffAttribute.ID, Operator.EQ, an.id()))).containsExactly(an.id());
	}

	@Test
	void whenNameIsFilteredWithoutDiacriticsOrCaseThenTheVietnameseNameMatches() {
		Realm realm = new Realm();
		StaffRecord an = realm.hire("Nguyễn Văn An", null, realm.office, "Chuyên viên");
		StaffRecord dung = realm.hire("Đỗ Thị Dung", null, realm.office, "Chuyên viên");

		assertThat(realm.ids(cmp(StaffAttribute.FULL_NAME, Operator.EQ, "NGUYEN VAN AN"))).containsExactly(an.id());
		assertThat(realm.ids(cmp(StaffAttribute.FULL_NAME, Operator.CO, "van an"))).containsExactly(an.id());
		assertThat(realm.ids(cmp(StaffAttribute.FULL_NAME, Operator.CO, "Văn"))).containsExactly(an.id());
		assertThat(realm.ids(cmp(StaffAttribute.FULL_NAME, Operator.SW, "do thi"))).containsExactly(dung.id());
		assertThat(realm.ids(cmp(StaffAttribute.FULL_NAME, Operator.EW, "dũng"))).containsExactly(dung.id());
	}

	@Test
	void whenValueHoldsLikeWildcardsThenTheyAreMatchedLiterally() {
		Realm realm = new Realm();
		StaffRecord percent = realm.hire("Phạm Văn Một", "mot@example.gov.vn", realm.office, "Phó phòng 50%");
		StaffRecord underscore = realm.hire("Phạm Văn Hai", "hai_2@example.gov.vn", realm.office, "Chuyên viên");
		StaffRecord backslash = realm.hire("Phạm Văn Ba", "ba@example.gov.vn", realm.office, "Tổ A\\B");
		realm.hire("Phạm Văn Bốn", "bon2@example.gov.vn", realm.office, "Chuyên viên 502");

		assertThat(realm.ids(cmp(StaffAttribute.POSITION, Operator.CO, "%"))).containsExactly(percent.id());
		assertThat(realm.ids(cmp(StaffAttribute.POSITION, Operator.EW, "50%"))).containsExactly(percent.id());
		assertThat(realm.ids(cmp(StaffAttribute.EMAIL, Operator.CO, "_2"))).containsExactly(underscore.id());
		assertThat(realm.ids(cmp(StaffAttribute.POSITION, Operator.CO, "a\\b"))).containsExactly(backslash.id());
		// a name is compared by its search key, which holds letters and digits only
		assertThat(realm.ids(cmp(StaffAttribute.FULL_NAME, Operator.CO, "%"))).isEmpty();
	}

	@Test
	void whenConditionsAreCombinedThenAndOrAndNotApply() {
		Realm realm = new Realm();
		StaffRecord an = realm.hire("Nguyễn Văn An", "an@example.gov.vn", realm.office, "Chuyên viên");
		StaffRecord binh = realm.hire("Trần Thị Bình", null, realm.office, "Trưởng phòng");
		StaffRecord cuong = realm.hire("Lê Văn Cường", "cuong@example.gov.vn", realm.archive, "Chuyên viên");
		Condition<StaffAttribute> van = cmp(StaffAttribute.FULL_NAME, Operator.CO, "van");
		Condition<StaffAttribute> office = cmp(StaffAttribute.UNIT_ID, Operator.EQ, realm.office.id());

		assertThat(realm.ids(Condition.and(List.of(van, office)))).containsExactly(an.id());
		assertThat(realm.ids(Condition.or(List.of(cmp(StaffAttribute.ID, Operator.EQ, binh.id()),
				cmp(StaffAttribute.ID, Operator.EQ, cuong.id()))))).containsExactlyInAnyOrder(binh.id(), cuong.id());
		assertThat(realm.ids(Condition.not(van))).containsExactly(binh.id());
		// a record without the attribute does not match the comparison, so it matches its negation
		assertThat(realm.ids(Condition.not(cmp(StaffAttribute.EMAIL, Operator.EQ, "an@example.gov.vn"))))
			.containsExactlyInAnyOrder(binh.id(), cuong.id());
		assertThat(realm.ids(Condition.and(List.of(Condition.or(List.of(van, office)),
				Condition.not(Condition.present(StaffAttribute.EMAIL)))))).containsExactly(binh.id());
	}

	@Test
	void whenUserNameAndExternalIdAreFilteredThenTheLinkIsUsedElseTheStaffId() {
		Realm realm = new Realm();
		StaffRecord linked = realm.hire("Nguyễn Văn An", null, realm.office, "Chuyên viên");
		StaffRecord unlinked = realm.hire("Trần Thị Bình", null, realm.office, "Chuyên viên");
		link(linked, realm.name, "An.Nguyen", "hr-1");

		assertThat(realm.ids(cmp(StaffAttribute.USER_NAME, Operator.EQ, "an.nguyen"))).containsExactly(linked.id());
		assertThat(realm.ids(cmp(StaffAttribute.USER_NAME, Operator.EQ, unlinked.staffId()))).containsExactly(unlinked.id());
		assertThat(realm.ids(cmp(StaffAttribute.EXTERNAL_ID, Operator.EQ, "hr-1"))).containsExactly(linked.id());
		assertThat(realm.ids(Condition.present(StaffAttribute.EXTERNAL_ID))).containsExactly(linked.id());
		assertThat(realm.ids(null, StaffAttribute.EXTERNAL_ID, true)).containsExactly(linked.id(), unlinked.id());
	}

	@Test
	void whenLastModifiedIsComparedThenTheLaterOfRecordAndPersonCounts() throws InterruptedException {
		Realm realm = new Realm();
		StaffRecord first = realm.hire("Nguyễn Văn An", null, realm.office, "Chuyên viên");
		Thread.sleep(20);
		StaffRecord second = realm.hire("Trần Thị Bình", null, realm.office, "Chuyên viên");
		Thread.sleep(20);
		Person person = this.stack.persons.findById(first.personId()).orElseThrow();
		Person renamed = this.stack.persons.updateProfile(person.id(), person.version(),
				PersonProfile.named("Nguyễn Văn Ân"), "test");
		Instant between = second.updatedAt().plusMillis(5);

		assertThat(realm.ids(Condition.compare(StaffAttribute.LAST_MODIFIED, Operator.GT, between)))
			.containsExactly(first.id());
		assertThat(realm.ids(Condition.compare(StaffAttribute.LAST_MODIFIED, Operator.LT, between)))
			.containsExactly(second.id());
		assertThat(realm.ids(Condition.compare(StaffAttribute.LAST_MODIFIED, Operator.GE, renamed.updatedAt())))
			.containsExactly(first.id());
		assertThat(realm.ids(Condition.compare(StaffAttribute.LAST_MODIFIED, Operator.LE, second.updatedAt())))
			.containsExactly(second.id());
		assertThat(realm.ids(Condition.compare(StaffAttribute.LAST_MODIFIED, Operator.EQ, renamed.updatedAt())))
			.containsExactly(first.id());
		assertThat(realm.ids(Condition.compare(StaffAttribute.CREATED, Operator.LT, between)))
			.containsExactlyInAnyOrder(first.id(), second.id());
		assertThat(realm.ids(null, StaffAttribute.LAST_MODIFIED, true)).containsExactly(first.id(), second.id());
	}

	@Test
	void whenSortedThenTheOrderHoldsAndRecordsWithoutTheValueComeLast() {
		Realm realm = new Realm();
		StaffRecord binh = realm.hire("Trần Thị Bình", "binh@example.gov.vn", realm.office, "Chuyên viên");
		StaffRecord an = realm.hire("Nguyễn Văn An", "an@example.gov.vn", realm.office, "Chuyên viên");
		StaffRecord none = realm.hire("Lê Văn Cường", null, realm.office, "Chuyên viên");

		assertThat(realm.ids(null)).containsExactly(binh.id(), an.id(), none.id());
		assertThat(realm.ids(null, StaffAttribute.EMAIL, false)).containsExactly(an.id(), binh.id(), none.id());
		assertThat(realm.ids(null, StaffAttribute.EMAIL, true)).containsExactly(binh.id(), an.id(), none.id());
		assertThat(realm.ids(null, StaffAttribute.FULL_NAME, false)).containsExactly(none.id(), an.id(), binh.id());
	}

	@Test
	void whenPagedThenEachWindowFollowsTheOrderAndTotalCountsEveryMatch() {
		Realm realm = new Realm();
		List<String> ids = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			ids.add(realm.hire("Phạm Văn " + (char) ('A' + i), null, realm.office, "Chuyên viên").id());
		}

		ListingPage<ListedStaff> first = realm.list(new ListingQuery<>(null, StaffAttribute.FULL_NAME, false, 0, 2));
		ListingPage<ListedStaff> last = realm.list(new ListingQuery<>(null, StaffAttribute.FULL_NAME, false, 4, 2));
		ListingPage<ListedStaff> beyond = realm.list(new ListingQuery<>(null, null, false, 10, 2));
		ListingPage<ListedStaff> countOnly = realm
			.list(new ListingQuery<>(cmp(StaffAttribute.FULL_NAME, Operator.EW, "a"), null, false, 0, 0));

		assertThat(first.totalResults()).isEqualTo(5);
		assertThat(first.items()).extracting((listed) -> listed.record().id()).containsExactly(ids.get(0), ids.get(1));
		assertThat(first.items().get(0).person().profile().fullName()).isEqualTo("Phạm Văn A");
		assertThat(last.items()).extracting((listed) -> listed.record().id()).containsExactly(ids.get(4));
		assertThat(beyond.items()).isEmpty();
		assertThat(beyond.totalResults()).isEqualTo(5);
		assertThat(countOnly.items()).isEmpty();
		assertThat(countOnly.totalResults()).isEqualTo(1);
	}

	@Test
	void whenAnotherRealmHasStaffThenNoFilterReachesThem() {
		Realm mine = new Realm();
		Realm other = new Realm();
		StaffRecord own = mine.hire("Nguyễn Văn An", null, mine.office, "Chuyên viên");
		StaffRecord foreign = other.hire("Nguyễn Văn An", null, other.office, "Chuyên viên");

		assertThat(mine.ids(null)).containsExactly(own.id());
		assertThat(mine.ids(Condition.or(List.of(cmp(StaffAttribute.ID, Operator.EQ, foreign.id()),
				Condition.present(StaffAttribute.ID))))).containsExactly(own.id());
		assertThat(mine.list(new ListingQuery<>(cmp(StaffAttribute.ID, Operator.EQ, foreign.id()), null, false, 0, 10))
			.totalResults()).isZero();
		assertThat(this.stack.staffDirectory.membersOf(mine.name, List.of(other.office.id()))).isEmpty();
	}

	@Test
	void whenMembersOfUnitsAreAskedThenOnlyTheEmployedComeByUnit() {
		Realm realm = new Realm();
		StaffRecord an = realm.hire("Nguyễn Văn An", null, realm.office, "Chuyên viên");
		StaffRecord gone = realm.hire("Trần Thị Bình", null, realm.office, "Chuyên viên");
		StaffRecord cuong = realm.hire("Lê Văn Cường", null, realm.archive, "Chuyên viên");
		this.stack.staff.changeStatus(gone.id(), gone.version(), StaffAction.TERMINATE, DAY, null, "test");

		List<UnitMember> members = this.stack.staffDirectory.membersOf(realm.name,
				List.of(realm.office.id(), realm.archive.id()));

		assertThat(members).extracting(UnitMember::staffRecordId).containsExactlyInAnyOrder(an.id(), cuong.id());
		assertThat(members).filteredOn((member) -> member.staffRecordId().equals(an.id()))
			.extracting(UnitMember::unitId, UnitMember::fullName)
			.containsExactly(org.assertj.core.groups.Tuple.tuple(realm.office.id(), "Nguyễn Văn An"));
	}

	@Test
	void whenUnitsAreListedThenFilterSortAndPageRunOverTheRealmsUnits() {
		Realm realm = new Realm();
		Realm other = new Realm();
		AgencyUnit ward = unit(realm.name, "Phường Hàng Bạc");
		AgencyUnit closed = unit(realm.name, "Phòng cũ");
		this.stack.units.close(closed.id(), closed.version(), "test");
		Condition<UnitAttribute> active = Condition.eq(UnitAttribute.STATUS, "active");

		ListingPage<AgencyUnit> all = this.stack.unitDirectory.list(realm.name,
				new ListingQuery<>(active, UnitAttribute.NAME, true, 0, 10));
		assertThat(all.totalResults()).isEqualTo(3);
		assertThat(all.items()).extracting(AgencyUnit::id).containsExactly(realm.office.id(), realm.archive.id(), ward.id());
		assertThat(this.stack.unitDirectory.list(realm.name,
				new ListingQuery<>(Condition.compare(UnitAttribute.NAME, Operator.CO, "HÀNG"), null, false, 0, 10))
			.items()).extracting(AgencyUnit::id).containsExactly(ward.id());
		assertThat(this.stack.unitDirectory.list(realm.name, new ListingQuery<>(
				Condition.eq(UnitAttribute.CODE, ward.code().toLowerCase(Locale.ROOT)), null, false, 0, 10))
			.items()).extracting(AgencyUnit::id).containsExactly(ward.id());
		assertThat(this.stack.unitDirectory.list(realm.name, new ListingQuery<>(null, null, false, 1, 2)).items())
			.hasSize(2);
		assertThat(this.stack.unitDirectory.list(realm.name,
				new ListingQuery<>(Condition.eq(UnitAttribute.ID, other.office.id()), null, false, 0, 10))
			.totalResults()).isZero();
		assertThat(this.stack.unitDirectory.list(realm.name,
				new ListingQuery<>(Condition.not(Condition.present(UnitAttribute.PARENT_ID)), null, false, 0, 10))
			.totalResults()).isEqualTo(4);
	}

	@Test
	void whenOperatorOrValueDoesNotFitTheAttributeThenTheConditionIsRefused() {
		assertThatThrownBy(() -> Condition.compare(StaffAttribute.LAST_MODIFIED, Operator.CO, Instant.now()))
			.isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> Condition.compare(StaffAttribute.LAST_MODIFIED, Operator.EQ, "yesterday"))
			.isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> Condition.compare(StaffAttribute.EMAIL, Operator.EQ, Instant.now()))
			.isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> new ListingQuery<StaffAttribute>(null, null, false, 0, ListingQuery.MAX_LIMIT + 1))
			.isInstanceOf(IllegalArgumentException.class);
	}

}
