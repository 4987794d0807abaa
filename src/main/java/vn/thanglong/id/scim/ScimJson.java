package vn.thanglong.id.scim;

import java.io.IOException;
import java.io.UncheckedIOException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.scim2.common.utils.JsonUtils;
import org.springframework.http.MediaType;

/**
 * Reads and writes SCIM bodies with the UnboundID SDK's own Jackson 2 mapper: the SDK's filter
 * evaluator and PATCH work on Jackson 2 trees, while the rest of the application (Spring Boot 4)
 * uses Jackson 3. Keeping SCIM bodies out of Spring's message converters keeps the two apart.
 */
final class ScimJson {

	/** RFC 7644 section 3.1. */
	static final MediaType SCIM = MediaType.parseMediaType("application/scim+json");

	static final String CORE_USER = "urn:ietf:params:scim:schemas:core:2.0:User";

	static final String CORE_GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group";

	static final String ENTERPRISE_USER = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

	/** Our extension: the personal ID number a hire needs. Write-only: never returned. */
	static final String PERSON_EXTENSION = "urn:vn:thanglong:scim:schemas:extension:person:1.0:User";

	static final String LIST_RESPONSE = "urn:ietf:params:scim:api:messages:2.0:ListResponse";

	static final String ERROR = "urn:ietf:params:scim:api:messages:2.0:Error";

	static final String PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";

	private ScimJson() {
	}

	static ObjectNode object() {
		return JsonUtils.getJsonNodeFactory().objectNode();
	}

	/** @throws ScimProblem 400 invalidSyntax when the body is no JSON object */
	static ObjectNode readObject(byte[] body) {
		JsonNode node;
		try {
			// a member named twice, or anything after the document, is malformed, as in the admin API
			// (StrictJson there; Jackson 3 refuses trailing tokens by default)
			node = JsonUtils.getObjectReader()
				.with(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
				.with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
				.readTree(body);
		}
		catch (IOException ex) {
			throw ScimProblem.invalidSyntax("the body is not valid JSON");
		}
		if (!(node instanceof ObjectNode object)) {
			throw ScimProblem.invalidSyntax("the body must be a JSON object");
		}
		return object;
	}

	static <T> T convert(JsonNode node, Class<T> type) {
		try {
			return JsonUtils.nodeToValue(node, type);
		}
		catch (JsonProcessingException | IllegalArgumentException ex) {
			throw ScimProblem.invalidSyntax("the body is not a valid " + type.getSimpleName());
		}
	}

	static byte[] write(JsonNode node) {
		try {
			return JsonUtils.getObjectWriter().writeValueAsBytes(node);
		}
		catch (JsonProcessingException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static ObjectNode error(int status, @org.jspecify.annotations.Nullable String scimType, String detail) {
		ObjectNode error = object();
		error.putArray("schemas").add(ERROR);
		error.put("status", Integer.toString(status));
		if (scimType != null) {
			error.put("scimType", scimType);
		}
		error.put("detail", detail);
		return error;
	}

}
