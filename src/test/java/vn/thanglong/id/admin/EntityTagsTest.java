package vn.thanglong.id.admin;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EntityTagsTest {

	@Test
	void whenIfMatchIsTheStrongTagOfAVersionThenThatVersion() {
		assertThat(EntityTags.expectedVersion(" \"12\" ")).isEqualTo(12);
		assertThat(EntityTags.of(12)).isEqualTo("\"12\"");
	}

	@Test
	void whenIfMatchIsMissingThenPreconditionRequired() {
		assertThatThrownBy(() -> EntityTags.expectedVersion(null)).isInstanceOfSatisfying(AdminProblemException.class,
				(ex) -> assertThat(ex.problem().status()).isEqualTo(428));
		assertThatThrownBy(() -> EntityTags.expectedVersion(" ")).isInstanceOfSatisfying(AdminProblemException.class,
				(ex) -> assertThat(ex.problem().status()).isEqualTo(428));
	}

	@Test
	void whenIfMatchIsWeakAWildcardOrAListThenPreconditionFailed() {
		for (String ifMatch : new String[] { "W/\"1\"", "*", "\"1\", \"2\"", "1", "\"abc\"" }) {
			assertThatThrownBy(() -> EntityTags.expectedVersion(ifMatch)).as(ifMatch)
				.isInstanceOfSatisfying(AdminProblemException.class,
						(ex) -> assertThat(ex.problem().status()).isEqualTo(412));
		}
	}

	@Test
	void whenPathIsBelowAnAreaThenItsScope() {
		assertThat(AdminArea.of("/realms/e2e/admin/api/staff/1/transfer")).contains(AdminArea.STAFF);
		assertThat(AdminArea.of("/realms/e2e/admin/api/persons")).contains(AdminArea.PERSONS);
		assertThat(AdminArea.of("/realms/e2e/admin/api/openapi.json")).isEmpty();
		assertThat(AdminArea.STAFF.scope()).isEqualTo("admin:staff");
	}

}
