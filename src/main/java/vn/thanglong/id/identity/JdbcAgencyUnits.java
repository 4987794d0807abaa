package vn.thanglong.id.identity;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionOperations;

import vn.thanglong.id.audit.AuditEntry;
import vn.thanglong.id.audit.AuditLog;

/** The unit tree in {@code agency_unit}, its history in {@code unit_history}. */
final class JdbcAgencyUnits implements AgencyUnits {

	private static final int MAX_NAME = 500;

	private final JdbcClient jdbc;

	private final TransactionOperations transactions;

	private final StaffRows staff;

	private final AuditLog audit;

	private final AuditStates states;

	private final Clock clock;

	JdbcAgencyUnits(JdbcClient jdbc, TransactionOperations transactions, StaffRows staff, AuditLog audit,
			AuditStates states, Clock clock) {
		this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
		this.transactions = Objects.requireNonNull(transactions, "transactions");
		this.staff = Objects.requireNonNull(staff, "staff");
		this.audit = Objects.requireNonNull(audit, "audit");
		this.states = Objects.requireNonNull(states, "states");
		this.clock = Objects.requireNonNull(clock, "clock");
	}

	@Override
	public AgencyUnit create(String realm, String code, String name, @Nullable String parentId, String actor) {
		String checkedCode = AgencyCodes.normalize(code);
		String checkedName = name(name);
		String id = UUID.randomUUID().toString();
		return inTransaction(() -> {
			if (parentId != null) {
				requireActiveParent(realm, parentId);
			}
			Timestamp now = now();
			try {
				this.jdbc.sql("insert into agency_unit (id, realm, code, name, parent_id, status, merged_into, version, "
						+ "created_at, updated_at) values (?, ?, ?, ?, ?, ?, null, 0, ?, ?)")
					.params(id, realm, checkedCode, checkedName, parentId, UnitStatus.ACTIVE.code(), now, now)
					.update();
			}
			catch (DuplicateKeyException ex) {
				throw new IdentityConflictException("code", "is already used by another unit");
			}
			AgencyUnit created = require(id);
			recordChange("created", "UnitCreated", actor, null, created);
			return created;
		});
	}

	@Override
	public Optional<AgencyUnit> findById(String id) {
		return this.jdbc.sql("select * from agency_unit where id = ?").param(id).query(JdbcAgencyUnits::map).optional();
	}

	@Override
	public Optional<AgencyUnit> findByCode(String code) {
		return this.jdbc.sql("select * from agency_unit where code = ?")
			.param(code.strip().toUpperCase(java.util.Locale.ROOT))
			.query(JdbcAgencyUnits::map)
			.optional();
	}

	@Override
	public List<AgencyUnit> children(String id) {
		return this.jdbc.sql("select * from agency_unit where parent_id = ? order by code").param(id)
			.query(JdbcAgencyUnits::map)
			.list();
	}

	@Override
	public List<AgencyUnit> pathOf(String id) {
		List<AgencyUnit> path = new ArrayList<>();
		Set<String> seen = new HashSet<>();
		@Nullable String next = id;
		while (next != null && seen.add(next)) {
			AgencyUnit unit = require(next);
			path.add(0, unit);
			next = unit.parentId();
		}
		return path;
	}

	@Override
	public List<UnitChange> historyOf(String id) {
		return this.jdbc.sql("select * from unit_history where unit_id = ? order by id").param(id)
			.query((rs, row) -> new UnitChange(rs.getLong("id"), rs.getString("unit_id"),
					rs.getTimestamp("occurred_at").toInstant(), rs.getString("change"), rs.getString("actor"),
					rs.getString("before_state"), rs.getString("after_state")))
			.list();
	}

	@Override
	public AgencyUnit rename(String id, long expectedVersion, String name, String actor) {
		String checkedName = name(name);
		return inTransaction(() -> {
			AgencyUnit before = requireActive(id, "id");
			update(before, expectedVersion, "name = ?", checkedName);
			return recordChange("renamed", "UnitRenamed", actor, before, require(id));
		});
	}

	@Override
	public AgencyUnit move(String id, long expectedVersion, @Nullable String newParentId, String actor) {
		return inTransaction(() -> {
			AgencyUnit before = requireActive(id, "id");
			if (newParentId != null) {
				requireActiveParent(before.realm(), newParentId);
				requireNotWithin(newParentId, id, "parentId");
			}
			update(before, expectedVersion, "parent_id = ?", newParentId);
			return recordChange("moved", "UnitMoved", actor, before, require(id));
		});
	}

