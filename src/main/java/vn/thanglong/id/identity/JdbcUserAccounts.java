package vn.thanglong.id.identity;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
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

/**
 * User accounts in the {@code user_account} table: the password credential of a person. The
 * claims are the account's JSON profile with the person's own data laid over it (name, birth
 * date, sex, email, phone, address: OIDC Core 5.1), so that an administrator's change to the
 * person is what relying parties see. A locked person's account is disabled.
 */
final class JdbcUserAccounts implements UserAccounts {

	static final String SOURCE = "realm-config";

	private static final TypeReference<LinkedHashMap<String, Object>> CLAIMS = new TypeReference<>() {
	};

	private static final String SELECT = "select ua.id as account_id, ua.realm as account_realm, ua.username, "
			+ "ua.password_hash, ua.enabled as account_enabled, ua.profile, p.*, s.staff_id from user_account ua "
			+ "join person p on p.id = ua.person_id left join person_staff_id s on s.person_id = p.id";

	private final JdbcClient jdbc;

	private final JsonMapper json;

	private final PasswordEncoder passwords;

	private final Clock clock;

	private final JdbcPersons persons;

	JdbcUserAccounts(JdbcClient jdbc, JsonMapper json, PasswordEncoder passwords, Clock clock, JdbcPersons persons) {
		this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
		this.json = Objects.requireNonNull(json, "json");
		this.passwords = Objects.requireNonNull(passwords, "passwords");
		this.clock = Objects.requireNonNull(clock, "clock");
		this.persons = Objects.requireNonNull(persons, "persons");
	}

	@Override
	public Optional<UserAccount> findByPersonId(String personId) {
		return this.jdbc.sql(SELECT + " where ua.person_id = ? order by ua.created_at, ua.id limit 1")
			.param(personId)
			.query(this::map)
			.optional();
	}

	@Override
	public boolean isActive(String personId) {
		return this.jdbc.sql("select ua.enabled and not p.locked from user_account ua join person p on p.id = ua.person_id "
				+ "where ua.person_id = ? order by ua.created_at, ua.id limit 1")
			.param(personId)
			.query(Boolean.class)
			.optional()
			.orElse(false);
	}

	@Override
	public Optional<LoginRecord> findForLogin(String realm, String username) {
		return this.jdbc.sql(SELECT + " where ua.realm = ? and ua.username = ?")
			.params(realm, username)
			.query((rs, row) -> new LoginRecord(map(rs, row), rs.getString("password_hash")))
			.optional();
	}

	@Override
	public boolean upsert(String realm, String username, Map<String, Object> claims, @Nullable String password) {
		String profile = this.json.writeValueAsString(claims);
		Timestamp now = Timestamp.from(this.clock.instant());
		Optional<Stored> existing = this.jdbc
			.sql("select id, person_id, profile, password_hash from user_account where realm = ? and username = ?")
			.params(realm, username)
			.query((rs, row) -> new Stored(rs.getString("id"), rs.getString("person_id"), rs.getString("profile"),
					rs.getString("password_hash")))
			.optional();
		if (existing.isEmpty()) {
			// the account gets its person's id too, as every account made before V5 has; the login's
			// principal and the sub come from the person id, so nothing relies on the two being equal
			String id = UUID.randomUUID().toString();
			this.persons.create(id, new NewPerson(realm, profileOf(claims, username), null), SOURCE);
			this.jdbc.sql("insert into user_account (id, realm, username, password_hash, enabled, profile, person_id, "
					+ "created_at, updated_at) values (?, ?, ?, ?, true, ?, ?, ?, ?)")
				.params(id, realm, username, (password != null) ? this.passwords.encode(password) : null, profile, id, now,
						now)
				.update();
			return true;
		}
		Stored stored = existing.get();
		boolean profileChanged = !this.json.readValue(stored.profile(), CLAIMS).equals(this.json.readValue(profile, CLAIMS));
		boolean passwordChanged = password != null
				&& (stored.passwordHash() == null || !this.passwords.matches(password, stored.passwordHash()));
		if (!profileChanged && !passwordChanged) {
			return false;
		}
		this.jdbc.sql("update user_account set profile = ?, password_hash = ?, updated_at = ? where id = ?")
			.params(profile, passwordChanged ? this.passwords.encode(password) : stored.passwordHash(), now, stored.id())
			.update();
		if (profileChanged) {
			Person person = this.persons.findById(stored.personId()).orElseThrow();
			this.persons.updateProfile(person.id(), person.version(), profileOf(claims, username), SOURCE);
		}
		return true;
	}

	/**
	 * The person profile a realm-config user declares. Claims the person record cannot hold (an
	 * email that is not one, a gender other than male or female, a partial birth date) stay in the
	 * account's profile only, and are released from there as before.
	 */
	private PersonProfile profileOf(Map<String, Object> claims, String username) {
		String name = (claims.get("name") instanceof String s && !PersonNames.normalize(s).isEmpty()
				&& PersonNames.normalize(s).length() <= ProfileRules.MAX_NAME) ? s : username;
		LocalDate birthDate = null;
		if (claims.get("birthdate") instanceof String text) {
			try {
				LocalDate parsed = LocalDate.parse(text);
				birthDate = ProfileRules.isPlausibleBirthDate(parsed, LocalDate.now(this.clock)) ? parsed : null;
			}
			catch (DateTimeParseException ex) {
				// OIDC allows 0000-MM-DD and YYYY alone: no date for the person record
			}
		}
		Sex sex = (claims.get("gender") instanceof String gender) ? Sex.fromCode(gender).orElse(null) : null;
		ContactPoint email = (claims.get("email") instanceof String address && ProfileRules.isEmail(address))
				? new ContactPoint(address, Boolean.TRUE.equals(claims.get("email_verified")), SOURCE) : null;
		ContactPoint phone = (claims.get("phone_number") instanceof String number && ProfileRules.isPhone(number))
				? new ContactPoint(number, Boolean.TRUE.equals(claims.get("phone_number_verified")), SOURCE) : null;
		return new PersonProfile(name, birthDate, sex, email, phone, PersonRows.addressOf(claims.get("address")));
	}

	private UserAccount map(ResultSet rs, int row) throws SQLException {
		Person person = this.persons.rows().map(rs, row);
		Map<String, Object> claims = this.json.readValue(rs.getString("profile"), CLAIMS);
		overlay(claims, person.profile());
		return new UserAccount(rs.getString("account_id"), person.id(), rs.getString("account_realm"),
				rs.getString("username"), rs.getBoolean("account_enabled") && !person.locked(), claims);
	}

	private static void overlay(Map<String, Object> claims, PersonProfile profile) {
		claims.put("name", profile.fullName());
		if (profile.birthDate() != null) {
			claims.put("birthdate", profile.birthDate().toString());
		}
		if (profile.sex() != null) {
			claims.put("gender", profile.sex().code());
		}
		if (profile.email() != null) {
			claims.put("email", profile.email().value());
			claims.put("email_verified", profile.email().verified());
		}
		if (profile.phone() != null) {
			claims.put("phone_number", profile.phone().value());
			claims.put("phone_number_verified", profile.phone().verified());
		}
		if (profile.address() != null) {
			claims.put("address", PersonRows.addressClaim(profile.address()));
		}
	}

	private record Stored(String id, String personId, String profile, @Nullable String passwordHash) {
	}

}
