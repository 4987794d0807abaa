package vn.thanglong.id.identity;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionOperations;

import vn.thanglong.id.audit.AuditEntry;
import vn.thanglong.id.audit.AuditLog;

/** {@link ProvisioningNames} over {@code staff_provisioning_name} (V11), which the staff listing joins. */
final class JdbcProvisioningNames implements ProvisioningNames {

	private static final String COLUMNS = "select staff_record_id, realm, user_name, external_id, version "
			+ "from staff_provisioning_name ";

	private static final RowMapper<ProvisioningName> ROW = (rs, n) -> new ProvisioningName(rs.getString(1),
			rs.getString(2), rs.getString(3), rs.getString(4), rs.getLong(5));

	private final JdbcClient jdbc;

	private final TransactionOperations transactions;

	private final AuditStates states;

	private final AuditLog audit;

	private final Clock clock;

	JdbcProvisioningNames(JdbcClient jdbc, TransactionOperations transactions, AuditStates states, AuditLog audit,
			Clock clock) {
		this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
		this.transactions = Objects.requireNonNull(transactions, "transactions");
		this.states = Objects.requireNonNull(states, "states");
		this.audit = Objects.requireNonNull(audit, "audit");
		this.clock = Objects.requireNonNull(clock, "clock");
	}

	@Override
	public Optional<ProvisioningName> find(String staffRecordId) {
		return this.jdbc.sql(COLUMNS + "where staff_record_id = ?").param(staffRecordId).query(ROW).optional();
	}

	@Override
	public Optional<ProvisioningName> findByUserName(String realm, String userName) {
		return this.jdbc.sql(COLUMNS + "where realm = ? and user_name_key = ?")
			.params(realm, key(userName))
			.query(ROW)
			.optional();
	}

	@Override
	public Map<String, ProvisioningName> findAll(Collection<String> staffRecordIds) {
		Map<String, ProvisioningName> names = new LinkedHashMap<>();
		if (staffRecordIds.isEmpty()) {
			return names;
		}
		this.jdbc.sql(COLUMNS + "where staff_record_id in (" + JdbcStaffDirectory.placeholders(staffRecordIds.size()) + ")")
			.params(List.copyOf(staffRecordIds))
			.query(ROW)
			.list()
			.forEach((name) -> names.put(name.staffRecordId(), name));
		return names;
	}

	@Override
	public ProvisioningName save(String realm, String staffRecordId, String userName, @Nullable String externalId,
			@Nullable Long expectedVersion, String actor) {
		// joins the caller's transaction (a SCIM write's), so the name, the staff change and the audit commit together
		return Objects.requireNonNull(this.transactions.execute(
				(status) -> write(realm, staffRecordId, userName, externalId, expectedVersion, actor)), "transaction result");
	}

	private ProvisioningName write(String realm, String staffRecordId, String userName, @Nullable String externalId,
			@Nullable Long expectedVersion, String actor) {
		Optional<ProvisioningName> before = find(staffRecordId);
		Timestamp now = Timestamp.from(this.clock.instant());
		try {
			if (expectedVersion == null) {
				if (before.isPresent()) {
					throw new StaleVersionException("provisioning name", staffRecordId, -1);
				}
				this.jdbc.sql("insert into staff_provisioning_name (staff_record_id, realm, user_name, user_name_key, "
						+ "external_id, version, created_at, updated_at) values (?, ?, ?, ?, ?, 0, ?, ?)")
					.params(staffRecordId, realm, userName, key(userName), externalId, now, now)
					.update();
			}
			else {
				int updated = this.jdbc.sql("update staff_provisioning_name set user_name = ?, user_name_key = ?, "
						+ "external_id = ?, version = version + 1, updated_at = ? where staff_record_id = ? and version = ?")
					.params(userName, key(userName), externalId, now, staffRecordId, expectedVersion)
					.update();
				if (updated != 1) {
					throw new StaleVersionException("provisioning name", staffRecordId, expectedVersion);
				}
			}
		}
		catch (DuplicateKeyException ex) {
			throw new IdentityConflictException("userName", "is already taken in this realm");
		}
		ProvisioningName after = find(staffRecordId).orElseThrow();
		this.audit.record(new AuditEntry(realm, actor,
				before.isPresent() ? "ProvisioningNameChanged" : "ProvisioningNameGiven", "staff_provisioning_name",
				staffRecordId, before.map(this.states::provisioningName).orElse(null), this.states.provisioningName(after)));
		return after;
	}

	private static String key(String userName) {
		return userName.toLowerCase(Locale.ROOT);
	}

}
