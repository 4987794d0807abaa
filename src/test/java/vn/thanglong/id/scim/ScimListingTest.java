package vn.thanglong.id.scim;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import vn.thanglong.id.identity.Condition;
import vn.thanglong.id.identity.Condition.Operator;
import vn.thanglong.id.identity.ListingQuery;
import vn.thanglong.id.identity.StaffAttribute;
import vn.thanglong.id.identity.UnitAttribute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ScimListingTest {

	private static final String ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

	@ParameterizedTest
	@ValueSource(strings = { "userName eq", "(userName eq \"a\"", "userName xx \"a\"", "and", "userName eq \"a\" or",
			"\"unterminated" })
	void whenFilterIsMalformedThenInvalidFilter(String filter) {
		assertInvalidFilter(() -> ScimListing.of(filter, null, null, null, null));
	}

	@ParameterizedTest
	@ValueSource(strings = { "name.familyName eq \"Nguyễn\"", "nickName pr", "meta.version eq \"W/1\"",
			"emails[type eq \"work\"]", "emails.type eq \"work\"", "active gt true", "active eq \"yes\"",
			"meta.lastModified co \"2026\"", "meta.lastModified gt \"yesterday\"", "userName eq 3",
			"urn:vn:thanglong:scim:schemas:extension:person:1.0:User:personalIdNumber eq \"001090000001\"" })
	void whenFilterNamesWhatHasNoColumnThenInvalidFilter(String filter) {
		assertInvalidFilter(() -> ScimListing.of(filter, null, null, null, null).users());
	}

	@Test
	void whenGroupFilterNamesAUserAttributeThenInvalidFilter() {
		assertInvalidFilter(() -> ScimListing.of("userName eq \"a\"", null, null, null, null).groups());
		assertInvalidFilter(() -> ScimListing.of("active eq true", null, null, null, null).groups());
	}

	@Test
	void whenFilterUsesEachOperatorThenEachBecomesTheQueryOperator() {
		assertThat(users("userName eq \"BINH\"")).isEqualTo(Condition.eq(StaffAttribute.USER_NAME, "BINH"));
		assertThat(users("name.formatted co \"Văn\""))
			.isEqualTo(Condition.compare(StaffAttribute.FULL_NAME, Operator.CO, "Văn"));
		assertThat(users("USERNAME sw \"c\"")).isEqualTo(Condition.compare(StaffAttribute.USER_NAME, Operator.SW, "c"));
		assertThat(users("emails.value ew \"@example.gov.vn\""))
			.isEqualTo(Condition.compare(StaffAttribute.EMAIL, Operator.EW, "@example.gov.vn"));
		assertThat(users("emails[value ew \"@example.gov.vn\"]"))
			.isEqualTo(Condition.compare(StaffAttribute.EMAIL, Operator.EW, "@example.gov.vn"));
		assertThat(users("externalId pr")).isEqualTo(Condition.present(StaffAttribute.EXTERNAL_ID));
		assertThat(users("title ne \"x\"")).isEqualTo(Condition.not(Condition.eq(StaffAttribute.POSITION, "x")));
		assertThat(users("userName gt \"a\" and userName le \"c\"")).isEqualTo(Condition.and(List.of(
				Condition.compare(StaffAttribute.USER_NAME, Operator.GT, "a"),
				Condition.compare(StaffAttribute.USER_NAME, Operator.LE, "c"))));
		assertThat(users("displayName ge \"a\" or not (title lt \"b\")")).isEqualTo(Condition.or(List.of(
				Condition.compare(StaffAttribute.FULL_NAME, Operator.GE, "a"),
				Condition.not(Condition.compare(StaffAttribute.POSITION, Operator.LT, "b")))));
		assertThat(users("meta.lastModified gt \"2026-01-05T08:00:00+07:00\"")).isEqualTo(
				Condition.compare(StaffAttribute.LAST_MODIFIED, Operator.GT, Instant.parse("2026-01-05T01:00:00Z")));
		assertThat(users(ENTERPRISE + ":employeeNumber eq \"TL1\"")).isEqualTo(Condition.eq(StaffAttribute.STAFF_ID, "TL1"));
		assertThat(users("urn:ietf:params:scim:schemas:core:2.0:User:userName eq \"a\""))
			.isEqualTo(Condition.eq(StaffAttribute.USER_NAME, "a"));
	}

	@Test
	void whenActiveIsFilteredThenTheStaffStatusIsCompared() {
		Condition<StaffAttribute> active = Condition.eq(StaffAttribute.STATUS, "active");
		assertThat(users("active eq true")).isEqualTo(active);
		assertThat(users("active eq false")).isEqualTo(Condition.not(active));
		assertThat(users("active ne false")).isEqualTo(active);
	}

	@Test
	void whenGroupsAreListedThenOnlyActiveUnitsAreAskedFor() {
		Condition<UnitAttribute> active = Condition.eq(UnitAttribute.STATUS, "active");
		assertThat(ScimListing.of(null, null, null, null, null).groups().filter()).isEqualTo(active);
		assertThat(ScimListing.of("externalId eq \"H26\"", null, null, null, null).groups().filter())
			.isEqualTo(Condition.and(List.of(active, Condition.eq(UnitAttribute.CODE, "H26"))));
	}

	@Test
	void whenSortedDescendingAndPagedThenTheQueryCarriesSortOffsetAndLimit() {
		ListingQuery<StaffAttribute> query = ScimListing.of(null, "userName", "descending", 3, 2).users();

		assertThat(query.sortBy()).isEqualTo(StaffAttribute.USER_NAME);
		assertThat(query.descending()).isTrue();
		assertThat(query.offset()).isEqualTo(2);
		assertThat(query.limit()).isEqualTo(2);
		assertThat(ScimListing.of(null, "meta.lastModified", null, null, null).users().sortBy())
			.isEqualTo(StaffAttribute.LAST_MODIFIED);
	}

	@Test
	void whenSortByNamesWhatHasNoColumnThenInvalidValue() {
		assertThatThrownBy(() -> ScimListing.of(null, "nickName", null, null, null).users())
			.isInstanceOfSatisfying(ScimProblem.class, (problem) -> assertThat(problem.scimType()).isEqualTo("invalidValue"));
	}

	@Test
	void whenCountIsAboveTheMaximumOrStartIndexBelowOneThenTheyAreClamped() {
		ScimListing listing = ScimListing.of(null, null, null, -4, 100_000);

		assertThat(listing.startIndex()).isEqualTo(1);
		assertThat(listing.count()).isEqualTo(ScimListing.MAX_COUNT);
		assertThat(listing.users().limit()).isEqualTo(ScimListing.MAX_COUNT);
		assertThat(ScimListing.of(null, null, null, null, -1).count()).isZero();
	}

	@Test
	void whenPageIsAnsweredThenTheListResponseCountsEveryMatch() {
		ObjectNode page = ScimListing.of(null, null, null, 2, 1).response(3, List.of(ScimJson.object().put("id", "b")));

		assertThat(page.get("totalResults").asInt()).isEqualTo(3);
		assertThat(page.get("startIndex").asInt()).isEqualTo(2);
		assertThat(page.get("itemsPerPage").asInt()).isEqualTo(1);
		assertThat(page.get("Resources").get(0).get("id").asText()).isEqualTo("b");
	}

	@Test
	void whenSortOrderIsUnknownThenInvalidValue() {
		assertThatThrownBy(() -> ScimListing.of(null, "userName", "sideways", null, null))
			.isInstanceOfSatisfying(ScimProblem.class, (problem) -> assertThat(problem.scimType()).isEqualTo("invalidValue"));
	}

	private static Condition<StaffAttribute> users(String filter) {
		return ScimListing.of(filter, null, null, null, null).users().filter();
	}

	private static void assertInvalidFilter(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
		assertThatThrownBy(call).isInstanceOfSatisfying(ScimProblem.class, (problem) -> {
			assertThat(problem.status()).isEqualTo(400);
			assertThat(problem.scimType()).isEqualTo("invalidFilter");
		});
	}

}
