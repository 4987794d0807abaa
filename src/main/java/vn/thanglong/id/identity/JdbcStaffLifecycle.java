package vn.thanglong.id.identity;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionOperations;

import vn.thanglong.id.audit.AuditEntry;
import vn.thanglong.id.audit.AuditLog;

/** The staff lifecycle over {@code staff_record}, {@code staff_assignment} and {@code person_staff_id}. */
final class JdbcStaffLifecycle implements StaffLifecycle {

	private static final Set<StaffAction> STATUS_CHANGES = EnumSet.of(StaffAction.SUSPEND, StaffAction.START_LEAVE,
			StaffAction.REINSTATE, StaffAction.TERMINATE, StaffAction.RETIRE);

	private final JdbcClient jdbc;

	private final TransactionOperations transactions;

	private final JdbcPersons persons;

	private final AgencyUnits units;

	private final StaffRows staff;

	private final StaffIdAllocator allocator;

	private final AuditLog audit;

	private final AuditStates states;

	private final Clock clock;

	JdbcStaffLifecycle(JdbcClient jdbc, TransactionOperations transactions, JdbcPersons persons, AgencyUnits units,
			StaffRows staff, StaffIdAllocator allocator, AuditLog audit, AuditStates states, Clock clock) {
		this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
		this.transactions = Objects.requireNonNull(transactions, "transactions");
		this.persons = Objects.requireNonNull(persons, "persons");
		this.units = Objects.requireNonNull(units, "units");
		this.staff = Objects.requireNonNull(staff, "staff");
		this.allocator = Objects.requireNonNull(allocator, "allocator");
		this.audit = Objects.requireNonNull(audit, "audit");
		this.states = Objects.requireNonNull(states, "states");
		this.clock = Objects.requireNonNull(clock, "clock");
	}

	@Override
	public StaffRecord hire(Hire hire, String actor) {
		PersonalIdNumber number = hire.person().personalIdNumber();
		if (number == null) {
			throw new IdentityValidationException("personalIdNumber", "is required to hire");
		}
		String position = StaffRows.position(hire.position());
		return inTransaction(() -> {
			AgencyUnit unit = activeUnit(hire.unitId());
			Person person = this.persons.findOrCreate(hire.person(), actor);
			if (!person.realm().equals(hire.person().realm())) {
				// persons are realm-scoped, the number deployment-wide: never attach another realm's person
				throw new IdentityConflictException("personalIdNumber", "belongs to a person of another realm");
			}
			Optional<StaffRecord> existing = this.staff.find("r.person_id", person.id());
			if (existing.isPresent()) {
				StaffRecord record = existing.get();
				if (record.status() != StaffStatus.TERMINATED && record.status() != StaffStatus.RETIRED) {
					throw new StaffTransitionException(StaffAction.HIRE, record.status());
				}
				return rehire(record.id(), record.version(), unit.id(), position, hire.effectiveFrom(), hire.reason(),
						actor);
			}
			this.allocator.staffIdFor(person.id());
			String id = UUID.randomUUID().toString();
			Timestamp now = Timestamp.from(this.clock.instant());
			this.jdbc.sql("insert into staff_record (id, person_id, realm, unit_id, position, status, version, created_at, "
					+ "updated_at) values (?, ?, ?, ?, ?, ?, 0, ?, ?)")
				.params(id, person.id(), unit.realm(), unit.id(), position, StaffStatus.ACTIVE.code(), now, now)
				.update();
			this.staff.open(id, unit.id(), position, StaffStatus.ACTIVE, hire.effectiveFrom(), hire.reason());
			StaffRecord hired = require(id);
			this.audit.record(new AuditEntry(unit.realm(), actor, StaffAction.HIRE.auditAction(), "staff_record", id, null,
					this.states.staff(hired)));
			return hired;
		});
	}

	@Override
	public Optional<StaffRecord> findById(String id) {
		return this.staff.find("r.id", id);
	}

	@Override
	public Optional<StaffRecord> findByPerson(String personId) {
		return this.staff.find("r.person_id", personId);
	}

	@Override
	public Optional<StaffRecord> findByStaffId(String staffId) {
		return this.staff.find("s.staff_id", staffId);
	}

	@Override
	public List<StaffAssignment> historyOf(String staffRecordId) {
		return this.staff.history(staffRecordId);
	}

	@Override
	public StaffRecord transfer(String id, long expectedVersion, String unitId, @Nullable String position,
			LocalDate effectiveFrom, @Nullable String reason, String actor) {
		return change(id, expectedVersion, StaffAction.TRANSFER, unitId, position, effectiveFrom, reason, actor);
	}

	@Override
	public StaffRecord changePosition(String id, long expectedVersion, String position, LocalDate effectiveFrom,
			@Nullable String reason, String actor) {
		return change(id, expectedVersion, StaffAction.CHANGE_POSITION, null, position, effectiveFrom, reason, actor);
	}

	@Override
	public StaffRecord changeStatus(String id, long expectedVersion, StaffAction action, LocalDate effectiveFrom,
			@Nullable String reason, String actor) {
		if (!STATUS_CHANGES.contains(action)) {
			throw new IdentityValidationException("action", "must be one of " + STATUS_CHANGES);
		}
		return change(id, expectedVersion, action, null, null, effectiveFrom, reason, actor);
	}

	@Override
	public StaffRecord rehire(String id, long expectedVersion, String unitId, String position, LocalDate effectiveFrom,
			@Nullable String reason, String actor) {
		return change(id, expectedVersion, StaffAction.REHIRE, unitId, position, effectiveFrom, reason, actor);
	}

	private StaffRecord change(String id, long expectedVersion, StaffAction action, @Nullable String unitId,
			@Nullable String position, LocalDate effectiveFrom, @Nullable String reason, String actor) {
		String newPosition = (position != null) ? StaffRows.position(position) : null;
		return inTransaction(() -> {
			StaffRecord before = require(id);
			if (before.version() != expectedVersion) {
				throw new StaleVersionException("staff record", id, expectedVersion);
			}
			StaffStatus next = action.apply(before.status());
			String unit = (unitId != null) ? activeUnit(unitId).id() : before.unitId();
			this.staff.advance(before, expectedVersion, unit, (newPosition != null) ? newPosition : before.position(), next,
					effectiveFrom, reason);
			StaffRecord after = require(id);
			this.audit.record(new AuditEntry(after.realm(), actor, action.auditAction(), "staff_record", id,
					this.states.staff(before), this.states.staff(after)));
			return after;
		});
	}

	private AgencyUnit activeUnit(String unitId) {
		AgencyUnit unit = this.units.findById(unitId).orElseThrow(() -> new IdentityNotFoundException("unit", unitId));
		if (unit.status() != UnitStatus.ACTIVE) {
			throw new IdentityValidationException("unitId", "the unit is closed");
		}
		return unit;
	}

	private StaffRecord require(String id) {
		return this.staff.find("r.id", id).orElseThrow(() -> new IdentityNotFoundException("staff record", id));
	}

	private <T> T inTransaction(Supplier<T> work) {
		return Objects.requireNonNull(this.transactions.execute((status) -> work.get()), "transaction result");
	}

}