	@Override
	public AgencyUnit merge(String id, long expectedVersion, String intoId, String actor) {
		return inTransaction(() -> {
			AgencyUnit before = requireActive(id, "id");
			AgencyUnit into = requireActive(intoId, "intoId");
			if (!into.realm().equals(before.realm())) {
				throw new IdentityValidationException("intoId", "is in another realm");
			}
			// the target must not be the unit or below it: its sub-units would end up under themselves
			requireNotWithin(intoId, id, "intoId");
			if (before.version() != expectedVersion) {
				throw new StaleVersionException("unit", id, expectedVersion);
			}
			for (AgencyUnit child : children(id)) {
				if (child.status() == UnitStatus.ACTIVE) {
					update(child, child.version(), "parent_id = ?", intoId);
					recordChange("moved", "UnitMoved", actor, child, require(child.id()));
				}
			}
			LocalDate today = LocalDate.now(this.clock);
			for (StaffRecord record : this.staff.employedIn(id)) {
				this.staff.advance(record, record.version(), intoId, record.position(), record.status(), today,
						"unit " + before.code() + " merged into " + into.code());
				this.audit.record(new AuditEntry(record.realm(), actor, StaffAction.TRANSFER.auditAction(), "staff_record",
						record.id(), this.states.staff(record),
						this.states.staff(this.staff.find("r.id", record.id()).orElseThrow())));
			}
			int rows = this.jdbc.sql("update agency_unit set status = ?, merged_into = ?, version = version + 1, "
					+ "updated_at = ? where id = ? and version = ?")
				.params(UnitStatus.CLOSED.code(), intoId, now(), id, expectedVersion)
				.update();
			Versions.requireUpdated(rows, this.jdbc, "agency_unit", "unit", id, expectedVersion);
			return recordChange("merged", "UnitMerged", actor, before, require(id));
		});
	}

	@Override
	public AgencyUnit close(String id, long expectedVersion, String actor) {
		return inTransaction(() -> {
			AgencyUnit before = requireActive(id, "id");
			if (children(id).stream().anyMatch((child) -> child.status() == UnitStatus.ACTIVE)) {
				throw new IdentityConflictException("id", "the unit still has active sub-units: move, merge or close them first");
			}
			if (!this.staff.employedIn(id).isEmpty()) {
				throw new IdentityConflictException("id", "the unit still has staff: transfer them first, or merge the unit");
			}
			update(before, expectedVersion, "status = ?", UnitStatus.CLOSED.code());
			return recordChange("closed", "UnitClosed", actor, before, require(id));
		});
	}

	/**
	 * Refuses when {@code candidate} is {@code unit} or lies below it. The walk up from the
	 * candidate locks each ancestor, so that two concurrent moves cannot together make a cycle:
	 * the second waits for the first (or one of them fails on a deadlock and rolls back).
	 */
	private void requireNotWithin(String candidate, String unit, String field) {
		Set<String> seen = new HashSet<>();
		@Nullable String next = candidate;
		while (next != null) {
			if (next.equals(unit) || !seen.add(next)) {
				throw new IdentityValidationException(field, "is the unit itself or one of its sub-units");
			}
			next = this.jdbc.sql("select parent_id from agency_unit where id = ? for update").param(next)
				.query((rs, row) -> Optional.ofNullable(rs.getString("parent_id")))
				.single()
				.orElse(null);
		}
	}

	private void requireActiveParent(String realm, String parentId) {
		AgencyUnit parent = findById(parentId).orElseThrow(() -> new IdentityValidationException("parentId", "no such unit"));
		if (parent.status() != UnitStatus.ACTIVE) {
			throw new IdentityValidationException("parentId", "the unit is closed");
		}
		if (!parent.realm().equals(realm)) {
			throw new IdentityValidationException("parentId", "is in another realm");
		}
	}

	private void update(AgencyUnit unit, long expectedVersion, String assignment, @Nullable Object value) {
		int rows = this.jdbc.sql("update agency_unit set " + assignment
				+ ", version = version + 1, updated_at = ? where id = ? and version = ?")
			.params(value, now(), unit.id(), expectedVersion)
			.update();
		Versions.requireUpdated(rows, this.jdbc, "agency_unit", "unit", unit.id(), expectedVersion);
	}

	private AgencyUnit recordChange(String change, String action, String actor, @Nullable AgencyUnit before,
			AgencyUnit after) {
		String beforeState = (before != null) ? this.states.unit(before) : null;
		String afterState = this.states.unit(after);
		this.jdbc.sql("insert into unit_history (unit_id, occurred_at, change, actor, before_state, after_state) "
				+ "values (?, ?, ?, ?, ?, ?)")
			.params(after.id(), now(), change, actor, beforeState, afterState)
			.update();
		this.audit.record(new AuditEntry(after.realm(), actor, action, "unit", after.id(), beforeState, afterState));
		return after;
	}

	private AgencyUnit requireActive(String id, String field) {
		AgencyUnit unit = require(id);
		if (unit.status() != UnitStatus.ACTIVE) {
			throw new IdentityConflictException(field, "the unit is closed");
		}
		return unit;
	}

	private AgencyUnit require(String id) {
		return findById(id).orElseThrow(() -> new IdentityNotFoundException("unit", id));
	}

	private <T> T inTransaction(Supplier<T> work) {
		return Objects.requireNonNull(this.transactions.execute((status) -> work.get()), "transaction result");
	}

	private Timestamp now() {
		return Timestamp.from(this.clock.instant());
	}

	private static String name(String name) {
		String normalized = PersonNames.normalize(name);
		if (normalized.isEmpty() || normalized.length() > MAX_NAME) {
			throw new IdentityValidationException("name", "must be 1-" + MAX_NAME + " characters");
		}
		DisplayText.require("name", normalized);
		return normalized;
	}

	/** Shared with {@link JdbcUnitDirectory}. */
	static AgencyUnit map(ResultSet rs, int row) throws SQLException {
		return new AgencyUnit(rs.getString("id"), rs.getString("realm"), rs.getString("code"), rs.getString("name"),
				rs.getString("parent_id"), UnitStatus.fromCode(rs.getString("status")), rs.getString("merged_into"),
				rs.getLong("version"), rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant());
	}

}
