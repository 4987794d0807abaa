package vn.thanglong.id.identity;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import vn.thanglong.id.audit.AuditEvent;
import vn.thanglong.id.audit.AuditPage;
import vn.thanglong.id.audit.AuditQuery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The contract of the identity stores and the audit log (architecture.md rule 8), run against
 * every database we support by its subclasses.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class IdentityStoresContract {

	private static final AtomicInteger SERIAL = new AtomicInteger();

	private static final LocalDate DAY = LocalDate.of(2026, 1, 5);

	IdentityStack stack;

	/** A migrated, empty database: JDBC URL, user, password. */
	abstract String[] database();

	@BeforeAll
	void start() {
		String[] db = database();
		IdentityStack.migrate(db[0], db[1], db[2]);
		this.stack = new IdentityStack(db[0], db[1], db[2], IdentityStack.randomKey(), 4);
	}

	@AfterAll
	void stop() {
		this.stack.close();
	}

	/** A fresh valid number of a man born in 1990 in Hà Nội. */
	static PersonalIdNumber nextNumber() {
		return new PersonalIdNumber(String.format(java.util.Locale.ROOT, "001090%06d", SERIAL.incrementAndGet()));
	}

	private Person createPerson(String name, PersonalIdNumber number) {
		PersonProfile profile = new PersonProfile(name, LocalDate.of(1990, 5, 17), Sex.MALE,
				new ContactPoint("a@example.gov.vn", true, "admin"), new ContactPoint("+84912345678", false, "admin"),
				new Address("12 Lý Thái Tổ, Hà Nội", "12 Lý Thái Tổ", "Hoàn Kiếm", "Hà Nội", null, "VN"));
		return this.stack.persons.create(new NewPerson("hanoi", profile, number), "admin-1");
	}

	private AgencyUnit unit(String code, String parentId) {
		return this.stack.units.create("hanoi", code + "." + SERIAL.incrementAndGet(), "Đơn vị " + code, parentId, "admin-1");
	}

	@Test
	void whenPersonHasIdNumberThenExactLookupFindsItAndOnlyCiphertextIsStored() {
		PersonalIdNumber number = nextNumber();
		Person created = createPerson("Nguyễn Văn An", number);
		assertThat(this.stack.persons.findByPersonalIdNumber(number)).map(Person::id).contains(created.id());
		assertThat(this.stack.persons.findByPersonalIdNumber(nextNumber())).isEmpty();
		assertThat(created.personalIdNumber()).isEqualTo(number);
		Map<String, Object> row = this.stack.jdbc.sql("select * from person where id = ?").param(created.id()).query()
			.singleRow();
		assertThat(row.values()).noneSatisfy((value) -> assertThat(String.valueOf(value)).contains(number.value()));
		assertThat(created.toString()).doesNotContain(number.value()).contains(number.masked());
	}

	@Test
	void whenIdNumberIsTakenThenCreatingAnotherPersonWithItConflicts() {
		PersonalIdNumber number = nextNumber();
		createPerson("Trần Văn Một", number);
		assertThatThrownBy(() -> createPerson("Trần Văn Hai", number)).isInstanceOf(IdentityConflictException.class)
			.satisfies((ex) -> assertThat(((IdentityConflictException) ex).field()).isEqualTo("personalIdNumber"))
			.hasMessageNotContaining(number.value());
	}

	@Test
	void whenIdNumberDisagreesWithBirthDateThenCreationIsRefusedOnTheField() {
		PersonProfile profile = new PersonProfile("Lê Thị Hoa", LocalDate.of(1991, 1, 1), null, null, null, null);
		assertThatThrownBy(() -> this.stack.persons.create(new NewPerson("hanoi", profile, nextNumber()), "admin-1"))
			.isInstanceOf(IdentityValidationException.class)
			.satisfies((ex) -> assertThat(((IdentityValidationException) ex).field()).isEqualTo("personalIdNumber"));
	}

	@Test
	void whenSearchingWithoutDiacriticsThenTheVietnameseNameIsFoundPageByPage() {
		String family = "Đặng" + SERIAL.incrementAndGet();
		Person first = createPerson(family + " Văn An", nextNumber());
		Person second = createPerson(family + " Thị Ánh", nextNumber());
		Person third = createPerson(family + " Văn Ân", nextNumber());
		String folded = PersonNames.searchKey(family);
		assertThat(this.stack.persons.searchByName("hanoi", folded + " van an", null, 10).items()).extracting(Person::id)
			.containsExactlyInAnyOrder(first.id(), third.id());
		assertThat(this.stack.persons.searchByName("hanoi", "thi anh", null, 50).items()).extracting(Person::id)
			.contains(second.id());
		Page<Person> page1 = this.stack.persons.searchByName("hanoi", folded, null, 2);
		assertThat(page1.items()).hasSize(2);
		assertThat(page1.next()).isNotNull();
		Page<Person> page2 = this.stack.persons.searchByName("hanoi", folded, page1.next(), 2);
		assertThat(page2.items()).hasSize(1);
		assertThat(page2.next()).isNull();
		assertThat(List.of(page1.items().get(0).id(), page1.items().get(1).id(), page2.items().get(0).id()))
			.containsExactlyInAnyOrder(first.id(), second.id(), third.id());
		assertThat(this.stack.persons.searchByName("other-realm", folded, null, 10).items()).isEmpty();
	}

	@Test
	void whenSeveralWordsOfOneNameMatchThenThePersonIsListedOnceOnEveryPage() {
		String word = "Ân" + SERIAL.incrementAndGet();
		String folded = PersonNames.searchKey(word);
		Person twice = createPerson("Lê " + word + " " + word, nextNumber());
		Person once = createPerson("Trần Văn " + word, nextNumber());
		Person other = createPerson("Hồ " + word + "x Minh", nextNumber());
		List<String> listed = new ArrayList<>();
		Page<Person> page = this.stack.persons.searchByName("hanoi", folded, null, 1);
		listed.add(page.items().get(0).id());
		while (page.next() != null) {
			page = this.stack.persons.searchByName("hanoi", folded, page.next(), 1);
			page.items().forEach((person) -> listed.add(person.id()));
		}
		assertThat(listed).containsExactlyInAnyOrder(twice.id(), once.id(), other.id());
	}

	@Test
	void whenPersonIsRenamedThenTheNewNameFindsThemAndTheOldOneNoLonger() {
		String family = "Vương" + SERIAL.incrementAndGet();
		Person person = createPerson(family + " Thị Lan", nextNumber());
		PersonProfile renamed = new PersonProfile(family + " Thị Huệ", person.profile().birthDate(),
				person.profile().sex(), person.profile().email(), person.profile().phone(), person.profile().address());
		this.stack.persons.updateProfile(person.id(), person.version(), renamed, "admin-1");
		String folded = PersonNames.searchKey(family);
		assertThat(this.stack.persons.searchByName("hanoi", folded + " thi hue", null, 10).items())
			.extracting(Person::id).containsExactly(person.id());
		assertThat(this.stack.persons.searchByName("hanoi", folded + " thi lan", null, 10).items()).isEmpty();
	}

	@Test
	void whenProfileIsUpdatedWithStaleVersionThenStaleVersionIsThrownAndNothingChanges() {
		Person person = createPerson("Phạm Văn Minh", nextNumber());
		Person updated = this.stack.persons.updateProfile(person.id(), person.version(),
				PersonProfile.named("Phạm Văn Minh Mới"), "admin-1");
		assertThat(updated.version()).isEqualTo(person.version() + 1);
		assertThatThrownBy(() -> this.stack.persons.updateProfile(person.id(), person.version(),
				PersonProfile.named("Lost update"), "admin-2"))
			.isInstanceOf(StaleVersionException.class);
		assertThat(this.stack.persons.findById(person.id()).orElseThrow().profile().fullName()).isEqualTo("Phạm Văn Minh Mới");
		assertThatThrownBy(() -> this.stack.persons.lock("no-such-person", 0, "admin-1"))
			.isInstanceOf(IdentityNotFoundException.class);
	}

	@Test
	void whenPersonIsLockedThenTheirAccountIsDisabledAndClaimsComeFromThePerson() {
		String username = "user" + SERIAL.incrementAndGet();
		this.stack.accounts.upsert("hanoi", username, Map.of("name", "Hoàng Thị Lan", "locale", "vi-VN",
				"email", "lan@example.gov.vn", "email_verified", true), "Secret-Pass-1");
		UserAccount account = this.stack.accounts.findForLogin("hanoi", username).orElseThrow().account();
		assertThat(account.enabled()).isTrue();
		assertThat(account.claims()).containsEntry("name", "Hoàng Thị Lan").containsEntry("locale", "vi-VN")
			.containsEntry("email_verified", true);
		Person person = this.stack.persons.findById(account.personId()).orElseThrow();
		assertThat(this.stack.accounts.upsert("hanoi", username, Map.of("name", "Hoàng Thị Lan", "locale", "vi-VN",
				"email", "lan@example.gov.vn", "email_verified", true), "Secret-Pass-1")).as("unchanged").isFalse();
		assertThat(this.stack.accounts.isActive(person.id())).isTrue();
		Person locked = this.stack.persons.lock(person.id(), person.version(), "admin-1");
		assertThat(this.stack.accounts.findForLogin("hanoi", username).orElseThrow().account().enabled()).isFalse();
		assertThat(this.stack.accounts.isActive(person.id())).as("locked").isFalse();
		this.stack.persons.unlock(locked.id(), locked.version(), "admin-1");
		assertThat(this.stack.accounts.findByPersonId(person.id()).orElseThrow().enabled()).isTrue();
		assertThat(this.stack.accounts.isActive(person.id())).as("unlocked").isTrue();
		this.stack.jdbc.sql("update user_account set enabled = false where person_id = ?").param(person.id()).update();
		assertThat(this.stack.accounts.isActive(person.id())).as("account disabled").isFalse();
		assertThat(this.stack.accounts.isActive("no-such-person")).isFalse();
	}

	@Test
	void whenAPersonHasASecondAccountWithItsOwnIdThenBothAnswerForThePersonAndTheOldestIsFoundByPerson() {
		String username = "user" + SERIAL.incrementAndGet();
		this.stack.accounts.upsert("hanoi", username, Map.of("name", "Đỗ Văn Hùng", "locale", "vi-VN"), "Secret-Pass-1");
		UserAccount first = this.stack.accounts.findForLogin("hanoi", username).orElseThrow().account();
		String secondName = "user" + SERIAL.incrementAndGet();
		String secondId = java.util.UUID.randomUUID().toString();
		java.sql.Timestamp later = java.sql.Timestamp.from(java.time.Instant.now().plusSeconds(60));
		this.stack.jdbc.sql("insert into user_account (id, realm, username, password_hash, enabled, profile, person_id, "
				+ "created_at, updated_at) values (?, 'hanoi', ?, '{noop}x', true, '{\"nickname\":\"Hùng\"}', ?, ?, ?)")
			.params(secondId, secondName, first.personId(), later, later)
			.update();

		UserAccount second = this.stack.accounts.findForLogin("hanoi", secondName).orElseThrow().account();
		assertThat(second.id()).isEqualTo(secondId).isNotEqualTo(second.personId());
		assertThat(second.personId()).isEqualTo(first.personId());
		assertThat(second.claims()).as("the person's data, over the account's own profile")
			.containsEntry("name", "Đỗ Văn Hùng").containsEntry("nickname", "Hùng");
		assertThat(ScopeClaims.release(second, Set.of("profile"))).containsEntry("sub", first.personId());
		assertThat(this.stack.accounts.findByPersonId(first.personId())).get().extracting(UserAccount::id)
			.isEqualTo(first.id());
		assertThat(this.stack.accounts.findByPersonId("no-such-person")).isEmpty();

		Person person = this.stack.persons.findById(first.personId()).orElseThrow();
		Person locked = this.stack.persons.lock(person.id(), person.version(), "admin-1");
		assertThat(this.stack.accounts.findForLogin("hanoi", secondName).orElseThrow().account().enabled())
			.as("locking the person disables every credential of theirs").isFalse();
		this.stack.persons.unlock(locked.id(), locked.version(), "admin-1");
	}

	@Test
	void whenUnitsAreMovedAndMergedThenTheTreeHistoryAndStaffFollowAndCyclesAreRefused() {
		AgencyUnit city = unit("H26", null);
		AgencyUnit district = unit("D01", city.id());
		AgencyUnit ward = unit("W01", district.id());
		AgencyUnit otherWard = unit("W02", district.id());
		AgencyUnit subUnit = unit("S01", ward.id());
		assertThat(this.stack.units.pathOf(subUnit.id())).extracting(AgencyUnit::id)
			.containsExactly(city.id(), district.id(), ward.id(), subUnit.id());

		assertThatThrownBy(() -> this.stack.units.move(district.id(), district.version(), subUnit.id(), "admin-1"))
			.isInstanceOf(IdentityValidationException.class)
			.satisfies((ex) -> assertThat(((IdentityValidationException) ex).field()).isEqualTo("parentId"));
		assertThatThrownBy(() -> this.stack.units.move(district.id(), district.version(), district.id(), "admin-1"))
			.isInstanceOf(IdentityValidationException.class);

		// two levels become one: the ward moves directly under the city
		AgencyUnit moved = this.stack.units.move(ward.id(), ward.version(), city.id(), "admin-1");
		assertThat(this.stack.units.pathOf(subUnit.id())).extracting(AgencyUnit::id)
			.containsExactly(city.id(), ward.id(), subUnit.id());

		StaffRecord clerk = this.stack.staff.hire(new Hire(new NewPerson("hanoi", PersonProfile.named("Vũ Văn Cán"),
				nextNumber()), ward.id(), "Chuyên viên", DAY, "QĐ 1"), "admin-1");
		assertThatThrownBy(() -> this.stack.units.merge(moved.id(), moved.version(), subUnit.id(), "admin-1"))
			.as("into its own sub-unit").isInstanceOf(IdentityValidationException.class);
		AgencyUnit merged = this.stack.units.merge(moved.id(), moved.version(), otherWard.id(), "admin-1");
		assertThat(merged.status()).isEqualTo(UnitStatus.CLOSED);
		assertThat(merged.mergedInto()).isEqualTo(otherWard.id());
		assertThat(this.stack.units.findById(subUnit.id()).orElseThrow().parentId()).isEqualTo(otherWard.id());
		StaffRecord transferred = this.stack.staff.findById(clerk.id()).orElseThrow();
		assertThat(transferred.unitId()).isEqualTo(otherWard.id());
		assertThat(transferred.staffId()).isEqualTo(clerk.staffId());
		assertThat(this.stack.staff.historyOf(clerk.id())).extracting(StaffAssignment::unitId)
			.containsExactly(ward.id(), otherWard.id());
		assertThat(this.stack.units.historyOf(ward.id())).extracting(UnitChange::change)
			.containsExactly("created", "moved", "merged");

		AgencyUnit target = this.stack.units.findById(otherWard.id()).orElseThrow();
		assertThatThrownBy(() -> this.stack.units.close(target.id(), target.version(), "admin-1"))
			.isInstanceOf(IdentityConflictException.class);
		AgencyUnit renamed = this.stack.units.rename(city.id(), city.version(), "Thành phố Hà Nội", "admin-1");
		assertThat(renamed.name()).isEqualTo("Thành phố Hà Nội");
		assertThatThrownBy(() -> this.stack.units.rename(city.id(), city.version(), "Stale", "admin-1"))
			.isInstanceOf(StaleVersionException.class);
		assertThatThrownBy(() -> this.stack.units.create("hanoi", "bad code!", "x", null, "admin-1"))
			.isInstanceOf(IdentityValidationException.class);
	}

	@Test
	void whenStaffIsTerminatedAndRehiredThenTheStaffIdIsKeptAndEveryStepIsHistory() {
		AgencyUnit unit = unit("SNV", null);
		AgencyUnit other = unit("STC", null);
		PersonalIdNumber number = nextNumber();
		StaffRecord hired = this.stack.staff.hire(new Hire(new NewPerson("hanoi", PersonProfile.named("Đỗ Thị Thu"),
				number), unit.id(), "Chuyên viên", DAY, null), "admin-1");
		assertThat(IdentityStack.FORMAT.isValid(hired.staffId())).as(hired.staffId()).isTrue();
		assertThat(this.stack.persons.findByStaffId(hired.staffId())).map(Person::id).contains(hired.personId());
		assertThat(this.stack.staff.findByStaffId(hired.staffId())).map(StaffRecord::id).contains(hired.id());

		assertThatThrownBy(() -> this.stack.staff.hire(new Hire(new NewPerson("hanoi", PersonProfile.named("Đỗ Thị Thu"),
				number), unit.id(), "Chuyên viên", DAY, null), "admin-1"))
			.isInstanceOf(StaffTransitionException.class).hasMessageContaining("active");
		StaffRecord suspended = this.stack.staff.changeStatus(hired.id(), hired.version(), StaffAction.SUSPEND,
				DAY.plusDays(10), "QĐ kỷ luật", "admin-1");
		assertThatThrownBy(() -> this.stack.staff.changeStatus(suspended.id(), suspended.version(), StaffAction.START_LEAVE,
				DAY.plusDays(11), null, "admin-1"))
			.isInstanceOf(StaffTransitionException.class).hasMessage("cannot start leave a staff record that is suspended");
		StaffRecord reinstated = this.stack.staff.changeStatus(suspended.id(), suspended.version(), StaffAction.REINSTATE,
				DAY.plusDays(20), null, "admin-1");
		StaffRecord transferred = this.stack.staff.transfer(reinstated.id(), reinstated.version(), other.id(), "Phó phòng",
				DAY.plusDays(30), "QĐ điều động", "admin-1");
		StaffRecord terminated = this.stack.staff.changeStatus(transferred.id(), transferred.version(),
				StaffAction.TERMINATE, DAY.plusDays(40), null, "admin-1");
		assertThatThrownBy(() -> this.stack.staff.transfer(terminated.id(), terminated.version(), unit.id(), null,
				DAY.plusDays(41), null, "admin-1"))
			.isInstanceOf(StaffTransitionException.class);
		assertThatThrownBy(() -> this.stack.staff.rehire(terminated.id(), transferred.version(), unit.id(), "Chuyên viên",
				DAY.plusDays(50), null, "admin-1"))
			.isInstanceOf(StaleVersionException.class);

		// hiring the same person again (found by the ID number) restores the number
		StaffRecord rehired = this.stack.staff.hire(new Hire(new NewPerson("hanoi", PersonProfile.named("Đỗ Thị Thu"),
				number), unit.id(), "Chuyên viên chính", DAY.plusDays(60), null), "admin-1");
		assertThat(rehired.id()).isEqualTo(hired.id());
		assertThat(rehired.staffId()).isEqualTo(hired.staffId());
		assertThat(rehired.status()).isEqualTo(StaffStatus.ACTIVE);
		assertThat(this.stack.staff.historyOf(hired.id())).extracting(StaffAssignment::status)
			.containsExactly(StaffStatus.ACTIVE, StaffStatus.SUSPENDED, StaffStatus.ACTIVE, StaffStatus.ACTIVE,
					StaffStatus.TERMINATED, StaffStatus.ACTIVE);
		assertThat(this.stack.staff.historyOf(hired.id())).filteredOn((a) -> a.validTo() == null).hasSize(1);
		assertThatThrownBy(() -> this.stack.staff.changeStatus(rehired.id(), rehired.version(), StaffAction.SUSPEND,
				DAY, null, "admin-1"))
			.as("before the current period").isInstanceOf(IdentityValidationException.class);

		assertThat(this.stack.audit.page(AuditQuery.target("staff_record", hired.id()), null, 50).events())
			.extracting(AuditEvent::action)
			.containsExactly("StaffRehired", "StaffTerminated", "StaffTransferred", "StaffReinstated", "StaffSuspended",
					"StaffHired");
	}

	@Test
	void whenPersonIsAuditedThenTheIdNumberAppearsOnlyMaskedAndPagesRunNewestFirst() {
		PersonalIdNumber number = nextNumber();
		Person person = createPerson("Bùi Văn Kiểm", number);
		Person next = person;
		for (int i = 0; i < 4; i++) {
			next = this.stack.persons.updateProfile(next.id(), next.version(),
					new PersonProfile("Bùi Văn Kiểm " + i, null, null, null, null, null), "admin-1");
		}
		AuditPage first = this.stack.audit.page(AuditQuery.target("person", person.id()), null, 3);
		assertThat(first.events()).hasSize(3);
		assertThat(first.nextBefore()).isNotNull();
		AuditPage second = this.stack.audit.page(AuditQuery.target("person", person.id()), first.nextBefore(), 3);
		assertThat(second.events()).hasSize(2);
		assertThat(second.nextBefore()).isNull();
		assertThat(second.events().get(1).action()).isEqualTo("PersonCreated");
		assertThat(first.events().get(0).afterState()).contains("Bùi Văn Kiểm 3");
		for (AuditEvent event : List.of(first.events(), second.events()).stream().flatMap(List::stream).toList()) {
			assertThat(String.valueOf(event.beforeState()) + event.afterState()).doesNotContain(number.value())
				.contains(number.masked());
		}
		assertThat(this.stack.jdbc.sql("select count(*) from audit_event where before_state like ? or after_state like ?")
			.params("%" + number.value() + "%", "%" + number.value() + "%").query(Integer.class).single()).isZero();
	}

	@Test
	void whenOrganizationIsRegisteredThenTaxCodeIsUniqueAndMembershipsHoldForTheirDates() {
		TaxCode code = new TaxCode("0100109106", SERIAL.incrementAndGet() % 999 + 1);
		Organization organization = this.stack.organizations.register(code, "Công ty Thăng Long", "admin-1");
		assertThat(this.stack.organizations.findByTaxCode(code)).map(Organization::id).contains(organization.id());
		assertThatThrownBy(() -> this.stack.organizations.register(code, "Again", "admin-1"))
			.isInstanceOf(IdentityConflictException.class);
		Person person = createPerson("Ngô Văn Đại", nextNumber());
		Membership membership = this.stack.organizations.grantMembership(organization.id(), person.id(),
				MembershipRole.LEGAL_REPRESENTATIVE, DAY, null, "admin-1");
		assertThat(this.stack.organizations.membershipsOf(person.id(), DAY.plusDays(1))).containsExactly(membership);
		this.stack.organizations.endMembership(membership.id(), DAY.plusDays(5), "admin-1");
		assertThat(this.stack.organizations.membershipsOf(person.id(), DAY.plusDays(6))).isEmpty();
		assertThat(this.stack.organizations.membersOf(organization.id(), DAY.plusDays(5))).hasSize(1);
		Organization renamed = this.stack.organizations.rename(organization.id(), organization.version(), "Công ty Mới",
				"admin-1");
		assertThatThrownBy(() -> this.stack.organizations.changeStatus(organization.id(), organization.version(),
				OrganizationStatus.DISSOLVED, "admin-1"))
			.isInstanceOf(StaleVersionException.class);
		assertThat(renamed.name()).isEqualTo("Công ty Mới");
		assertThat(Set.of(renamed.status())).containsExactly(OrganizationStatus.ACTIVE);
	}

	@Test
	void whenAGrantOverlapsAMembershipOfTheSamePersonAndOrganizationThenItIsRefusedNamingItAndNothingIsWritten() {
		Organization organization = this.stack.organizations.register(new TaxCode("0100109106",
				SERIAL.incrementAndGet() % 999 + 1), "Công ty Trùng Lặp", "admin-1");
		Person person = createPerson("Lê Văn Hai Lần", nextNumber());
		Membership first = this.stack.organizations.grantMembership(organization.id(), person.id(),
				MembershipRole.AUTHORIZED_EMPLOYEE, DAY, null, "admin-1");

		for (LocalDate[] period : new LocalDate[][] { { DAY, null }, { DAY.plusDays(10), DAY.plusDays(20) },
				{ DAY.minusDays(30), DAY } }) {
			assertThatThrownBy(() -> this.stack.organizations.grantMembership(organization.id(), person.id(),
					MembershipRole.LEGAL_REPRESENTATIVE, period[0], period[1], "admin-1"))
				.as("%s to %s", period[0], period[1])
				.isInstanceOfSatisfying(OverlappingMembershipException.class, (ex) -> {
					assertThat(ex.field()).isEqualTo("personId");
					assertThat(ex.existingId()).isEqualTo(first.id());
				});
		}
		assertThat(memberships(person)).isEqualTo(1);
		assertThat(this.stack.jdbc.sql("select count(*) from audit_event where action = 'MembershipGranted' "
				+ "and after_state like ?").param("%" + person.id() + "%").query(Integer.class).single()).isEqualTo(1);
		// a period that ends the day before the first begins is no clash
		Membership before = this.stack.organizations.grantMembership(organization.id(), person.id(),
				MembershipRole.MEMBER, DAY.minusDays(30), DAY.minusDays(1), "admin-1");
		assertThat(this.stack.organizations.membershipsOf(person.id(), DAY.minusDays(1))).containsExactly(before);
		assertThat(this.stack.organizations.membershipsOf(person.id(), DAY)).containsExactly(first);
	}

	@Test
	void whenAMembershipHasEndedThenASuccessiveOneFromTheNextDayIsGrantedButNotOneReachingBackIntoIt() {
		Organization organization = this.stack.organizations.register(new TaxCode("0100109106",
				SERIAL.incrementAndGet() % 999 + 1), "Công ty Kế Tiếp", "admin-1");
		Organization other = this.stack.organizations.register(new TaxCode("0100109106",
				SERIAL.incrementAndGet() % 999 + 1), "Công ty Khác", "admin-1");
		Person person = createPerson("Phan Văn Kế Tiếp", nextNumber());
		Person colleague = createPerson("Phan Thị Đồng Nghiệp", nextNumber());
		Membership first = this.stack.organizations.grantMembership(organization.id(), person.id(),
				MembershipRole.MEMBER, DAY, null, "admin-1");
		Membership ended = this.stack.organizations.endMembership(first.id(), DAY.plusDays(5), "admin-1");

		Membership next = this.stack.organizations.grantMembership(organization.id(), person.id(),
				MembershipRole.LEGAL_REPRESENTATIVE, DAY.plusDays(6), null, "admin-1");
		assertThatThrownBy(() -> this.stack.organizations.grantMembership(organization.id(), person.id(),
				MembershipRole.MEMBER, DAY.plusDays(5), DAY.plusDays(5), "admin-1"))
			.isInstanceOfSatisfying(OverlappingMembershipException.class,
					(ex) -> assertThat(ex.existingId()).isEqualTo(ended.id()));
		// another organization, or another person: no clash
		this.stack.organizations.grantMembership(other.id(), person.id(), MembershipRole.MEMBER, DAY, null, "admin-1");
		this.stack.organizations.grantMembership(organization.id(), colleague.id(), MembershipRole.MEMBER, DAY, null,
				"admin-1");

		assertThat(this.stack.organizations.membershipsOf(person.id(), DAY.plusDays(5)))
			.extracting(Membership::id).containsExactlyInAnyOrder(ended.id(), membershipIn(other, person));
		assertThat(this.stack.organizations.membershipsOf(person.id(), DAY.plusDays(6)))
			.extracting(Membership::id).containsExactlyInAnyOrder(next.id(), membershipIn(other, person));
	}

	@Test
	void whenAnEndMovesLaterIntoTheNextMembershipThenRefusedButAnEarlierEndAlwaysPasses() {
		Organization organization = this.stack.organizations.register(new TaxCode("0100109106",
				SERIAL.incrementAndGet() % 999 + 1), "Công ty Gia Hạn", "admin-1");
		Person person = createPerson("Vũ Văn Gia Hạn", nextNumber());
		Membership first = this.stack.organizations.grantMembership(organization.id(), person.id(),
				MembershipRole.MEMBER, DAY, DAY.plusDays(9), "admin-1");
		Membership next = this.stack.organizations.grantMembership(organization.id(), person.id(),
				MembershipRole.LEGAL_REPRESENTATIVE, DAY.plusDays(10), null, "admin-1");

		assertThatThrownBy(() -> this.stack.organizations.endMembership(first.id(), DAY.plusDays(10), "admin-1"))
			.isInstanceOfSatisfying(OverlappingMembershipException.class, (ex) -> {
				assertThat(ex.field()).isEqualTo("validTo");
				assertThat(ex.existingId()).isEqualTo(next.id());
			});
		assertThat(this.stack.organizations.endMembership(first.id(), DAY.plusDays(3), "admin-1").validTo())
			.isEqualTo(DAY.plusDays(3));
		assertThat(this.stack.organizations.endMembership(first.id(), DAY.plusDays(9), "admin-1").validTo())
			.as("later again, up to the day before the next").isEqualTo(DAY.plusDays(9));

		// duplicates stored before grants were checked can still be ended
		this.stack.jdbc.sql("insert into membership (id, person_id, organization_id, role, valid_from, valid_to, "
				+ "created_at) values (?, ?, ?, 'member', ?, null, ?)")
			.params(java.util.UUID.randomUUID().toString(), person.id(), organization.id(), DAY.plusDays(10),
					java.sql.Timestamp.from(java.time.Instant.now()))
			.update();
		assertThat(this.stack.organizations.endMembership(next.id(), DAY.plusDays(20), "admin-1").validTo())
			.isEqualTo(DAY.plusDays(20));
	}

	/**
	 * A grant that starts while another grant of the same person and organization has written
	 * its membership but not yet committed waits for it, and then sees it: no two memberships.
	 */
	@Test
	void whenTwoGrantsOfTheSameMembershipRaceThenTheSecondWaitsForTheFirstAndIsRefused() throws Exception {
		Organization organization = this.stack.organizations.register(new TaxCode("0100109106",
				SERIAL.incrementAndGet() % 999 + 1), "Công ty Đồng Thời", "admin-1");
		Person person = createPerson("Hồ Văn Đồng Thời", nextNumber());
		TransactionTemplate slow = new TransactionTemplate(new DataSourceTransactionManager(this.stack.dataSource));
		CountDownLatch written = new CountDownLatch(1);
		ExecutorService pool = Executors.newSingleThreadExecutor();
		try {
			Future<Membership> first = pool.submit(() -> slow.execute((status) -> {
				Membership granted = this.stack.organizations.grantMembership(organization.id(), person.id(),
						MembershipRole.MEMBER, DAY, null, "admin-1");
				written.countDown();
				try {
					// well inside H2's lock timeout
					Thread.sleep(500);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
				return granted;
			}));
			assertThat(written.await(10, TimeUnit.SECONDS)).isTrue();

			Throwable second = org.assertj.core.api.Assertions.catchThrowable(() -> this.stack.organizations
				.grantMembership(organization.id(), person.id(), MembershipRole.MEMBER, DAY, null, "admin-2"));

			String firstId = first.get(10, TimeUnit.SECONDS).id();
			assertThat(second).isInstanceOfSatisfying(OverlappingMembershipException.class,
					(ex) -> assertThat(ex.existingId()).isEqualTo(firstId));
			assertThat(memberships(person)).isEqualTo(1);
		}
		finally {
			pool.shutdownNow();
		}
	}

	private int memberships(Person person) {
		return this.stack.jdbc.sql("select count(*) from membership where person_id = ?").param(person.id())
			.query(Integer.class).single();
	}

	private String membershipIn(Organization organization, Person person) {
		return this.stack.jdbc.sql("select id from membership where organization_id = ? and person_id = ?")
			.params(organization.id(), person.id()).query(String.class).single();
	}

	@Test
	void whenProfileIsUpdatedThenTheNameIsStoredInNfcTheSearchKeyFollowsAndTheAuditMasksTheNumber() {
		PersonalIdNumber number = nextNumber();
		Person person = createPerson("Trịnh Văn Cũ" + SERIAL.incrementAndGet(), number);
		String family = "Lưu" + SERIAL.incrementAndGet();
		String decomposed = java.text.Normalizer.normalize(family + " Thị  Hằng ", java.text.Normalizer.Form.NFD);
		PersonProfile changed = new PersonProfile(decomposed, LocalDate.of(1990, 12, 1), Sex.MALE,
				new ContactPoint("hang@example.gov.vn", false, "admin"), new ContactPoint("0912345678", true, "vneid"),
				new Address(null, "5 Tràng Tiền", "Hoàn Kiếm", "Hà Nội", "100000", "VN"));

		Person updated = this.stack.persons.updateProfile(person.id(), person.version(), changed, "admin-1");

		assertThat(updated.profile().fullName()).isEqualTo(java.text.Normalizer.normalize(family + " Thị Hằng",
				java.text.Normalizer.Form.NFC));
		assertThat(updated.profile().phone()).isEqualTo(new ContactPoint("0912345678", true, "vneid"));
		assertThat(updated.profile().address().postalCode()).isEqualTo("100000");
		assertThat(updated.personalIdNumber()).isEqualTo(number);
		assertThat(this.stack.persons.searchByName("hanoi", PersonNames.searchKey(family) + " thi hang", null, 10).items())
			.extracting(Person::id).containsExactly(person.id());
		AuditEvent event = this.stack.audit.page(AuditQuery.target("person", person.id()), null, 1).events().get(0);
		assertThat(event.action()).isEqualTo("PersonProfileUpdated");
		assertThat(event.beforeState()).contains("Trịnh Văn Cũ").contains(number.masked()).doesNotContain(number.value());
		assertThat(event.afterState()).contains("hang@example.gov.vn").doesNotContain(number.value());
	}

	@Test
	void whenProfileContradictsTheRecordedNumberThenTheProblemNamesBirthDateOrSex() {
		Person person = createPerson("Mai Văn Số", nextNumber());
		assertThatThrownBy(() -> this.stack.persons.updateProfile(person.id(), person.version(),
				new PersonProfile("Mai Văn Số", LocalDate.of(1991, 5, 17), null, null, null, null), "admin-1"))
			.isInstanceOf(IdentityValidationException.class)
			.satisfies((ex) -> assertThat(((IdentityValidationException) ex).field()).isEqualTo("birthDate"));
		assertThatThrownBy(() -> this.stack.persons.updateProfile(person.id(), person.version(),
				new PersonProfile("Mai Văn Số", null, Sex.FEMALE, null, null, null), "admin-1"))
			.isInstanceOf(IdentityValidationException.class)
			.satisfies((ex) -> assertThat(((IdentityValidationException) ex).field()).isEqualTo("sex"));
		assertThatThrownBy(() -> this.stack.persons.updateProfile(person.id(), person.version(),
				new PersonProfile("Mai Văn Số", null, null, new ContactPoint("not-an-address", true, "admin"), null, null),
				"admin-1"))
			.isInstanceOf(IdentityValidationException.class)
			.satisfies((ex) -> assertThat(((IdentityValidationException) ex).field()).isEqualTo("email"));
		assertThat(this.stack.persons.findById(person.id()).orElseThrow().version()).isEqualTo(person.version());
	}

	@Test
	void whenIdNumberIsRecordedAfterCreationThenItIsCheckedUniqueAndCanBeCorrected() {
		PersonProfile born1990 = new PersonProfile("Tạ Văn Sau", LocalDate.of(1990, 3, 3), Sex.MALE, null, null, null);
		Person person = this.stack.persons.create(new NewPerson("hanoi", born1990, null), "admin-1");
		Person other = this.stack.persons.create(new NewPerson("other-realm", born1990, null), "admin-1");
		PersonalIdNumber taken = nextNumber();
		createPerson("Người Giữ Số", taken);
		assertThatThrownBy(() -> this.stack.persons.correctPersonalIdNumber(person.id(), person.version(), nextNumber(),
				"admin-1"))
			.as("nothing to correct").isInstanceOf(IdentityConflictException.class);
		// a woman's century digit, and a number of another birth year
		assertThatThrownBy(() -> this.stack.persons.recordPersonalIdNumber(person.id(), person.version(),
				new PersonalIdNumber("001190000001"), "admin-1"))
			.isInstanceOf(IdentityValidationException.class)
			.satisfies((ex) -> assertThat(((IdentityValidationException) ex).field()).isEqualTo("personalIdNumber"));
		assertThatThrownBy(() -> this.stack.persons.recordPersonalIdNumber(person.id(), person.version(),
				new PersonalIdNumber("001091000001"), "admin-1"))
			.isInstanceOf(IdentityValidationException.class);
		assertThatThrownBy(() -> this.stack.persons.recordPersonalIdNumber(person.id(), person.version(), taken,
				"admin-1"))
			.isInstanceOf(IdentityConflictException.class).hasMessageNotContaining(taken.value())
			.satisfies((ex) -> assertThat(((IdentityConflictException) ex).field()).isEqualTo("personalIdNumber"));

		PersonalIdNumber wrong = nextNumber();
		Person recorded = this.stack.persons.recordPersonalIdNumber(person.id(), person.version(), wrong, "admin-1");
		assertThat(recorded.personalIdNumber()).isEqualTo(wrong);
		assertThat(recorded.version()).isEqualTo(person.version() + 1);
		assertThatThrownBy(() -> this.stack.persons.recordPersonalIdNumber(person.id(), recorded.version(), nextNumber(),
				"admin-1"))
			.as("already has one").isInstanceOf(IdentityConflictException.class);
		assertThatThrownBy(() -> this.stack.persons.recordPersonalIdNumber(other.id(), other.version(), wrong, "admin-1"))
			.as("unique across realms").isInstanceOf(IdentityConflictException.class);

		PersonalIdNumber right = nextNumber();
		assertThatThrownBy(() -> this.stack.persons.correctPersonalIdNumber(person.id(), person.version(), right,
				"admin-1"))
			.isInstanceOf(StaleVersionException.class);
		assertThatThrownBy(() -> this.stack.persons.correctPersonalIdNumber(person.id(), recorded.version(), taken,
				"admin-1"))
			.isInstanceOf(IdentityConflictException.class);
		Person corrected = this.stack.persons.correctPersonalIdNumber(person.id(), recorded.version(), right, "admin-1");
		assertThat(corrected.personalIdNumber()).isEqualTo(right);
		assertThat(this.stack.persons.findByPersonalIdNumber(right)).map(Person::id).contains(person.id());
		assertThat(this.stack.persons.findByPersonalIdNumber(wrong)).isEmpty();

		List<AuditEvent> events = this.stack.audit.page(AuditQuery.target("person", person.id()), null, 10).events();
		assertThat(events).extracting(AuditEvent::action)
			.containsExactly("PersonalIdNumberCorrected", "PersonalIdNumberRecorded", "PersonCreated");
		assertThat(events.get(0).beforeState()).contains(wrong.masked());
		assertThat(events.get(0).afterState()).contains(right.masked());
		for (AuditEvent event : events) {
			assertThat(String.valueOf(event.beforeState()) + event.afterState()).doesNotContain(wrong.value())
				.doesNotContain(right.value());
		}
	}

	@Test
	void whenOrganizationIsSuspendedOrDissolvedThenItsMembershipsReleaseNoOrganizationClaims() {
		java.time.Clock tomorrow = java.time.Clock.fixed(DAY.plusDays(1).atStartOfDay(java.time.ZoneOffset.UTC)
			.toInstant(), java.time.ZoneOffset.UTC);
		PersonClaims claims = new PersonClaims(this.stack.persons, this.stack.staff, this.stack.units, this.stack.audit,
				this.stack.organizations, tomorrow);
		TaxCode code = new TaxCode("0100109106", SERIAL.incrementAndGet() % 999 + 1);
		Organization organization = this.stack.organizations.register(code, "Công ty Tạm Dừng", "admin-1");
		Person person = createPerson("Đinh Văn Đại Diện", nextNumber());
		Membership membership = this.stack.organizations.grantMembership(organization.id(), person.id(),
				MembershipRole.LEGAL_REPRESENTATIVE, DAY, null, "admin-1");
		assertThat(claims.organizationsOf(person.id())).extracting(PersonClaims.OrganizationChoice::membershipId)
			.containsExactly(membership.id());
		assertThat(claims.organizationClaims(person.id(), membership.id())).containsKey(PersonClaims.ORGANIZATION);

		Organization suspended = this.stack.organizations.changeStatus(organization.id(), organization.version(),
				OrganizationStatus.SUSPENDED, "admin-1");
		assertThat(suspended.status()).isEqualTo(OrganizationStatus.SUSPENDED);
		assertThat(claims.organizationsOf(person.id())).isEmpty();
		assertThat(claims.organizationClaims(person.id(), membership.id())).isEmpty();
		assertThat(this.stack.organizations.membershipsOf(person.id(), DAY.plusDays(1))).as("kept, as history")
			.containsExactly(membership);
		assertThatThrownBy(() -> this.stack.organizations.grantMembership(organization.id(), person.id(),
				MembershipRole.MEMBER, DAY, null, "admin-1"))
			.isInstanceOf(IdentityConflictException.class);
		assertThatThrownBy(() -> this.stack.organizations.changeStatus(organization.id(), suspended.version(),
				OrganizationStatus.SUSPENDED, "admin-1"))
			.isInstanceOf(IdentityConflictException.class)
			.satisfies((ex) -> assertThat(((IdentityConflictException) ex).field()).isEqualTo("status"));

		Organization reactivated = this.stack.organizations.changeStatus(organization.id(), suspended.version(),
				OrganizationStatus.ACTIVE, "admin-1");
		assertThat(claims.organizationClaims(person.id(), membership.id())).containsKey(PersonClaims.ORGANIZATION);
		Organization dissolved = this.stack.organizations.changeStatus(organization.id(), reactivated.version(),
				OrganizationStatus.DISSOLVED, "admin-1");
		assertThat(claims.organizationsOf(person.id())).isEmpty();
		assertThatThrownBy(() -> this.stack.organizations.changeStatus(organization.id(), dissolved.version(),
				OrganizationStatus.ACTIVE, "admin-1"))
			.as("dissolution is final").isInstanceOf(IdentityConflictException.class);
		assertThat(this.stack.audit.page(AuditQuery.target("organization", organization.id()), null, 10).events())
			.extracting(AuditEvent::action)
			.containsExactly("OrganizationStatusChanged", "OrganizationStatusChanged", "OrganizationStatusChanged",
					"OrganizationRegistered");
	}

	@Test
	void whenIdNumberBelongsToAPersonOfAnotherRealmThenHireConflictsWithoutNamingTheRealm() {
		AgencyUnit unit = unit("XRM", null);
		PersonalIdNumber number = nextNumber();
		Person elsewhere = this.stack.persons.create(new NewPerson("other-realm", PersonProfile.named("Người Nơi Khác"),
				number), "admin-1");

		assertThatThrownBy(() -> this.stack.staff.hire(new Hire(new NewPerson("hanoi", PersonProfile.named("Người Nơi Khác"),
				number), unit.id(), "Chuyên viên", DAY, null), "admin-1"))
			.isInstanceOf(IdentityConflictException.class)
			.hasMessageNotContaining("other-realm").hasMessageNotContaining(number.value())
			.satisfies((ex) -> assertThat(((IdentityConflictException) ex).field()).isEqualTo("personalIdNumber"));
		assertThat(this.stack.staff.findByPerson(elsewhere.id())).isEmpty();
		assertThat(this.stack.jdbc.sql("select count(*) from person where pid_lookup = (select pid_lookup from person "
				+ "where id = ?)").param(elsewhere.id()).query(Integer.class).single()).isEqualTo(1);
	}

	@Test
	void whenHireRunsInsideAnEnclosingTransactionThenItFindsOrCreatesThePersonOnce() {
		AgencyUnit unit = unit("ENC", null);
		PersonalIdNumber number = nextNumber();
		org.springframework.transaction.support.TransactionTemplate outer = new org.springframework.transaction.support.TransactionTemplate(
				new org.springframework.jdbc.datasource.DataSourceTransactionManager(this.stack.dataSource));
		StaffRecord hired = outer.execute((status) -> this.stack.staff.hire(new Hire(new NewPerson("hanoi",
				PersonProfile.named("Lý Văn Bao"), number), unit.id(), "Chuyên viên", DAY, null), "admin-1"));
		assertThat(this.stack.persons.findByPersonalIdNumber(number)).map(Person::id).contains(hired.personId());
	}

}
