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
	void whenTheIdTokenAsksForASubjectOrAnEssentialAcrThenTheyAreRead() {
		ClaimsRequest request = ClaimsRequest.parse("{\"id_token\":{\"sub\":{\"value\":\"abc\"},"
				+ "\"acr\":{\"essential\":true,\"value\":\"a\",\"values\":[\"b\",\"c\"]}}}")
			.orElseThrow();
		assertThat(request.subjects()).containsExactly("abc");
		assertThat(request.essentialAcr()).containsExactlyInAnyOrder("a", "b", "c");
	}

	@Test
	void whenAcrIsVoluntaryOrTheSubjectIsAskedAtUserinfoThenNeitherIsEnforced() {
		ClaimsRequest request = ClaimsRequest.parse("{\"id_token\":{\"acr\":{\"values\":[\"b\"]}},"
				+ "\"userinfo\":{\"sub\":{\"value\":\"abc\"}}}")
			.orElseThrow();
		assertThat(request.subjects()).isNull();
		assertThat(ClaimsRequest.parse("{\"id_token\":{\"sub\":{\"values\":[\"a\",\"b\"]}}}").orElseThrow().subjects())
			.containsExactlyInAnyOrder("a", "b");
		assertThat(request.essentialAcr()).isNull();
		assertThat(ClaimsRequest.parse("{\"id_token\":{\"acr\":{\"essential\":true}}}").orElseThrow().essentialAcr())
			.as("essential without values: any level will do").isNull();
	}

	@ParameterizedTest
	@ValueSource(strings = { "{\"id_token\":{\"sub\":{\"value\":7}}}", "{\"id_token\":{\"sub\":{\"values\":[7]}}}",
			"{\"id_token\":{\"acr\":{\"essential\":true,\"values\":[1]}}}",
			"{\"id_token\":{\"acr\":{\"essential\":true,\"values\":\"x\"}}}" })
	void whenASubjectOrAcrIsNoStringThenRefused(String value) {
		assertThat(ClaimsRequest.parse(value)).isEmpty();
	}

	@Test
	void whenAbsentThenNothingIsAsked() {
		assertThat(ClaimsRequest.parse(null)).contains(ClaimsRequest.NONE);
		assertThat(ClaimsRequest.parse("{}")).contains(ClaimsRequest.NONE);
		// an empty parameter is an omitted one (RFC 6749 section 3.1)
		assertThat(ClaimsRequest.parse("")).contains(ClaimsRequest.NONE);
	}

	@ParameterizedTest
	@ValueSource(strings = { "not json", "[\"email\"]", "{\"id_token\":[\"email\"]}", "{\"userinfo\":{\"email\":true}}",
			"{\"id_token\":\"email\"}", "null", "[]", "0", "true", "\"x\"", " " })
	void whenMalformedThenRefused(String value) {
		assertThat(ClaimsRequest.parse(value)).isEmpty();
	}

}
