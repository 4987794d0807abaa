package vn.thanglong.id.identity;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.ToIntFunction;

import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionOperations;

import vn.thanglong.id.audit.AuditEntry;
import vn.thanglong.id.audit.AuditLog;

/** Persons in the {@code person} table. */
final class JdbcPersons implements Persons {

	static final int MAX_PAGE = 200;

	/** Tries of {@link #findOrCreate} when the database answers a concurrent insert with a transient failure. */
	static final int ATTEMPTS = 3;

	private final JdbcClient jdbc;

	private final TransactionOperations transactions;

	private final PersonRows rows;

	private final ProfileRules rules;

	private final AuditLog audit;

	private final AuditStates states;

	private final Clock clock;

	JdbcPersons(JdbcClient jdbc, TransactionOperations transactions, PersonRows rows, ProfileRules rules, AuditLog audit,
			AuditStates states, Clock clock) {
		this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
		this.transactions = Objects.requireNonNull(transactions, "transactions");
		this.rows = Objects.requireNonNull(rows, "rows");
		this.rules = Objects.requireNonNull(rules, "rules");
		this.audit = Objects.requireNonNull(audit, "audit");
		this.states = Objects.requireNonNull(states, "states");
		this.clock = Objects.requireNonNull(clock, "clock");
	}

	PersonRows rows() {
		return this.rows;
	}

	@Override
	public Person create(NewPerson person, String actor) {
		return create(UUID.randomUUID().toString(), person, actor);
	}

	/** With a given id: a person made for an existing user account takes the account's id. */
	Person create(String id, NewPerson person, String actor) {
		this.rules.check(person.profile(), person.personalIdNumber(), today());
		return required(this.transactions.execute((status) -> insert(id, person, actor)));
	}

	/**
	 * The person holding the number of {@code person} (which must have one), in whatever realm, or
	 * a new one. Two first hires of the same person at once both try to create them: the unique
	 * index on the number lets one insert win, and the other rolls back to a savepoint and finds
	 * the winner's person. The savepoint keeps an enclosing transaction (an idempotent request's)
	 * usable after the refused insert, which PostgreSQL otherwise aborts. A conflict that a second
	 * look cannot explain is rethrown.
	 * <p>
	 * PostgreSQL makes the later insert wait for the winner's commit and then refuses it as a
	 * duplicate. H2 (MVStore) re-runs the statement while the other row is uncommitted, and two
	 * inserts of the same number at once can keep refusing each other until the lock timeout:
	 * that transient failure is rolled back to the savepoint and the look and insert are tried
	 * again after a short random pause (by then one of them has committed or rolled back), at
	 * most {@value #ATTEMPTS} times; the last failure is rethrown.
	 */
	Person findOrCreate(NewPerson person, String actor) {
		PersonalIdNumber number = Objects.requireNonNull(person.personalIdNumber(), "personalIdNumber");
		String id = UUID.randomUUID().toString();
		return required(this.transactions.execute((status) -> {
			for (int attempt = 1;; attempt++) {
				Optional<Person> found = findByPersonalIdNumber(number);
				if (found.isPresent()) {
					return found.get();
				}
				this.rules.check(person.profile(), number, today());
				Object savepoint = status.createSavepoint();
				try {
					Person created = insert(id, person, actor);
					status.releaseSavepoint(savepoint);
					return created;
				}
				catch (IdentityConflictException ex) {
					status.rollbackToSavepoint(savepoint);
					return findByPersonalIdNumber(number).orElseThrow(() -> ex);
				}
				catch (TransientDataAccessException ex) {
					status.rollbackToSavepoint(savepoint);
					if (attempt == ATTEMPTS) {
						throw ex;
					}
					pauseBeforeAttempt(attempt + 1, ex);
				}
			}
		}));
	}

	/**
	 * Random, so that two inserts that refused each other do not meet again; growing, so that a
	 * slow winner has time to commit.
	 */
	private static void pauseBeforeAttempt(int attempt, TransientDataAccessException cause) {
		try {
			Thread.sleep(ThreadLocalRandom.current().nextLong(10, 50L * attempt));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw cause;
		}
	}

	/** Inserts the checked person and records the event, in the caller's transaction. */
	private Person insert(String id, NewPerson person, String actor) {
		PersonProfile profile = person.profile();
		PersonalIdNumber number = person.personalIdNumber();
		Timestamp now = Timestamp.from(this.clock.instant());
		try {
			this.jdbc.sql("insert into person (id, realm, full_name, name_search, birth_date, sex, email, email_verified, "
					+ "email_source, phone, phone_verified, phone_source, address, pid_lookup, pid_encrypted, locked, "
					+ "version, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, false, 0, ?, ?)")
				.params(id, person.realm(), profile.fullName(), PersonNames.searchKey(profile.fullName()),
						profile.birthDate(), code(profile.sex()), value(profile.email()), verified(profile.email()),
						source(profile.email()), value(profile.phone()), verified(profile.phone()),
						source(profile.phone()), this.rows.addressJson(profile.address()),
						(number != null) ? this.rows.protector().lookup(number) : null,
						(number != null) ? this.rows.protector().encrypt(number, id) : null, now, now)
				.update();
		}
		catch (DuplicateKeyException ex) {
			throw new IdentityConflictException((number != null) ? "personalIdNumber" : "id",
					"already belongs to another person");
		}
		writeNameKeys(id, person.realm(), profile.fullName());
		Person created = findById(id).orElseThrow();
		this.audit.record(new AuditEntry(created.realm(), actor, "PersonCreated", "person", id, null,
				this.states.person(created)));
		return created;
	}

