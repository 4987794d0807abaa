package vn.thanglong.id.identity;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** User accounts in the {@code user_account} table, the profile kept as a JSON document. */
final class JdbcUserAccounts implements UserAccounts {

	private static final TypeReference<LinkedHashMap<String, Object>> CLAIMS = new TypeReference<>() {
	};

	private final JdbcClient jdbc;

	private final JsonMapper json;

	private final PasswordEncoder passwords;

	private final Clock clock;

	JdbcUserAccounts(JdbcClient jdbc, JsonMapper json, PasswordEncoder passwords, Clock clock) {
		this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
		this.json = Objects.requireNonNull(json, "json");
		this.passwords = Objects.requireNonNull(passwords, "passwords");
		this.clock = Objects.requireNonNull(clock, "clock");
	}

	@Override
	public Optional<UserAccount> findById(String id) {
		return this.jdbc.sql("select * from user_account where id = ?").param(id).query(this::map).optional();
	}

	@Override
	public Optional<LoginRecord> findForLogin(String realm, String username) {
		return this.jdbc.sql("select * from user_account where realm = ? and username = ?")
			.params(realm, username)
			.query((rs, row) -> new LoginRecord(map(rs, row), rs.getString("password_hash")))
			.optional();
	}

	@Override
	public boolean upsert(String realm, String username, Map<String, Object> claims, @Nullable String password) {
		String profile = this.json.writeValueAsString(claims);
		Timestamp now = Timestamp.from(this.clock.instant());
		Optional<LoginRecord> existing = findForLogin(realm, username);
		if (existing.isEmpty()) {
			this.jdbc.sql("insert into user_account (id, realm, username, password_hash, enabled, profile, created_at, "
					+ "updated_at) values (?, ?, ?, ?, true, ?, ?, ?)")
				.params(UUID.randomUUID().toString(), realm, username,
						(password != null) ? this.passwords.encode(password) : null, profile, now, now)
				.update();
			return true;
		}
		LoginRecord stored = existing.get();
		boolean profileChanged = !stored.account().claims().equals(this.json.readValue(profile, CLAIMS));
		boolean passwordChanged = password != null
				&& (stored.passwordHash() == null || !this.passwords.matches(password, stored.passwordHash()));
		if (!profileChanged && !passwordChanged) {
			return false;
		}
		this.jdbc.sql("update user_account set profile = ?, password_hash = ?, updated_at = ? where id = ?")
			.params(profile, passwordChanged ? this.passwords.encode(password) : stored.passwordHash(), now,
					stored.account().id())
			.update();
		return true;
	}

	private UserAccount map(ResultSet rs, int row) throws SQLException {
		return new UserAccount(rs.getString("id"), rs.getString("realm"), rs.getString("username"),
				rs.getBoolean("enabled"), this.json.readValue(rs.getString("profile"), CLAIMS));
	}

}
