package vn.thanglong.id.identity;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Reads and writes the columns of {@code person}: the address as JSON, the ID number decrypted. */
final class PersonRows {

	/** A person with its staff ID number, if it has one. */
	static final String SELECT = "select p.*, s.staff_id from person p left join person_staff_id s on s.person_id = p.id";

	private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {
	};

	private final JsonMapper json;

	private final PersonalIdProtector protector;

	PersonRows(JsonMapper json, PersonalIdProtector protector) {
		this.json = Objects.requireNonNull(json, "json");
		this.protector = Objects.requireNonNull(protector, "protector");
	}

	PersonalIdProtector protector() {
		return this.protector;
	}

	Person map(ResultSet rs, int row) throws SQLException {
		String id = rs.getString("id");
		String encrypted = rs.getString("pid_encrypted");
		PersonProfile profile = new PersonProfile(rs.getString("full_name"), rs.getObject("birth_date", LocalDate.class),
				(rs.getString("sex") != null) ? Sex.fromCode(rs.getString("sex")).orElse(null) : null,
				contact(rs.getString("email"), rs.getBoolean("email_verified"), rs.getString("email_source")),
				contact(rs.getString("phone"), rs.getBoolean("phone_verified"), rs.getString("phone_source")),
				address(rs.getString("address")));
		return new Person(id, rs.getString("realm"), profile,
				(encrypted != null) ? this.protector.decrypt(encrypted, id) : null, rs.getString("staff_id"),
				rs.getBoolean("locked"), rs.getLong("version"), rs.getTimestamp("created_at").toInstant(),
				rs.getTimestamp("updated_at").toInstant());
	}

	@Nullable String addressJson(@Nullable Address address) {
		if (address == null) {
			return null;
		}
		return this.json.writeValueAsString(addressClaim(address));
	}

	/** The OIDC {@code address} claim (OIDC Core 5.1.1): only the members that have a value. */
	static Map<String, Object> addressClaim(Address address) {
		Map<String, Object> claim = new LinkedHashMap<>();
		putIfPresent(claim, "formatted", address.formatted());
		putIfPresent(claim, "street_address", address.streetAddress());
		putIfPresent(claim, "locality", address.locality());
		putIfPresent(claim, "region", address.region());
		putIfPresent(claim, "postal_code", address.postalCode());
		putIfPresent(claim, "country", address.country());
		return claim;
	}

	static @Nullable Address addressOf(@Nullable Object claim) {
		if (!(claim instanceof Map<?, ?> map)) {
			return null;
		}
		return new Address(text(map.get("formatted")), text(map.get("street_address")), text(map.get("locality")),
				text(map.get("region")), text(map.get("postal_code")), text(map.get("country")));
	}

	private @Nullable Address address(@Nullable String text) {
		return (text != null) ? addressOf(this.json.readValue(text, MAP)) : null;
	}

	private static @Nullable ContactPoint contact(@Nullable String value, boolean verified, @Nullable String source) {
		return (value != null) ? new ContactPoint(value, verified, (source != null) ? source : "unknown") : null;
	}

	private static @Nullable String text(@Nullable Object value) {
		return (value instanceof String s) ? s : null;
	}

	private static void putIfPresent(Map<String, Object> claim, String name, @Nullable String value) {
		if (value != null) {
			claim.put(name, value);
		}
	}

}
