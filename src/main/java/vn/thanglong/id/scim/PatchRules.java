package vn.thanglong.id.scim;

import java.util.Locale;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What a PATCH request (RFC 7644 section 3.5.2) must be before it is applied to a User: it
 * names the PatchOp schema, holds one or more operations, and each operation's path names an
 * attribute a client may change. The library applies a path to the representation as it
 * finds it, so an unknown attribute, a read-only one or a part of the name (which is stored
 * whole) was accepted and then dropped without a word, and an empty list of operations
 * answered 200. Here: {@code invalidSyntax} for the message, {@code invalidPath} for a path
 * that names nothing writable here, {@code mutability} for a read-only attribute,
 * {@code noTarget} for a {@code remove} without a path (section 3.5.2.2), and
 * {@code invalidValue} for removing a required attribute.
 */
final class PatchRules {

	/** Attributes (lower case, extensions as {@code enterprise:} and {@code person:}) a client may change. */
	private static final Set<String> WRITABLE = Set.of("externalid", "username", "name", "name.formatted",
			"displayname", "title", "active", "emails", "phonenumbers", "enterprise", "enterprise:organization",
			"person", "person:personalidnumber");

	/** Attributes the server sets. */
	private static final Set<String> READ_ONLY = Set.of("id", "meta", "groups", "schemas", "enterprise:employeenumber",
			"enterprise:department");

	/** Attributes every User has. */
	private static final Set<String> REQUIRED = Set.of("username", "title", "name", "name.formatted", "displayname");

	private PatchRules() {
	}

	static void check(ObjectNode body) {
		JsonNode schemas = body.get("schemas");
		if (schemas == null || !schemas.isArray() || !contains(schemas, ScimJson.PATCH_OP)) {
			throw ScimProblem.invalidSyntax("schemas must list " + ScimJson.PATCH_OP);
		}
		JsonNode operations = body.get("Operations");
		if (operations == null || !operations.isArray() || operations.isEmpty()) {
			throw ScimProblem.invalidSyntax("Operations must hold one or more operations");
		}
		for (JsonNode operation : operations) {
			String op = operation.path("op").asText("").toLowerCase(Locale.ROOT);
			JsonNode path = operation.get("path");
			if (path == null || path.isNull()) {
				if ("remove".equals(op)) {
					throw new ScimProblem(400, "noTarget", "remove needs a path");
				}
				continue;
			}
			String target = target(path.asText());
			if (READ_ONLY.contains(target)) {
				throw ScimProblem.mutability(path.asText() + " is read-only");
			}
			if (!WRITABLE.contains(target)) {
				throw new ScimProblem(400, "invalidPath", target.startsWith("name.")
						? "the name is stored whole: replace name or name.formatted, not " + path.asText()
						: "no attribute of a User can be changed at " + path.asText());
			}
			if ("remove".equals(op) && REQUIRED.contains(target)) {
				throw ScimProblem.invalidValue(path.asText() + " is required and cannot be removed");
			}
		}
	}

	private static boolean contains(JsonNode array, String value) {
		for (JsonNode item : array) {
			if (value.equals(item.asText())) {
				return true;
			}
		}
		return false;
	}

	/**
	 * The attribute a path names, lower case: {@code name.familyName} for a sub-attribute,
	 * {@code emails} for a value path such as {@code emails[type eq "work"].value}, extension
	 * attributes as {@code enterprise:organization}; a malformed value path names nothing.
	 */
	static String target(String path) {
		String rest = path.trim();
		String prefix = "";
		if (startsWithIgnoringCase(rest, ScimJson.CORE_USER + ":")) {
			rest = rest.substring(ScimJson.CORE_USER.length() + 1);
		}
		else if (startsWithIgnoringCase(rest, ScimJson.ENTERPRISE_USER)) {
			prefix = "enterprise";
			rest = rest.substring(ScimJson.ENTERPRISE_USER.length());
		}
		else if (startsWithIgnoringCase(rest, ScimJson.PERSON_EXTENSION)) {
			prefix = "person";
			rest = rest.substring(ScimJson.PERSON_EXTENSION.length());
		}
		if (!prefix.isEmpty()) {
			if (rest.isEmpty()) {
				return prefix;
			}
			if (!rest.startsWith(":")) {
				return "?";
			}
			rest = rest.substring(1);
		}
		int filter = rest.indexOf('[');
		if (filter >= 0) {
			if (rest.indexOf(']', filter) < 0) {
				return "?";
			}
			rest = rest.substring(0, filter);
		}
		String attribute = rest.toLowerCase(Locale.ROOT);
		return prefix.isEmpty() ? attribute : prefix + ":" + attribute;
	}

	private static boolean startsWithIgnoringCase(String text, String prefix) {
		return text.regionMatches(true, 0, prefix, 0, prefix.length());
	}

}
