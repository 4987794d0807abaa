package vn.thanglong.id.identity;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionOperations;

import vn.thanglong.id.audit.AuditEntry;
import vn.thanglong.id.audit.AuditLog;

/** Organizations in {@code organization}, memberships in {@code membership}. */
final class JdbcOrganizations implements Organizations {

	private static final int MAX_NAME = 500;

	private final JdbcClient jdbc;

	private final TransactionOperations transactions;

	private final AuditLog audit;

	private final AuditStates states;

	private final Clock clock;

	JdbcOrganizations(JdbcClient jdbc, TransactionOperations transactions, AuditLog audit, AuditStates states, Clock clock) {
		this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
		this.transactions = Objects.requireNonNull(transactions, "transactions");
		this.audit = Objects.requireNonNull(audit, "audit");
		this.states = Objects.requireNonNull(states, "states");
		this.clock = Objects.requireNonNull(clock, "clock");
	}

	@Override
	public Organization register(TaxCode taxCode, String name, String actor) {
		String checkedName = name(name);
		String id = UUID.randomUUID().toString();
		Timestamp now = now();
		return inTransaction(() -> {
			try {
				this.jdbc.sql("insert into organization (id, tax_code, name, status, version, created_at, updated_at) "
						+ "values (?, ?, ?, ?, 0, ?, ?)")
					.params(id, taxCode.toString(), checkedName, OrganizationStatus.ACTIVE.code(), now, now)
					.update();
			}
			catch (DuplicateKeyException ex) {
				throw new IdentityConflictException("taxCode", "is already registered");
			}
			Organization created = findById(id).orElseThrow();
			record(actor, "OrganizationRegistered", null, created);
			return created;
		});
	}

	@Override
	public Optional<Organization> findById(String id) {
		return this.jdbc.sql("select * from organization where id = ?").param(id).query(JdbcOrganizations::organization)
			.optional();
	}

	@Override
	public Optional<Organization> findByTaxCode(TaxCode taxCode) {
		return this.jdbc.sql("select * from organization where tax_code = ?").param(taxCode.toString())
			.query(JdbcOrganizations::organization)
			.optional();
	}

	@Override
	public Organization rename(String id, long expectedVersion, String name, String actor) {
		String checkedName = name(name);
		return update(id, expectedVersion, "OrganizationRenamed", actor, "name = ?", checkedName, (before) -> {
		});
	}

	@Override
	public Organization changeStatus(String id, long expectedVersion, OrganizationStatus status, String actor) {
		return update(id, expectedVersion, "OrganizationStatusChanged", actor, "status = ?", status.code(),
				(before) -> before.status().requireCanChangeTo(status));
	}

	@Override
	public Membership grantMembership(String organizationId, String personId, MembershipRole role, LocalDate validFrom,
			@Nullable LocalDate validTo, String actor) {
		if (validTo != null && validTo.isBefore(validFrom)) {
			throw new IdentityValidationException("validTo", "is before validFrom");
		}
		String id = UUID.randomUUID().toString();
		return inTransaction(() -> {
			Organization organization = lock(organizationId);
			if (organization.status() != OrganizationStatus.ACTIVE) {
				throw new IdentityConflictException("organizationId", "the organization is " + organization.status().code());
			}
			if (this.jdbc.sql("select count(*) from person where id = ?").param(personId).query(Integer.class).single() == 0) {
				throw new IdentityNotFoundException("person", personId);
			}
			Optional<Membership> overlapping = overlapping(personId, organizationId, validFrom, validTo, null);
			if (overlapping.isPresent()) {
				throw new OverlappingMembershipException("personId",
						"already has a membership of this organization in that period", overlapping.get().id());
			}
			this.jdbc.sql("insert into membership (id, person_id, organization_id, role, valid_from, valid_to, created_at) "
					+ "values (?, ?, ?, ?, ?, ?, ?)")
				.params(id, personId, organizationId, role.code(), validFrom, validTo, now())
				.update();
			Membership granted = membership(id);
			this.audit.record(new AuditEntry(null, actor, "MembershipGranted", "membership", id, null,
					this.states.membership(granted)));
			return granted;
		});
	}

	@Override
	public Membership endMembership(String membershipId, LocalDate validTo, String actor) {
		return inTransaction(() -> {
			lock(membership(membershipId).organizationId());
			Membership before = membership(membershipId);
			if (validTo.isBefore(before.validFrom())) {
				throw new IdentityValidationException("validTo", "is before the membership began");
			}
			LocalDate endedOn = before.validTo();
			if (endedOn != null && validTo.isAfter(endedOn)) {
				// only the days added may clash: a shortening stays possible even where memberships
				// overlap from before grants were checked, so that such duplicates can be ended
				Optional<Membership> overlapping = overlapping(before.personId(), before.organizationId(),
						endedOn.plusDays(1), validTo, membershipId);
				if (overlapping.isPresent()) {
					throw new OverlappingMembershipException("validTo",
							"would overlap another membership of the person in this organization", overlapping.get().id());
				}
			}
			this.jdbc.sql("update membership set valid_to = ? where id = ?").params(validTo, membershipId).update();
			Membership after = membership(membershipId);
			this.audit.record(new AuditEntry(null, actor, "MembershipEnded", "membership", membershipId,
					this.states.membership(before), this.states.membership(after)));
			return after;
		});
	}

