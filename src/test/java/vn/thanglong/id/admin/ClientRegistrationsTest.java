package vn.thanglong.id.admin;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import vn.thanglong.id.realm.RealmDefinition;

import static org.assertj.core.api.Assertions.assertThat;

/** The pure parts of client registration: JSON merge patch (RFC 7396) and the realm's known scopes. */
class ClientRegistrationsTest {

	private final JsonMapper json = JsonMapper.builder().build();

	@Test
	void whenMergePatchIsAppliedThenMembersReplaceNullRemovesAndObjectsMerge() {
		JsonNode target = tree("{\"a\":\"b\",\"c\":{\"d\":\"e\",\"f\":\"g\"},\"list\":[1,2]}");

		JsonNode merged = ClientRegistrations.merge(target, tree("{\"a\":\"z\",\"c\":{\"f\":null},\"list\":[3]}"));

		assertThat(merged).isEqualTo(tree("{\"a\":\"z\",\"c\":{\"d\":\"e\"},\"list\":[3]}"));
		assertThat(target.get("a").asString()).as("target untouched").isEqualTo("b");
	}

	/** RFC 7396 appendix A. */
	@Test
	void whenMergePatchExamplesOfTheRfcAreAppliedThenTheirResults() {
		assertThat(ClientRegistrations.merge(tree("{\"a\":[\"b\"]}"), tree("{\"a\":\"c\"}")))
			.isEqualTo(tree("{\"a\":\"c\"}"));
		assertThat(ClientRegistrations.merge(tree("{\"e\":null}"), tree("{\"a\":1}")))
			.isEqualTo(tree("{\"e\":null,\"a\":1}"));
		assertThat(ClientRegistrations.merge(tree("{}"), tree("{\"a\":{\"bb\":{\"ccc\":null}}}")))
			.isEqualTo(tree("{\"a\":{\"bb\":{}}}"));
		assertThat(ClientRegistrations.merge(tree("{\"a\":\"foo\"}"), tree("[\"c\"]"))).isEqualTo(tree("[\"c\"]"));
	}

	@Test
	void whenKnownScopesOfARealmAreAskedThenProviderAdminAndRealmConfigScopes() {
		RealmDefinition realm = new RealmDefinition("e2e", Map.of("vi", "e2e"), false, true, List.of(), List.of());

		assertThat(ClientRegistrations.knownScopes(realm)).contains("openid", "national_id", "scim", "admin:clients",
				"admin:persons.pin").doesNotContain("records.read");
	}

	private JsonNode tree(String text) {
		return this.json.readTree(text);
	}

}
