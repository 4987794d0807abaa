package vn.thanglong.id.scim;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ScimListingTest {

	private static final List<ObjectNode> USERS = List.of(user("an", "Nguyễn Văn An", true, "an@example.gov.vn"),
			user("binh", "Trần Thị Bình", false, null), user("cuong", "Lê Văn Cường", true, "cuong@example.gov.vn"));

	@ParameterizedTest
	@ValueSource(strings = { "userName eq", "(userName eq \"a\"", "userName xx \"a\"", "and", "userName eq \"a\" or",
			"\"unterminated" })
	void whenFilterIsMalformedThenInvalidFilter(String filter) {
		assertThatThrownBy(() -> ScimListing.of(filter, null, null, null, null)).isInstanceOfSatisfying(ScimProblem.class,
				(problem) -> {
					assertThat(problem.status()).isEqualTo(400);
					assertThat(problem.scimType()).isEqualTo("invalidFilter");
				});
	}

	@Test
	void whenFilterUsesEachOperatorThenTheMatchingResourcesRemain() {
		assertThat(userNames("userName eq \"BINH\"")).containsExactly("binh");
		assertThat(userNames("name.formatted co \"Văn\"")).containsExactly("an", "cuong");
		assertThat(userNames("userName sw \"c\"")).containsExactly("cuong");
		assertThat(userNames("emails pr")).containsExactly("an", "cuong");
		assertThat(userNames("userName gt \"an\" and userName lt \"c\"")).containsExactly("binh");
		assertThat(userNames("active eq false or userName eq \"an\"")).containsExactly("an", "binh");
		assertThat(userNames("emails.value ew \"@example.gov.vn\"")).containsExactly("an", "cuong");
	}

	@Test
	void whenSortedDescendingAndPagedThenThePageFollowsTheOrder() {
		ObjectNode page = ScimListing.of(null, "userName", "descending", 2, 1).page(USERS);

		assertThat(page.get("totalResults").asInt()).isEqualTo(3);
		assertThat(page.get("startIndex").asInt()).isEqualTo(2);
		assertThat(page.get("itemsPerPage").asInt()).isEqualTo(1);
		assertThat(page.get("Resources").get(0).get("userName").asText()).isEqualTo("binh");
	}

	@Test
	void whenSortedByAnAttributeSomeLackThenTheyComeLastInEitherOrder() {
		assertThat(names(ScimListing.of(null, "emails.value", "ascending", null, null).page(USERS)))
			.containsExactly("an", "cuong", "binh");
		assertThat(names(ScimListing.of(null, "emails.value", "descending", null, null).page(USERS)))
			.containsExactly("cuong", "an", "binh");
	}

	@Test
	void whenCountIsAboveTheMaximumOrStartIndexBelowOneThenTheyAreClamped() {
		ScimListing listing = ScimListing.of(null, null, null, -4, 100_000);

		assertThat(listing.startIndex()).isEqualTo(1);
		assertThat(listing.count()).isEqualTo(ScimListing.MAX_COUNT);
	}

	@Test
	void whenSortOrderIsUnknownThenInvalidValue() {
		assertThatThrownBy(() -> ScimListing.of(null, "userName", "sideways", null, null))
			.isInstanceOfSatisfying(ScimProblem.class, (problem) -> assertThat(problem.scimType()).isEqualTo("invalidValue"));
	}

	private static List<String> userNames(String filter) {
		return names(ScimListing.of(filter, "userName", null, null, null).page(USERS));
	}

	private static List<String> names(ObjectNode page) {
		List<String> names = new ArrayList<>();
		for (JsonNode resource : page.get("Resources")) {
			names.add(resource.get("userName").asText());
		}
		return names;
	}

	private static ObjectNode user(String userName, String fullName, boolean active, String email) {
		ObjectNode user = ScimJson.object();
		user.put("userName", userName);
		user.putObject("name").put("formatted", fullName);
		user.put("active", active);
		if (email != null) {
			user.putArray("emails").addObject().put("value", email).put("primary", true);
		}
		return user;
	}

}
