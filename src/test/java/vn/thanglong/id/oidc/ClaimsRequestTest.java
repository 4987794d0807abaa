package vn.thanglong.id.oidc;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ClaimsRequestTest {

	@Test
	void whenBothMembersAreObjectsThenTheirClaimNamesAreRead() {
		ClaimsRequest request = ClaimsRequest.parse(
				"{\"id_token\":{\"email\":null,\"acr\":{\"essential\":true,\"values\":[\"x\"]}},\"userinfo\":{\"name\":null}}")
			.orElseThrow();
		assertThat(request.idToken()).containsExactlyInAnyOrder("email", "acr");
		assertThat(request.userInfo()).containsExactly("name");
	}

	@Test
	void whenAbsentThenNothingIsAsked() {
		assertThat(ClaimsRequest.parse(null)).contains(ClaimsRequest.NONE);
		assertThat(ClaimsRequest.parse("{}")).contains(ClaimsRequest.NONE);
	}

	@ParameterizedTest
	@ValueSource(strings = { "not json", "[\"email\"]", "{\"id_token\":[\"email\"]}", "{\"userinfo\":{\"email\":true}}",
			"{\"id_token\":\"email\"}", "null", "[]", "0", "true", "\"x\"", "", " " })
	void whenMalformedThenRefused(String value) {
		assertThat(ClaimsRequest.parse(value)).isEmpty();
	}

}
