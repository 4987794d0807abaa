package vn.thanglong.id.scim;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;

import vn.thanglong.id.audit.AuditEntry;
import vn.thanglong.id.audit.AuditLog;

/** {@link ScimUserLinks} over {@code scim_user} (V7); each change is audited in the caller's transaction. */
final class JdbcScimUserLinks implements ScimUserLinks {

	private static final String COLUMNS = "select staff_record_id, realm, user_name, external_id, version from scim_user ";

	private static final RowMapper<ScimUserLink> ROW = (rs, n) -> new ScimUserLink(rs.getString(1), rs.getString(2),
			rs.getString(3), rs.getString(4), rs.getLong(5));

	private final JdbcClient jdbc;

	private final AuditLog audit;

	private final Clock clock;

	JdbcScimUserLinks(JdbcClient jdbc, AuditLog audit, Clock clock) {
		this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
		this.audit = Objects.requireNonNull(audit, "audit");
		this.clock = Objects.requireNonNull(clock, "clock");
	}

	@Override
	public Optional<ScimUserLink> find(String staffRecordId) {
		return this.jdbc.sql(COLUMNS + "where staff_record_id = ?").param(staffRecordId).query(ROW).optional();
	}

	@Override
	public Optional<ScimUserLink> findByUserName(String realm, String userName) {
		return this.jdbc.sql(COLUMNS + "where realm = ? and user_name_key = ?")
			.params(realm, key(userName))
			.query(ROW)
			.optional();
	}

	@Override
	public Map<String, ScimUserLink> findAll(Collection<String> staffRecordIds) {
		Map<String, ScimUserLink> links = new LinkedHashMap<>();
		if (staffRecordIds.isEmpty()) {
			return links;
		}
		// only the number of placeholders is written into the statement; the ids are bound
		String placeholders = String.join(", ", Collections.nCopies(staffRecordIds.size(), "?"));
		this.jdbc.sql(COLUMNS + "where staff_record_id in (" + placeholders + ")")
			.params(List.copyOf(staffRecordIds))
			.query(ROW)
			.list()
			.forEach((link) -> links.put(link.staffRecordId(), link));
		return links;
	}

	@Override
	public ScimUserLink save(String realm, String staffRecordId, String userName, @Nullable String externalId,
			@Nullable Long expectedVersion, String actor) {
		Optional<ScimUserLink> before = find(staffRecordId);
		Timestamp now = Timestamp.from(this.clock.instant());
		try {
			if (expectedVersion == null) {
				if (before.isPresent()) {
					throw ScimProblem.preconditionFailed();
				}
				this.jdbc.sql("insert into scim_user (staff_record_id, realm, user_name, user_name_key, external_id, "
						+ "version, created_at, updated_at) values (?, ?, ?, ?, ?, 0, ?, ?)")
					.params(staffRecordId, realm, userName, key(userName), externalId, now, now)
					.update();
			}
			else {
				int updated = this.jdbc.sql("update scim_user set user_name = ?, user_name_key = ?, external_id = ?, "
						+ "version = version + 1, updated_at = ? where staff_record_id = ? and version = ?")
					.params(userName, key(userName), externalId, now, staffRecordId, expectedVersion)
					.update();
				if (updated != 1) {
					throw ScimProblem.preconditionFailed();
				}
			}
		}
		catch (DuplicateKeyException ex) {
			throw ScimProblem.uniqueness("userName is already taken in this realm");
		}
		ScimUserLink after = find(staffRecordId).orElseThrow();
		this.audit.record(new AuditEntry(realm, actor, before.isPresent() ? "ScimUserLinkChanged" : "ScimUserLinked",
				"scim_user", staffRecordId, before.map(JdbcScimUserLinks::state).orElse(null), state(after)));
		return after;
	}

	private static String state(ScimUserLink link) {
		ObjectNode state = ScimJson.object();
		state.put("userName", link.userName());
		state.put("externalId", link.externalId());
		state.put("version", link.version());
		return new String(ScimJson.write(state), java.nio.charset.StandardCharsets.UTF_8);
	}

	private static String key(String userName) {
		return userName.toLowerCase(Locale.ROOT);
	}

}
