package vn.thanglong.id.oidc;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ResourceAudiencesTest {

	private static final String ISSUER = "https://id.example.gov.vn/realms/hanoi";

	@Test
	void whenScopesAreAnApisThenItsIdentifierIsAnAudienceAndOtherwiseNot() {
		assertThat(ResourceAudiences.of(ISSUER, List.of("openid", "profile"))).isEmpty();
		assertThat(ResourceAudiences.of(ISSUER, List.of("admin:staff"))).containsExactly(ISSUER + "/admin/api");
		assertThat(ResourceAudiences.of(ISSUER, List.of("scim", "admin:units", "admin:staff")))
			.containsExactly(ISSUER + "/admin/api", ISSUER + "/scim/v2");
		// a scope merely resembling one of the API's opens nothing
		assertThat(ResourceAudiences.of(ISSUER, List.of("administration", "scim2"))).isEmpty();
	}

	@Test
	void whenPathIsNoApiOfTheProviderThenRefused() {
		assertThatThrownBy(() -> ResourceAudiences.opens("/other", List.of("scim")))
			.isInstanceOf(IllegalArgumentException.class);
	}

}
