package vn.thanglong.id.scim;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ScimUserInputTest {

	@Test
	void whenNameHasPartsOnlyThenFullNameIsInVietnameseOrder() {
		UserInput input = read("{\"userName\":\"x\",\"name\":{\"givenName\":\"An\",\"middleName\":\"Văn\",\"familyName\":\"Nguyễn\"}}");

		assertThat(input.fullName()).isEqualTo("Nguyễn Văn An");
	}

	@Test
	void whenAttributeNamesDifferInCaseThenTheyAreStillRead() {
		UserInput input = read("{\"USERNAME\":\"x\",\"Active\":\"False\",\"displayname\":\"Lê Văn Cường\","
				+ "\"emails\":[{\"value\":\"a@x.vn\"},{\"value\":\"b@x.vn\",\"primary\":true}],"
				+ "\"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User\":{\"organization\":\"H01\"}}");

		assertThat(input.userName()).isEqualTo("x");
		assertThat(input.active()).isFalse();
		assertThat(input.fullName()).isEqualTo("Lê Văn Cường");
		assertThat(input.email()).isEqualTo("b@x.vn");
		assertThat(input.organization()).isEqualTo("H01");
	}

	@Test
	void whenPersonalIdNumberIsGivenThenToStringMasksIt() {
		UserInput input = read("{\"urn:vn:thanglong:scim:schemas:extension:person:1.0:User\":{\"personalIdNumber\":\"001090012345\"}}");

		assertThat(input.personalIdNumber()).isEqualTo("001090012345");
		assertThat(input.toString()).doesNotContain("001090012345");
	}

	@Test
	void whenAttributeHasTheWrongTypeThenInvalidValueNamesIt() {
		assertThatThrownBy(() -> read("{\"emails\":\"a@x.vn\"}")).isInstanceOfSatisfying(ScimProblem.class, (problem) -> {
			assertThat(problem.scimType()).isEqualTo("invalidValue");
			assertThat(problem.detail()).startsWith("emails");
		});
		assertThatThrownBy(() -> read("{\"active\":\"maybe\"}")).isInstanceOfSatisfying(ScimProblem.class,
				(problem) -> assertThat(problem.detail()).startsWith("active"));
	}

	@Test
	void whenBodyIsNotJsonThenInvalidSyntax() {
		assertThatThrownBy(() -> ScimJson.readObject("{\"userName\":".getBytes(StandardCharsets.UTF_8)))
			.isInstanceOfSatisfying(ScimProblem.class, (problem) -> assertThat(problem.scimType()).isEqualTo("invalidSyntax"));
		assertThatThrownBy(() -> ScimJson.readObject("[1]".getBytes(StandardCharsets.UTF_8)))
			.isInstanceOfSatisfying(ScimProblem.class, (problem) -> assertThat(problem.scimType()).isEqualTo("invalidSyntax"));
	}

	@Test
	void whenIfMatchIsAbsentStarOrEqualIgnoringWeaknessThenItMatches() {
		assertThat(ScimETags.matches("W/\"1.2.3\"", null)).isTrue();
		assertThat(ScimETags.matches("W/\"1.2.3\"", "*")).isTrue();
		assertThat(ScimETags.matches("W/\"1.2.3\"", "\"0\", \"1.2.3\"")).isTrue();
		assertThat(ScimETags.matches("W/\"1.2.3\"", "W/\"1.2.4\"")).isFalse();
	}

	private static UserInput read(String json) {
		return UserInput.from(ScimJson.readObject(json.getBytes(StandardCharsets.UTF_8)));
	}

}
