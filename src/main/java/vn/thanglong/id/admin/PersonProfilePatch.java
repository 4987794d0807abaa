package vn.thanglong.id.admin;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import vn.thanglong.id.identity.Address;
import vn.thanglong.id.identity.ContactPoint;
import vn.thanglong.id.identity.PersonProfile;
import vn.thanglong.id.identity.Sex;

/**
 * A JSON Merge Patch (RFC 7396) of a person's profile: a member left out stays as it is, one
 * set to {@code null} is removed ({@code fullName} cannot be), one with a value replaces it.
 * {@code email}, {@code phone} ({@code value}, {@code verified}, {@code source}) and
 * {@code address} are replaced whole, so that a verified flag never outlives the value it was
 * for. The number is not a profile member: it is recorded and corrected on its own route,
 * under its own scope. Shape errors name the field; the identity model's rules (NFC name,
 * e-mail and phone syntax, agreement with the ID number) follow in {@code Persons.updateProfile}.
 */
final class PersonProfilePatch {

	static final String MEDIA_TYPE = "application/merge-patch+json";

	private static final Set<String> MEMBERS = Set.of("fullName", "birthDate", "sex", "email", "phone", "address");

	private static final Set<String> CONTACT = Set.of("value", "verified", "source");

	private static final List<String> ADDRESS = List.of("formatted", "streetAddress", "locality", "region",
			"postalCode", "country");

	private PersonProfilePatch() {
	}

	/** The profile after the patch; 400 naming every bad field. */
	static PersonProfile apply(PersonProfile current, JsonNode patch) {
		if (!patch.isObject()) {
			throw new AdminProblemException(ProblemType.MALFORMED_REQUEST,
					"The body must be a JSON object (a JSON Merge Patch, RFC 7396).");
		}
		if (patch.propertyNames().isEmpty()) {
			throw new AdminProblemException(ProblemType.INVALID_REQUEST, "The patch names no member to change.");
		}
		RequestFields fields = new RequestFields();
		for (String name : patch.propertyNames()) {
			if (name.equals("personalIdNumber")) {
				fields.problem(name, "is recorded or corrected at /persons/{id}/personal-id-number");
			}
			else if (!MEMBERS.contains(name)) {
				fields.problem(name, "is not a member of a person's profile");
			}
		}
		String fullName = current.fullName();
		if (patch.has("fullName")) {
			JsonNode name = patch.get("fullName");
			if (name.isString()) {
				fullName = fields.required("fullName", name.stringValue());
			}
			else {
				fields.problem("fullName", name.isNull() ? "cannot be removed" : "must be a string");
			}
		}
		LocalDate birthDate = current.birthDate();
		if (patch.has("birthDate")) {
			birthDate = date(fields, patch.get("birthDate"));
		}
		Sex sex = current.sex();
		if (patch.has("sex")) {
			sex = sex(fields, patch.get("sex"));
		}
		ContactPoint email = patch.has("email") ? contact(fields, "email", patch.get("email")) : current.email();
		ContactPoint phone = patch.has("phone") ? contact(fields, "phone", patch.get("phone")) : current.phone();
		Address address = patch.has("address") ? address(fields, patch.get("address")) : current.address();
		fields.check();
		return new PersonProfile(fullName, birthDate, sex, email, phone, address);
	}

	private static @Nullable LocalDate date(RequestFields fields, JsonNode node) {
		if (node.isNull()) {
			return null;
		}
		if (!node.isString()) {
			fields.problem("birthDate", "must be a date such as 2026-01-31");
			return null;
		}
		return fields.date("birthDate", node.stringValue(), true);
	}

	private static @Nullable Sex sex(RequestFields fields, JsonNode node) {
		if (node.isNull()) {
			return null;
		}
		Sex sex = node.isString() ? Sex.fromCode(node.stringValue().strip().toLowerCase(Locale.ROOT)).orElse(null) : null;
		if (sex == null) {
			fields.problem("sex", "must be male or female");
		}
		return sex;
	}

	private static @Nullable ContactPoint contact(RequestFields fields, String field, JsonNode node) {
		if (node.isNull()) {
			return null;
		}
		if (!node.isObject()) {
			fields.problem(field, "must be an object with value, verified and source, or null");
			return null;
		}
		for (String name : node.propertyNames()) {
			if (!CONTACT.contains(name)) {
				fields.problem(field + "." + name, "is not a member; use value, verified, source");
			}
		}
		JsonNode value = node.get("value");
		String text = (value != null && value.isString()) ? fields.required(field + ".value", value.stringValue()) : null;
		if (text == null) {
			fields.problem(field + ".value", "is required, a string");
		}
		JsonNode verified = node.get("verified");
		if (verified != null && !verified.isBoolean()) {
			fields.problem(field + ".verified", "must be true or false");
		}
		JsonNode source = node.get("source");
		String sourceText = "admin";
		if (source != null && !source.isNull()) {
			if (source.isString()) {
				sourceText = source.stringValue().strip();
			}
			else {
				fields.problem(field + ".source", "must be a string");
			}
		}
		if (text == null || text.isEmpty()) {
			return null;
		}
		return new ContactPoint(text, verified != null && verified.isBoolean() && verified.booleanValue(), sourceText);
	}

	private static @Nullable Address address(RequestFields fields, JsonNode node) {
		if (node.isNull()) {
			return null;
		}
		if (!node.isObject()) {
			fields.problem("address", "must be an object (" + String.join(", ", ADDRESS) + "), or null");
			return null;
		}
		for (String name : node.propertyNames()) {
			if (!ADDRESS.contains(name)) {
				fields.problem("address." + name, "is not a member; use " + String.join(", ", ADDRESS));
			}
		}
		String[] values = new String[ADDRESS.size()];
		boolean any = false;
		for (int i = 0; i < values.length; i++) {
			JsonNode member = node.get(ADDRESS.get(i));
			if (member == null || member.isNull()) {
				continue;
			}
			if (!member.isString()) {
				fields.problem("address." + ADDRESS.get(i), "must be a string");
				continue;
			}
			values[i] = fields.optional(member.stringValue());
			if (values[i] != null && values[i].length() > 500) {
				fields.problem("address." + ADDRESS.get(i), "is longer than 500 characters");
			}
			any |= values[i] != null;
		}
		return any ? new Address(values[0], values[1], values[2], values[3], values[4], values[5]) : null;
	}

}
