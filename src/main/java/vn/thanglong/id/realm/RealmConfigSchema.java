package vn.thanglong.id.realm;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.NodePath;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON Schemas (draft 2020-12) of realm-config files and the check of one parsed file
 * against them. The schemas are read from the classpath ({@code realm-config-schema/}) so
 * that the jar validates without the repository; {@code realm-config/*.schema.json} are the
 * same files, for editors. A violation is reported in the operator's terms: the file, the
 * field as written in YAML ({@code redirectUris[0]}, {@code users[1].username}) and the
 * problem, one line per violation.
 *
 * @see <a href="https://json-schema.org/draft/2020-12/json-schema-validation">JSON Schema
 * Validation 2020-12</a>
 */
final class RealmConfigSchema {

	static final String REALM_SCHEMA = "realm-config-schema/realm.schema.json";

	static final String CLIENT_SCHEMA = "realm-config-schema/client.schema.json";

	/** Further violations beyond this are counted, not listed. */
	private static final int MAX_REPORTED = 20;

	/** Keywords whose violation is clearer with the offending value quoted. */
	private static final Set<String> SHOW_VALUE = Set.of("enum", "const", "pattern", "minimum", "maximum",
			"exclusiveMinimum", "exclusiveMaximum");

	/** Fields whose value never appears in a message, even malformed. */
	private static final Set<String> SECRET_FIELDS = Set.of("secret", "password");

	private final Schema realm;

	private final Schema client;

	private RealmConfigSchema(Schema realm, Schema client) {
		this.realm = realm;
		this.client = client;
	}

	/** Reads both schemas from the classpath; a missing or broken schema is a build defect. */
	static RealmConfigSchema fromClasspath(JsonMapper json) {
		SchemaRegistryConfig config = SchemaRegistryConfig.builder()
			.errorMessageKeyword("errorMessage")
			.locale(Locale.ROOT)
			.build();
		SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
				(builder) -> builder.schemaRegistryConfig(config));
		return new RealmConfigSchema(load(registry, json, REALM_SCHEMA), load(registry, json, CLIENT_SCHEMA));
	}

	private static Schema load(SchemaRegistry registry, JsonMapper json, String resource) {
		ClassLoader loader = RealmConfigSchema.class.getClassLoader();
		try (InputStream in = loader.getResourceAsStream(resource)) {
			if (in == null) {
				throw new IllegalStateException("JSON Schema " + resource + " is missing from the classpath");
			}
			Schema schema = registry.getSchema(SchemaLocation.of("classpath:" + resource), json.readTree(in));
			schema.initializeValidators();
			return schema;
		}
		catch (IOException | JacksonException ex) {
			throw new IllegalStateException("JSON Schema " + resource + " cannot be read", ex);
		}
	}

	/** Checks a parsed {@code realm.yaml}; throws naming every violation. */
	void checkRealm(String file, JsonNode document) {
		check(this.realm, file, document);
	}

	/** Checks a parsed {@code clients/*.yaml}; throws naming every violation. */
	void checkClient(String file, JsonNode document) {
		check(this.client, file, document);
	}

	/** Every violation of the client schema, in the operator's terms: the field and the problem. */
	List<ClientProblem> clientViolations(JsonNode document) {
		return violations(this.client, document);
	}

	private static void check(Schema schema, String file, JsonNode document) {
		List<ClientProblem> violations = violations(schema, document);
		if (violations.isEmpty()) {
			return;
		}
		StringBuilder more = new StringBuilder(violations.get(0).problem());
		for (int i = 1; i < violations.size() && i < MAX_REPORTED; i++) {
			more.append('\n').append(file).append(": ");
			if (!violations.get(i).field().isEmpty()) {
				more.append(violations.get(i).field()).append(": ");
			}
			more.append(violations.get(i).problem());
		}
		if (violations.size() > MAX_REPORTED) {
			more.append('\n').append(file).append(": ").append(violations.size() - MAX_REPORTED).append(" more problems");
		}
		throw new RealmConfigException(file, violations.get(0).field(), more.toString());
	}

	/** The distinct violations, in the validator's order. */
	private static List<ClientProblem> violations(Schema schema, JsonNode document) {
		List<ClientProblem> out = new ArrayList<>();
		for (Error error : schema.validate(document)) {
			String field = field(error);
			ClientProblem problem = new ClientProblem(field, problem(error, field));
			if (!out.contains(problem)) {
				out.add(problem);
			}
		}
		return out;
	}

	/** The field as an operator reads it in YAML: {@code users[0].claims.email}. */
	private static String field(Error error) {
		StringBuilder out = new StringBuilder();
		NodePath location = error.getInstanceLocation();
		for (int i = 0; i < location.getNameCount(); i++) {
			appendSegment(out, location.getElement(i));
		}
		String property = error.getProperty();
		if (property != null && namesChild(error.getKeyword())) {
			appendSegment(out, property);
		}
		return out.toString();
	}

	private static boolean namesChild(String keyword) {
		return switch (keyword) {
			case "required", "additionalProperties", "unevaluatedProperties", "dependentRequired" -> true;
			default -> false;
		};
	}

	private static void appendSegment(StringBuilder out, Object segment) {
		if (segment instanceof Integer index) {
			out.append('[').append(index).append(']');
		}
		else {
			if (!out.isEmpty()) {
				out.append('.');
			}
			out.append(segment);
		}
	}

	private static String problem(Error error, String field) {
		String keyword = error.getKeyword();
		JsonNode schemaValue = error.getSchemaNode();
		String problem;
		if (error.isCustomMessage()) {
			problem = error.getMessage();
		}
		else {
			problem = switch (keyword) {
				case "required" -> "is required";
				case "additionalProperties", "unevaluatedProperties" -> "unknown field";
				case "type" -> typeProblem(schemaValue, error.getInstanceNode());
				case "enum" -> "must be one of " + values(schemaValue);
				case "const" -> "must be " + schemaValue;
				case "uniqueItems" -> "must not list the same value twice";
				case "minLength" -> (schemaValue != null && schemaValue.asInt() == 1) ? "must not be empty"
						: error.getMessage();
				default -> error.getMessage();
			};
		}
		JsonNode instance = error.getInstanceNode();
		if (SHOW_VALUE.contains(keyword) && instance != null && instance.isValueNode() && !instance.isNull()
				&& !SECRET_FIELDS.contains(lastSegment(field))) {
			problem = problem + "; was " + quote(instance.asString());
		}
		return problem;
	}

	private static String typeProblem(@Nullable JsonNode expected, @Nullable JsonNode instance) {
		List<String> names = new ArrayList<>();
		if (expected != null && expected.isArray()) {
			expected.forEach((type) -> names.add(type.asString()));
		}
		else if (expected != null) {
			names.add(expected.asString());
		}
		String wanted = names.stream().map(RealmConfigSchema::describeType).collect(Collectors.joining(" or "));
		if (instance == null || instance.isNull()) {
			return "must be " + wanted + ", but has no value";
		}
		return "must be " + wanted + "; found " + describeType(jsonType(instance));
	}

	private static String jsonType(JsonNode node) {
		if (node.isObject()) {
			return "object";
		}
		if (node.isArray()) {
			return "array";
		}
		if (node.isString()) {
			return "string";
		}
		if (node.isBoolean()) {
			return "boolean";
		}
		return node.isIntegralNumber() ? "integer" : "number";
	}

	private static String describeType(String jsonType) {
		return switch (jsonType) {
			case "object" -> "a mapping";
			case "array" -> "a list";
			case "string" -> "a string";
			case "boolean" -> "true or false";
			case "integer" -> "a whole number";
			case "number" -> "a number";
			default -> jsonType;
		};
	}

	private static String values(@Nullable JsonNode array) {
		if (array == null || !array.isArray()) {
			return String.valueOf(array);
		}
		List<String> out = new ArrayList<>();
		array.forEach((value) -> out.add(value.asString()));
		return String.join(", ", out);
	}

	private static String lastSegment(String field) {
		int dot = field.lastIndexOf('.');
		String last = (dot < 0) ? field : field.substring(dot + 1);
		int bracket = last.indexOf('[');
		return (bracket < 0) ? last : last.substring(0, bracket);
	}

	/** Quotes a value for a message, with control characters visible and long values cut. */
	static String quote(String value) {
		StringBuilder out = new StringBuilder("'");
		int max = Math.min(value.length(), 80);
		for (int i = 0; i < max; i++) {
			char c = value.charAt(i);
			switch (c) {
				case '\n' -> out.append("\\n");
				case '\r' -> out.append("\\r");
				case '\t' -> out.append("\\t");
				default -> {
					if (Character.isISOControl(c)) {
						out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
					}
					else {
						out.append(c);
					}
				}
			}
		}
		if (value.length() > max) {
			out.append("...");
		}
		return out.append('\'').toString();
	}

}