	@Override
	public Optional<Person> findById(String id) {
		return this.jdbc.sql(PersonRows.SELECT + " where p.id = ?").param(id).query(this.rows::map).optional();
	}

	@Override
	public Page<Person> searchByName(String realm, String query, @Nullable String after, int limit) {
		if (limit < 1 || limit > MAX_PAGE) {
			throw new IdentityValidationException("limit", "must be between 1 and " + MAX_PAGE);
		}
		String key = PersonNames.searchKey(query);
		if (key.isEmpty()) {
			throw new IdentityValidationException("query", "needs at least one letter or digit");
		}
		// the key holds only letters, digits and single spaces: nothing LIKE would treat as a wildcard
		List<Object> params = new ArrayList<>(List.of(realm, key + "%", key + "%"));
		if (after != null) {
			String[] cursor = decodeCursor(after);
			params.addAll(List.of(cursor[0], cursor[0], cursor[1]));
		}
		List<Map.Entry<String, Person>> found = this.jdbc.sql(searchSql(after != null, limit + 1))
			.params(params)
			.query((row, n) -> Map.entry(row.getString("name_key"), this.rows.map(row, n)))
			.list();
		List<Person> persons = found.stream().limit(limit).map(Map.Entry::getValue).toList();
		if (found.size() <= limit) {
			return new Page<>(persons, null);
		}
		Map.Entry<String, Person> last = found.get(limit - 1);
		return new Page<>(persons, encodeCursor(last.getKey(), last.getValue().id()));
	}

	/**
	 * The name search: a person is listed once, under the least of their keys that matches, so
	 * the index range on (realm, name_key) is read in order and the scan stops at the page's end.
	 * Parameters: realm, pattern, pattern, and with {@code after} the cursor's key, key, id.
	 */
	static String searchSql(boolean after, int rows) {
		return "select p.*, s.staff_id, k.name_key from person_name_key k join person p on p.id = k.person_id"
				+ " left join person_staff_id s on s.person_id = p.id"
				+ " where k.realm = ? and k.name_key like ? and not exists (select 1 from person_name_key d"
				+ " where d.person_id = k.person_id and d.name_key like ? and d.name_key < k.name_key)"
				+ (after ? " and (k.name_key > ? or (k.name_key = ? and k.person_id > ?))" : "")
				+ " order by k.name_key, k.person_id fetch first " + rows + " rows only";
	}

	/** Writes the keys a new person is found under by name (in the caller's transaction). */
	private void writeNameKeys(String id, String realm, String fullName) {
		for (String key : PersonNames.wordKeys(fullName)) {
			this.jdbc.sql("insert into person_name_key (person_id, name_key, realm) values (?, ?, ?)")
				.params(id, key, realm)
				.update();
		}
	}

	@Override
	public Optional<Person> findByPersonalIdNumber(PersonalIdNumber number) {
		return this.jdbc.sql(PersonRows.SELECT + " where p.pid_lookup = ?")
			.param(this.rows.protector().lookup(number))
			.query(this.rows::map)
			.optional();
	}

	@Override
	public Optional<Person> findByStaffId(String staffId) {
		return this.jdbc.sql(PersonRows.SELECT + " where s.staff_id = ?").param(staffId).query(this.rows::map).optional();
	}

	@Override
	public Person updateProfile(String id, long expectedVersion, PersonProfile profile, String actor) {
		return write(id, expectedVersion, "PersonProfileUpdated", actor, (before) -> {
			requireAgreesWithRecordedNumber(profile, before.personalIdNumber());
			this.rules.check(profile, before.personalIdNumber(), today());
			int updated = this.jdbc.sql("update person set full_name = ?, name_search = ?, birth_date = ?, sex = ?, email = ?, "
					+ "email_verified = ?, email_source = ?, phone = ?, phone_verified = ?, phone_source = ?, address = ?, "
					+ "version = version + 1, updated_at = ? where id = ? and version = ?")
				.params(profile.fullName(), PersonNames.searchKey(profile.fullName()), profile.birthDate(),
						code(profile.sex()), value(profile.email()), verified(profile.email()), source(profile.email()),
						value(profile.phone()), verified(profile.phone()), source(profile.phone()),
						this.rows.addressJson(profile.address()), Timestamp.from(this.clock.instant()), id, expectedVersion)
				.update();
			if (updated == 1 && !profile.fullName().equals(before.profile().fullName())) {
				this.jdbc.sql("delete from person_name_key where person_id = ?").param(id).update();
				writeNameKeys(id, before.realm(), profile.fullName());
			}
			return updated;
		});
	}

