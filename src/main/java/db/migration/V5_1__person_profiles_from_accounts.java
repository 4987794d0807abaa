package db.migration;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import vn.thanglong.id.identity.PersonNames;
import vn.thanglong.id.identity.Sex;

/**
 * Completes V5: each person made from an existing user account gets the name, birth date, sex,
 * email, phone and address that the account's JSON profile holds (OIDC Core 5.1 claims), so that
 * the claims the account released before still come out the same. Written in Java because
 * reading JSON in SQL differs between H2 and PostgreSQL; it runs once, like any migration.
 */
public class V5_1__person_profiles_from_accounts extends BaseJavaMigration {

	private static final String SOURCE = "profile";

	private final JsonMapper json = JsonMapper.builder().build();

	@Override
	public void migrate(Context context) throws Exception {
		Connection connection = context.getConnection();
		try (PreparedStatement select = connection.prepareStatement("select person_id, username, profile from user_account");
				PreparedStatement update = connection.prepareStatement("update person set full_name = ?, "
						+ "name_search = ?, birth_date = ?, sex = ?, email = ?, email_verified = ?, "
						+ "email_source = ?, phone = ?, phone_verified = ?, phone_source = ?, address = ? where id = ?");
				ResultSet rows = select.executeQuery()) {
			while (rows.next()) {
				copy(this.json.readTree(rows.getString("profile")), rows.getString("person_id"), rows.getString("username"),
						update);
			}
			update.executeBatch();
		}
	}

	private void copy(JsonNode profile, String personId, String username, PreparedStatement update) throws SQLException {
		String name = text(profile, "name");
		String normalized = (name != null) ? PersonNames.normalize(name) : "";
		// no name, or one the column cannot hold: the username stands in, as V5 set it
		String fullName = (!normalized.isEmpty() && normalized.length() <= 300) ? normalized : username;
		update.setString(1, fullName);
		update.setString(2, PersonNames.searchKey(fullName));
		update.setObject(3, birthDate(text(profile, "birthdate")), Types.DATE);
		update.setString(4, Sex.fromCode(String.valueOf(text(profile, "gender"))).map(Sex::code).orElse(null));
		String email = text(profile, "email");
		update.setString(5, email);
		update.setBoolean(6, email != null && profile.path("email_verified").asBoolean(false));
		update.setString(7, (email != null) ? SOURCE : null);
		String phone = text(profile, "phone_number");
		update.setString(8, phone);
		update.setBoolean(9, phone != null && profile.path("phone_number_verified").asBoolean(false));
		update.setString(10, (phone != null) ? SOURCE : null);
		JsonNode address = profile.get("address");
		update.setString(11, (address != null && address.isObject()) ? this.json.writeValueAsString(address) : null);
		update.setString(12, personId);
		update.addBatch();
	}

	private static String text(JsonNode profile, String field) {
		JsonNode node = profile.get(field);
		return (node != null && node.isString()) ? node.asString() : null;
	}

	private static LocalDate birthDate(String text) {
		try {
			return (text != null) ? LocalDate.parse(text) : null;
		}
		catch (DateTimeParseException ex) {
			// OIDC allows "0000-MM-DD" and "YYYY" alone: not a date the person record can hold
			return null;
		}
	}

}
