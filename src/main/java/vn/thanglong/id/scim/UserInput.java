package vn.thanglong.id.scim;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.jspecify.annotations.Nullable;

/**
 * The attributes of a SCIM User that this provider writes (RFC 7643 section 4.1), read from a
 * request body or a patched representation. Read-only attributes ({@code id}, {@code meta},
 * {@code employeeNumber}, {@code department}, {@code groups}) are ignored, as RFC 7643
 * section 2.2 asks. Attribute names are matched ignoring case (RFC 7643 section 2.1).
 *
 * @param fullName {@code name.formatted}, else {@code name.familyName middleName givenName} (the
 * Vietnamese order), else {@code displayName}
 * @param organization the agency code of the unit (enterprise extension)
 * @param personalIdNumber write-only (our person extension); never echoed in any error or log
 */
record UserInput(@Nullable String userName, @Nullable String externalId, @Nullable String fullName,
		@Nullable String title, @Nullable Boolean active, @Nullable String email, @Nullable String phone,
		@Nullable String organization, @Nullable String personalIdNumber) {

	@Override
	public String toString() {
		return "UserInput[userName=" + this.userName + ", personalIdNumber=" + ((this.personalIdNumber != null) ? "***" : null)
				+ "]";
	}

	static UserInput from(ObjectNode user) {
		JsonNode schemas = field(user, "schemas");
		if (schemas != null && !containsIgnoringCase(schemas, ScimJson.CORE_USER)) {
			throw ScimProblem.invalidValue("schemas must include " + ScimJson.CORE_USER);
		}
		ObjectNode enterprise = object(user, ScimJson.ENTERPRISE_USER);
		ObjectNode person = object(user, ScimJson.PERSON_EXTENSION);
		return new UserInput(text(user, "userName"), text(user, "externalId"), fullName(user), text(user, "title"),
				bool(user, "active"), primaryValue(user, "emails"), primaryValue(user, "phoneNumbers"),
				(enterprise != null) ? text(enterprise, "organization") : null,
				(person != null) ? writeOnlyText(person, "personalIdNumber") : null);
	}

	private static @Nullable String fullName(ObjectNode user) {
		ObjectNode name = object(user, "name");
		if (name != null) {
			String formatted = text(name, "formatted");
			if (formatted != null) {
				return formatted;
			}
			List<String> parts = new ArrayList<>();
			for (String part : List.of("familyName", "middleName", "givenName")) {
				String value = text(name, part);
				if (value != null) {
					parts.add(value);
				}
			}
			if (!parts.isEmpty()) {
				return String.join(" ", parts);
			}
		}
		return text(user, "displayName");
	}

	/** The {@code value} of the member marked primary, else of the first (RFC 7643 section 2.4). */
	private static @Nullable String primaryValue(ObjectNode user, String attribute) {
		JsonNode values = field(user, attribute);
		if (values == null) {
			return null;
		}
		if (!values.isArray()) {
			throw ScimProblem.invalidValue(attribute + " must be an array");
		}
		JsonNode chosen = null;
		for (JsonNode value : values) {
			if (!value.isObject()) {
				throw ScimProblem.invalidValue(attribute + " must hold objects");
			}
			JsonNode primary = field((ObjectNode) value, "primary");
			if (chosen == null || (primary != null && primary.asBoolean(false))) {
				chosen = value;
			}
		}
		return (chosen != null) ? text((ObjectNode) chosen, "value") : null;
	}

	private static @Nullable ObjectNode object(ObjectNode parent, String attribute) {
		JsonNode node = field(parent, attribute);
		if (node == null) {
			return null;
		}
		if (!node.isObject()) {
			throw ScimProblem.invalidValue(attribute + " must be an object");
		}
		return (ObjectNode) node;
	}

	private static @Nullable String text(ObjectNode parent, String attribute) {
		JsonNode node = field(parent, attribute);
		if (node == null) {
			return null;
		}
		if (!node.isTextual()) {
			throw ScimProblem.invalidValue(attribute + " must be a string");
		}
		String value = node.textValue().strip();
		return value.isEmpty() ? null : value;
	}

	/** As {@link #text}, with a detail that cannot leak the value. */
	private static @Nullable String writeOnlyText(ObjectNode parent, String attribute) {
		JsonNode node = field(parent, attribute);
		if (node == null) {
			return null;
		}
		if (!node.isTextual()) {
			throw ScimProblem.invalidValue(attribute + " must be a string");
		}
		return node.textValue();
	}

	/** Booleans, and the strings "true" / "false" that some HR connectors send in PATCH. */
	private static @Nullable Boolean bool(ObjectNode parent, String attribute) {
		JsonNode node = field(parent, attribute);
		if (node == null) {
			return null;
		}
		if (node.isBoolean()) {
			return node.booleanValue();
		}
		if (node.isTextual()) {
			String text = node.textValue().strip().toLowerCase(Locale.ROOT);
			if (text.equals("true") || text.equals("false")) {
				return Boolean.valueOf(text);
			}
		}
		throw ScimProblem.invalidValue(attribute + " must be a boolean");
	}

	/** A member by name ignoring case; JSON null counts as absent (RFC 7643 section 2.5). */
	private static @Nullable JsonNode field(ObjectNode parent, String attribute) {
		JsonNode exact = parent.get(attribute);
		JsonNode found = exact;
		if (found == null) {
			for (var entry : parent.properties()) {
				if (entry.getKey().equalsIgnoreCase(attribute)) {
					found = entry.getValue();
					break;
				}
			}
		}
		return (found == null || found.isNull()) ? null : found;
	}

	private static boolean containsIgnoringCase(JsonNode array, String value) {
		if (!array.isArray()) {
			throw ScimProblem.invalidValue("schemas must be an array");
		}
		for (JsonNode item : array) {
			if (item.isTextual() && item.textValue().equalsIgnoreCase(value)) {
				return true;
			}
		}
		return false;
	}

}
