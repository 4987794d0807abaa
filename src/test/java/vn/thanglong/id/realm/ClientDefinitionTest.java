package vn.thanglong.id.realm;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The stored form of a client must not depend on the JVM that wrote it: the realm import
 * compares a hash of it to decide whether a client changed, at every start.
 */
class ClientDefinitionTest {

	private static final List<String> SCOPES = List.of("address", "email", "offline_access", "openid", "phone",
			"profile", "records.read", "records.write");

	private static final List<String> GRANTS = List.of("authorization_code", "client_credentials", "refresh_token");

	@Test
	void whenSetsAreGivenInAnyOrderThenTheyIterateAndSerializeSorted() {
		ClientDefinition forward = client(new LinkedHashSet<>(GRANTS), new LinkedHashSet<>(SCOPES));
		ClientDefinition backward = client(reversed(GRANTS), reversed(SCOPES));

		// Set.copyOf would iterate in an order salted anew at every JVM start
		assertThat(forward.scopes()).containsExactlyElementsOf(SCOPES);
		assertThat(forward.grantTypes()).containsExactlyElementsOf(GRANTS);
		JsonMapper json = JsonMapper.builder().build();
		String document = json.writeValueAsString(forward);
		assertThat(json.writeValueAsString(backward)).isEqualTo(document);
		assertThat(document).contains("\"scopes\":[\"address\",\"email\",\"offline_access\",\"openid\",\"phone\","
				+ "\"profile\",\"records.read\",\"records.write\"]");
		assertThat(json.readValue(document, ClientDefinition.class)).isEqualTo(forward);
	}

	@Test
	void whenSetsAreReadBackThenTheyCannotBeChanged() {
		ClientDefinition definition = client(Set.of("authorization_code"), Set.of("openid"));
		assertThatThrownBy(() -> definition.scopes().add("admin")).isInstanceOf(UnsupportedOperationException.class);
		assertThatThrownBy(() -> definition.grantTypes().add("password"))
			.isInstanceOf(UnsupportedOperationException.class);
	}

	private static Set<String> reversed(List<String> values) {
		List<String> copy = new ArrayList<>(values);
		Collections.reverse(copy);
		return new LinkedHashSet<>(copy);
	}

	private static ClientDefinition client(Set<String> grantTypes, Set<String> scopes) {
		return new ClientDefinition("portal", "Portal", ClientAuthMethod.CLIENT_SECRET_BASIC,
				List.of("https://portal.example.test/cb"), List.of(), grantTypes, scopes, true, "RS256",
				Duration.ofMinutes(5), Duration.ofHours(8), Duration.ofMinutes(1), Duration.ofMinutes(5), null, null);
	}

}