	@Override
	public List<Membership> membershipsOf(String personId, LocalDate day) {
		return this.jdbc.sql("select * from membership where person_id = ? and valid_from <= ? "
				+ "and (valid_to is null or valid_to >= ?) order by valid_from, id")
			.params(personId, day, day)
			.query(JdbcOrganizations::membership)
			.list();
	}

	@Override
	public List<Membership> membersOf(String organizationId, LocalDate day) {
		return this.jdbc.sql("select * from membership where organization_id = ? and valid_from <= ? "
				+ "and (valid_to is null or valid_to >= ?) order by valid_from, id")
			.params(organizationId, day, day)
			.query(JdbcOrganizations::membership)
			.list();
	}

	private Organization update(String id, long expectedVersion, String action, String actor, String assignment,
			Object value, java.util.function.Consumer<Organization> precondition) {
		return inTransaction(() -> {
			Organization before = findById(id).orElseThrow(() -> new IdentityNotFoundException("organization", id));
			if (before.version() == expectedVersion) {
				// on a stale version the guarded update below answers 412, whatever the state was
				precondition.accept(before);
			}
			int rows = this.jdbc.sql("update organization set " + assignment
					+ ", version = version + 1, updated_at = ? where id = ? and version = ?")
				.params(value, now(), id, expectedVersion)
				.update();
			Versions.requireUpdated(rows, this.jdbc, "organization", "organization", id, expectedVersion);
			Organization after = findById(id).orElseThrow();
			record(actor, action, before, after);
			return after;
		});
	}

	private void record(String actor, String action, @Nullable Organization before, Organization after) {
		this.audit.record(new AuditEntry(null, actor, action, "organization", after.id(),
				(before != null) ? this.states.organization(before) : null, this.states.organization(after)));
	}

	/**
	 * Reads the organization and locks its row until the transaction ends, so that writes of its
	 * memberships take turns: each then checks for overlaps against every membership committed
	 * before it, which no unique constraint can express for date ranges on both databases. The
	 * status read stays true until the write commits, too.
	 */
	private Organization lock(String organizationId) {
		return this.jdbc.sql("select * from organization where id = ? for update").param(organizationId)
			.query(JdbcOrganizations::organization)
			.optional()
			.orElseThrow(() -> new IdentityNotFoundException("organization", organizationId));
	}

	/**
	 * The first stored membership of the person in the organization, other than {@code except},
	 * that holds on some day of {@code from} to {@code to}; ended ones count for the days they held.
	 */
	private Optional<Membership> overlapping(String personId, String organizationId, LocalDate from,
			@Nullable LocalDate to, @Nullable String except) {
		return this.jdbc.sql("select * from membership where person_id = ? and organization_id = ? order by valid_from, id")
			.params(personId, organizationId)
			.query(JdbcOrganizations::membership)
			.list()
			.stream()
			.filter((membership) -> !membership.id().equals(except) && membership.overlaps(from, to))
			.findFirst();
	}

	@Override
	public Optional<Membership> findMembership(String membershipId) {
		return this.jdbc.sql("select * from membership where id = ?").param(membershipId)
			.query(JdbcOrganizations::membership)
			.optional();
	}

	private Membership membership(String id) {
		return findMembership(id).orElseThrow(() -> new IdentityNotFoundException("membership", id));
	}

	private <T> T inTransaction(java.util.function.Supplier<T> work) {
		return Objects.requireNonNull(this.transactions.execute((status) -> work.get()), "transaction result");
	}

	private Timestamp now() {
		return Timestamp.from(this.clock.instant());
	}

	private static String name(String name) {
		String stripped = PersonNames.normalize(name);
		if (stripped.isEmpty() || stripped.length() > MAX_NAME) {
			throw new IdentityValidationException("name", "must be 1-" + MAX_NAME + " characters");
		}
		DisplayText.require("name", stripped);
		return stripped;
	}

	private static Organization organization(ResultSet rs, int row) throws SQLException {
		TaxCode taxCode = TaxCode.parse(rs.getString("tax_code"))
			.orElseThrow(() -> new IllegalStateException("stored tax code does not check"));
		return new Organization(rs.getString("id"), taxCode, rs.getString("name"),
				OrganizationStatus.fromCode(rs.getString("status")), rs.getLong("version"),
				rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant());
	}

	private static Membership membership(ResultSet rs, int row) throws SQLException {
		return new Membership(rs.getString("id"), rs.getString("person_id"), rs.getString("organization_id"),
				MembershipRole.fromCode(rs.getString("role")), rs.getObject("valid_from", LocalDate.class),
				rs.getObject("valid_to", LocalDate.class), rs.getTimestamp("created_at").toInstant());
	}

}
