package vn.thanglong.id.identity;

import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ScopeClaimsTest {

	@Test
	void whenAnAccountIsReleasedThenSubIsItsPersonNotTheAccount() {
		UserAccount account = new UserAccount("account-2", "person-1", "e2e", "an.second", true,
				Map.of("name", "Nguyễn Văn An", "email", "an@example.gov.vn"));

		Map<String, Object> claims = ScopeClaims.release(account, Set.of("openid", "profile"));

		assertThat(claims).containsEntry("sub", "person-1")
			.containsEntry("name", "Nguyễn Văn An")
			.containsEntry("preferred_username", "an.second")
			.doesNotContainKey("email");
	}

}