	@Override
	public Person recordPersonalIdNumber(String id, long expectedVersion, PersonalIdNumber number, String actor) {
		return setPersonalIdNumber(id, expectedVersion, number, "PersonalIdNumberRecorded", actor, (before) -> {
			if (before.personalIdNumber() != null) {
				throw new IdentityConflictException("personalIdNumber", "the person already has one");
			}
		});
	}

	@Override
	public Person correctPersonalIdNumber(String id, long expectedVersion, PersonalIdNumber number, String actor) {
		return setPersonalIdNumber(id, expectedVersion, number, "PersonalIdNumberCorrected", actor, (before) -> {
			PersonalIdNumber recorded = before.personalIdNumber();
			if (recorded == null) {
				throw new IdentityConflictException("personalIdNumber", "the person has none to correct; record one");
			}
			if (recorded.equals(number)) {
				throw new IdentityValidationException("personalIdNumber", "is the number already recorded");
			}
		});
	}

	private Person setPersonalIdNumber(String id, long expectedVersion, PersonalIdNumber number, String action,
			String actor, java.util.function.Consumer<Person> precondition) {
		try {
			return write(id, expectedVersion, action, actor, (before) -> {
				precondition.accept(before);
				this.rules.check(before.profile(), number, today());
				return this.jdbc
					.sql("update person set pid_lookup = ?, pid_encrypted = ?, version = version + 1, updated_at = ? "
							+ "where id = ? and version = ?")
					.params(this.rows.protector().lookup(number), this.rows.protector().encrypt(number, id),
							Timestamp.from(this.clock.instant()), id, expectedVersion)
					.update();
			});
		}
		catch (DuplicateKeyException ex) {
			// says neither who holds it nor in which realm
			throw new IdentityConflictException("personalIdNumber", "already belongs to another person");
		}
	}

	/**
	 * A profile change that contradicts the recorded number is a wrong birth date or sex (the
	 * number is corrected on its own), so the problem names that field.
	 */
	private static void requireAgreesWithRecordedNumber(PersonProfile profile, @Nullable PersonalIdNumber recorded) {
		if (recorded == null) {
			return;
		}
		if (profile.birthDate() != null && profile.birthDate().getYear() != recorded.birthYear()) {
			throw new IdentityValidationException("birthDate", "disagrees with the birth year of the personal ID number");
		}
		if (profile.sex() != null && profile.sex() != recorded.sex()) {
			throw new IdentityValidationException("sex", "disagrees with the personal ID number");
		}
	}

	@Override
	public Person lock(String id, long expectedVersion, String actor) {
		return setLocked(id, expectedVersion, true, "PersonLocked", actor);
	}

	@Override
	public Person unlock(String id, long expectedVersion, String actor) {
		return setLocked(id, expectedVersion, false, "PersonUnlocked", actor);
	}

	private Person setLocked(String id, long expectedVersion, boolean locked, String action, String actor) {
		return write(id, expectedVersion, action, actor, (before) -> this.jdbc
			.sql("update person set locked = ?, version = version + 1, updated_at = ? where id = ? and version = ?")
			.params(locked, Timestamp.from(this.clock.instant()), id, expectedVersion)
			.update());
	}

	/** One guarded update and its audit event, in one transaction; the update answers the rows it changed. */
	private Person write(String id, long expectedVersion, String action, String actor, ToIntFunction<Person> update) {
		return required(this.transactions.execute((status) -> {
			Person before = require(id);
			Versions.requireUpdated(update.applyAsInt(before), this.jdbc, "person", "person", id, expectedVersion);
			Person after = findById(id).orElseThrow();
			this.audit.record(new AuditEntry(after.realm(), actor, action, "person", id, this.states.person(before),
					this.states.person(after)));
			return after;
		}));
	}

	private Person require(String id) {
		return findById(id).orElseThrow(() -> new IdentityNotFoundException("person", id));
	}

	private LocalDate today() {
		return LocalDate.now(this.clock);
	}

	private static <T> T required(@Nullable T value) {
		return Objects.requireNonNull(value, "transaction result");
	}

	private static String encodeCursor(String nameSearch, String id) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString((nameSearch + "\n" + id).getBytes(StandardCharsets.UTF_8));
	}

	private static String[] decodeCursor(String cursor) {
		try {
			String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\n", 2);
			if (parts.length == 2) {
				return parts;
			}
		}
		catch (IllegalArgumentException ex) {
			// fall through: reported as a bad cursor below
		}
		throw new IdentityValidationException("after", "is not a cursor this listing gave out");
	}

	static @Nullable String code(@Nullable Sex sex) {
		return (sex != null) ? sex.code() : null;
	}

	static @Nullable String value(@Nullable ContactPoint contact) {
		return (contact != null) ? contact.value() : null;
	}

	static boolean verified(@Nullable ContactPoint contact) {
		return contact != null && contact.verified();
	}

	static @Nullable String source(@Nullable ContactPoint contact) {
		return (contact != null) ? contact.source() : null;
	}

}
