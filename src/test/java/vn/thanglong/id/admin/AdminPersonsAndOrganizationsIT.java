package vn.thanglong.id.admin;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.text.Normalizer;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.nimbusds.oauth2.sdk.ClientCredentialsGrant;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.id.ClientID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import vn.thanglong.id.identity.NewPerson;
import vn.thanglong.id.identity.Person;
import vn.thanglong.id.identity.PersonClaims;
import vn.thanglong.id.identity.PersonProfile;
import vn.thanglong.id.identity.Persons;
import vn.thanglong.id.identity.Sex;
import vn.thanglong.id.identity.TaxCode;
import vn.thanglong.id.support.AdminApi;
import vn.thanglong.id.support.ProviderIT;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.thanglong.id.support.AdminApi.assertProblem;
import static vn.thanglong.id.support.AdminApi.etag;
import static vn.thanglong.id.support.AdminApi.fields;
import static vn.thanglong.id.support.AdminApi.json;

/**
 * Profile updates, recording and correcting personal ID numbers, organization status changes,
 * concurrent first hires and hires across realms, end to end through the admin API on
 * PostgreSQL. Its own unit tree ({@code GAP > (GAP.W1 > GAP.W1.T1, GAP.W2)}, client
 * {@code admin-ward-persons} bound to {@code GAP.W1}) keeps it independent of {@link AdminApiIT}
 * in the shared database.
 */
class AdminPersonsAndOrganizationsIT extends ProviderIT {

	private static final Map<String, String[]> CLIENTS = Map.of(
			"admin-realm", new String[] { "admin-realm-secret-for-tests-only-0123456789",
					"admin:persons admin:persons.pin admin:staff admin:units admin:organizations admin:audit" },
			"admin-narrow", new String[] { "admin-narrow-secret-for-tests-only-0123456789", "admin:persons admin:units" },
			"admin-ward-persons", new String[] { "admin-ward-persons-secret-for-tests-only-0123456789",
					"admin:persons admin:persons.pin admin:staff" },
			"admin-other", new String[] { "admin-other-secret-for-tests-only-0123456789",
					"admin:persons admin:staff admin:units" });

	private static final SecureRandom RANDOM = new SecureRandom();

	private static final Map<String, String> UNITS = new ConcurrentHashMap<>();

	private final AdminApi api = new AdminApi();

	@Autowired
	Persons persons;

	@Autowired
	PersonClaims claims;

	@Autowired
	JdbcClient jdbc;

	// ---- profile update --------------------------------------------------------------------

	@Test
	void whenProfileIsPatchedThenItIsStoredInNfcFoundByItsNewNameAndAuditedWithTheNumberMasked() throws Exception {
		String admin = token("e2e", "admin-realm");
		String pin = newPin();
		JsonNode hired = json(hire(admin, unit("GAP.W2"), pin), 201);
		String path = "/persons/" + hired.get("personId").asString();
		HttpResponse<String> before = call("GET", "e2e", path, admin, null);
		String family = "Phùng" + RANDOM.nextInt(1_000_000);
		String decomposed = Normalizer.normalize(family + " Thị  Hằng", Normalizer.Form.NFD);

		HttpResponse<String> patched = call("PATCH", "e2e", path, admin, "{\"fullName\":\"" + decomposed + "\","
				+ "\"birthDate\":\"" + birthYear(pin) + "-04-30\",\"sex\":\"" + sex(pin) + "\","
				+ "\"email\":{\"value\":\"hang@example.gov.vn\",\"verified\":true,\"source\":\"vneid\"},"
				+ "\"phone\":{\"value\":\"+84912345678\"},"
				+ "\"address\":{\"streetAddress\":\"5 Tràng Tiền\",\"locality\":\"Hoàn Kiếm\",\"country\":\"VN\"}}",
				"If-Match", etag(before), "Content-Type", "application/merge-patch+json");

		JsonNode person = json(patched, 200);
		String nfc = Normalizer.normalize(family + " Thị Hằng", Normalizer.Form.NFC);
		assertThat(person.get("fullName").asString()).isEqualTo(nfc);
		assertThat(person.get("email").get("verified").asBoolean()).isTrue();
		assertThat(person.get("email").get("source").asString()).isEqualTo("vneid");
		assertThat(person.get("phone").get("verified").asBoolean()).isFalse();
		assertThat(person.get("phone").get("source").asString()).isEqualTo("admin");
		assertThat(person.get("address").get("locality").asString()).isEqualTo("Hoàn Kiếm");
		assertThat(person.get("personalIdNumber").asString()).isEqualTo(pin);
		assertThat(etag(patched)).isNotEqualTo(etag(before));
		String folded = fold(family) + " thi hang";
		JsonNode found = json(call("GET", "e2e", "/persons?name=" + URLEncoder.encode(folded, StandardCharsets.UTF_8),
				admin, null), 200);
		assertThat(found.get("items")).hasSize(1);

		// null removes a member; a member left out stays
		JsonNode removed = json(call("PATCH", "e2e", path, admin, "{\"phone\":null}", "If-Match", etag(patched)), 200);
		assertThat(removed.has("phone") && !removed.get("phone").isNull()).isFalse();
		assertThat(removed.get("fullName").asString()).isEqualTo(nfc);

		JsonNode events = json(call("GET", "e2e", "/audit?targetType=person&targetId=" + hired.get("personId").asString()
				+ "&limit=2", admin, null), 200).get("items");
		assertThat(events.get(1).get("action").asString()).isEqualTo("PersonProfileUpdated");
		assertThat(events.get(1).get("before").get("fullName").asString()).isEqualTo("Trần Thị Cán Bộ");
		assertThat(events.get(1).get("after").get("fullName").asString()).isEqualTo(nfc);
		assertThat(events.get(1).get("after").get("personalIdNumber").asString()).isEqualTo(masked(pin));
		assertThat(events.toString()).doesNotContain(pin);
	}

	@Test
	void whenProfilePatchIsStaleMissingIfMatchOrBadThenProblemsNameTheFields() throws Exception {
		String admin = token("e2e", "admin-realm");
		String pin = newPin();
		String path = "/persons/" + json(hire(admin, unit("GAP.W2"), pin), 201).get("personId").asString();
		String etag = etag(call("GET", "e2e", path, admin, null));
		HttpResponse<String> renamed = call("PATCH", "e2e", path, admin, "{\"fullName\":\"Tên Mới\"}", "If-Match", etag);
		assertThat(renamed.statusCode()).as(renamed.body()).isEqualTo(200);

		assertProblem(call("PATCH", "e2e", path, admin, "{\"fullName\":\"Lost update\"}", "If-Match", etag), 412,
				"urn:thanglong-id:problem:precondition-failed");
		assertProblem(call("PATCH", "e2e", path, admin, "{\"fullName\":\"No condition\"}"), 428,
				"urn:thanglong-id:problem:precondition-required");

		String current = etag(renamed);
		JsonNode shape = assertProblem(call("PATCH", "e2e", path, admin, "{\"fullName\":null,\"sex\":\"x\","
				+ "\"birthDate\":\"soon\",\"personalIdNumber\":\"" + newPin() + "\",\"email\":{\"verified\":\"yes\"},"
				+ "\"nickname\":\"An\"}", "If-Match", current), 400, "urn:thanglong-id:problem:invalid-request");
		assertThat(fields(shape)).containsExactlyInAnyOrder("fullName", "sex", "birthDate", "personalIdNumber",
				"email.value", "email.verified", "nickname");
		JsonNode email = assertProblem(call("PATCH", "e2e", path, admin,
				"{\"email\":{\"value\":\"not-an-address\",\"verified\":true}}", "If-Match", current), 400,
				"urn:thanglong-id:problem:invalid-request");
		assertThat(fields(email)).containsExactly("email");
		JsonNode contradicts = assertProblem(call("PATCH", "e2e", path, admin,
				"{\"birthDate\":\"1985-01-01\"}", "If-Match", current), 400, "urn:thanglong-id:problem:invalid-request");
		assertThat(fields(contradicts)).containsExactly("birthDate");
		assertThat(contradicts.toString()).doesNotContain(pin);
		assertThat(json(call("GET", "e2e", path, admin, null), 200).get("fullName").asString()).isEqualTo("Tên Mới");
	}

	@Test
	void whenUnitAdministratorUpdatesAPersonThenOnlyOneEmployedInItsSubtree() throws Exception {
		String admin = token("e2e", "admin-realm");
		String ward = token("e2e", "admin-ward-persons");
		JsonNode inside = json(hire(admin, unit("GAP.W1.T1"), newPin()), 201);
		JsonNode outside = json(hire(admin, unit("GAP.W2"), newPin()), 201);

		String insidePath = "/persons/" + inside.get("personId").asString();
		HttpResponse<String> read = call("GET", "e2e", insidePath, ward, null);
		assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
		HttpResponse<String> patched = call("PATCH", "e2e", insidePath, ward, "{\"fullName\":\"Cán Bộ Phường\"}",
				"If-Match", etag(read));
		assertThat(patched.statusCode()).as(patched.body()).isEqualTo(200);
		JsonNode event = json(call("GET", "e2e", "/audit?targetType=person&targetId=" + inside.get("personId").asString()
				+ "&limit=1", admin, null), 200).get("items").get(0);
		assertThat(event.get("actor").asString()).isEqualTo("admin-ward-persons");

		String outsidePath = "/persons/" + outside.get("personId").asString();
		assertProblem(call("GET", "e2e", outsidePath, ward, null), 403,
				"urn:thanglong-id:problem:outside-administered-unit");
		assertProblem(call("PATCH", "e2e", outsidePath, ward, "{\"fullName\":\"Không được\"}", "If-Match", "\"0\""),
				403, "urn:thanglong-id:problem:outside-administered-unit");
		assertProblem(call("POST", "e2e", outsidePath + "/personal-id-number/correct", ward,
				"{\"personalIdNumber\":\"" + newPin() + "\"}", "If-Match", "\"0\""), 403,
				"urn:thanglong-id:problem:outside-administered-unit");
		// searching and locking stay with realm administrators
		assertProblem(call("GET", "e2e", "/persons?name=can", ward, null), 403,
				"urn:thanglong-id:problem:outside-administered-unit");
		assertProblem(call("POST", "e2e", insidePath + "/lock", ward, null, "If-Match", etag(patched)), 403,
				"urn:thanglong-id:problem:outside-administered-unit");
		// once the employment ends, the person is no longer the unit's
		String staffPath = "/staff/" + inside.get("id").asString();
		HttpResponse<String> terminated = call("POST", "e2e", staffPath + "/terminate", admin,
				"{\"effectiveFrom\":\"2026-06-01\"}", "If-Match", etag(call("GET", "e2e", staffPath, admin, null)));
		assertThat(terminated.statusCode()).as(terminated.body()).isEqualTo(200);
		assertProblem(call("GET", "e2e", insidePath, ward, null), 403,
				"urn:thanglong-id:problem:outside-administered-unit");
	}

	// ---- personal ID numbers ---------------------------------------------------------------

	@Test
	void whenPersonalIdNumberIsRecordedThenOnlyWithThePinScopeCheckedUniqueAndNeverEchoed() throws Exception {
		String admin = token("e2e", "admin-realm");
		String narrow = token("e2e", "admin-narrow");
		Person person = this.persons.create(new NewPerson("e2e", new PersonProfile("Khuất Văn Chưa Số",
				LocalDate.of(1992, 8, 8), Sex.MALE, null, null, null), null), "test");
		String path = "/persons/" + person.id();
		String pin = "0010920" + String.format(Locale.ROOT, "%05d", RANDOM.nextInt(100_000));
		String etag = etag(call("GET", "e2e", path, admin, null));

		HttpResponse<String> refused = call("POST", "e2e", path + "/personal-id-number", narrow,
				"{\"personalIdNumber\":\"" + pin + "\"}", "If-Match", etag);
		JsonNode scope = assertProblem(refused, 403, "urn:thanglong-id:problem:insufficient-scope");
		assertThat(scope.get("detail").asString()).contains("admin:persons.pin");
		assertThat(refused.headers().firstValue("WWW-Authenticate")).hasValueSatisfying((challenge) -> assertThat(
				challenge).contains("error=\"insufficient_scope\"").contains("scope=\"admin:persons.pin\""));

		JsonNode invalid = assertProblem(call("POST", "e2e", path + "/personal-id-number", admin,
				"{\"personalIdNumber\":\"12345\"}", "If-Match", etag), 400, "urn:thanglong-id:problem:invalid-request");
		assertThat(fields(invalid)).containsExactly("personalIdNumber");
		// a woman's century digit for a man born in 1992, and a number of 1993
		assertThat(fields(assertProblem(call("POST", "e2e", path + "/personal-id-number", admin,
				"{\"personalIdNumber\":\"0011920" + pin.substring(7) + "\"}", "If-Match", etag), 400,
				"urn:thanglong-id:problem:invalid-request"))).containsExactly("personalIdNumber");
		assertThat(fields(assertProblem(call("POST", "e2e", path + "/personal-id-number", admin,
				"{\"personalIdNumber\":\"0010930" + pin.substring(7) + "\"}", "If-Match", etag), 400,
				"urn:thanglong-id:problem:invalid-request"))).containsExactly("personalIdNumber");

		String held = "0010920" + String.format(Locale.ROOT, "%05d", RANDOM.nextInt(100_000));
		JsonNode holder = json(hire(admin, unit("GAP.W2"), held), 201);
		HttpResponse<String> taken = call("POST", "e2e", path + "/personal-id-number", admin,
				"{\"personalIdNumber\":\"" + held + "\"}", "If-Match", etag);
		JsonNode conflict = assertProblem(taken, 409, "urn:thanglong-id:problem:conflict");
		assertThat(fields(conflict)).containsExactly("personalIdNumber");
		assertThat(taken.body()).doesNotContain(held).doesNotContain(holder.get("personId").asString())
			.doesNotContain("Trần Thị Cán Bộ");

		HttpResponse<String> recorded = call("POST", "e2e", path + "/personal-id-number", admin,
				"{\"personalIdNumber\":\"" + pin + "\"}", "If-Match", etag);
		assertThat(json(recorded, 200).get("personalIdNumber").asString()).isEqualTo(pin);
		assertProblem(call("POST", "e2e", path + "/personal-id-number", admin, "{\"personalIdNumber\":\"" + pin + "\"}",
				"If-Match", etag(recorded)), 409, "urn:thanglong-id:problem:conflict");
		assertThat(json(call("GET", "e2e", path, narrow, null), 200).get("personalIdNumber").asString())
			.isEqualTo(masked(pin));

		// a wrong number is corrected under the same scope
		String right = "0010920" + String.format(Locale.ROOT, "%05d", RANDOM.nextInt(100_000));
		assertProblem(call("POST", "e2e", path + "/personal-id-number/correct", narrow,
				"{\"personalIdNumber\":\"" + right + "\"}", "If-Match", etag(recorded)), 403,
				"urn:thanglong-id:problem:insufficient-scope");
		HttpResponse<String> corrected = call("POST", "e2e", path + "/personal-id-number/correct", admin,
				"{\"personalIdNumber\":\"" + right + "\"}", "If-Match", etag(recorded));
		assertThat(json(corrected, 200).get("personalIdNumber").asString()).isEqualTo(right);
		assertThat(json(call("POST", "e2e", "/persons/search", admin, "{\"personalIdNumber\":\"" + pin + "\"}"), 200)
			.get("items")).isEmpty();

		JsonNode events = json(call("GET", "e2e", "/audit?targetType=person&targetId=" + person.id(), admin, null), 200)
			.get("items");
		assertThat(events.get(0).get("action").asString()).isEqualTo("PersonalIdNumberCorrected");
		assertThat(events.get(1).get("action").asString()).isEqualTo("PersonalIdNumberRecorded");
		assertThat(events.get(1).get("after").get("personalIdNumber").asString()).isEqualTo(masked(pin));
		assertThat(events.toString()).doesNotContain(pin).doesNotContain(right);
	}

	// ---- organizations ---------------------------------------------------------------------

	@Test
	void whenOrganizationStatusChangesThenUnderIfMatchAuditedAndDissolutionIsFinal() throws Exception {
		String admin = token("e2e", "admin-realm");
		HttpResponse<String> registered = call("POST", "e2e", "/organizations", admin,
				"{\"taxCode\":\"" + newTaxCode() + "\",\"name\":\"Công ty TNHH Tạm Dừng\"}");
		JsonNode organization = json(registered, 201);
		String path = "/organizations/" + organization.get("id").asString();

		HttpResponse<String> suspended = call("POST", "e2e", path + "/status", admin, "{\"status\":\"suspended\"}",
				"If-Match", etag(registered));
		assertThat(json(suspended, 200).get("status").asString()).isEqualTo("suspended");
		assertProblem(call("POST", "e2e", path + "/status", admin, "{\"status\":\"active\"}", "If-Match",
				etag(registered)), 412, "urn:thanglong-id:problem:precondition-failed");
		assertProblem(call("POST", "e2e", path + "/status", admin, "{\"status\":\"active\"}"), 428,
				"urn:thanglong-id:problem:precondition-required");
		assertThat(fields(assertProblem(call("POST", "e2e", path + "/status", admin, "{\"status\":\"frozen\"}",
				"If-Match", etag(suspended)), 400, "urn:thanglong-id:problem:invalid-request"))).containsExactly("status");
		assertThat(fields(assertProblem(call("POST", "e2e", path + "/status", admin, "{\"status\":\"suspended\"}",
				"If-Match", etag(suspended)), 409, "urn:thanglong-id:problem:conflict"))).containsExactly("status");
		// no new memberships while suspended
		String personId = json(hire(admin, unit("GAP.W2"), newPin()), 201).get("personId").asString();
		assertProblem(call("POST", "e2e", path + "/memberships", admin, "{\"personId\":\"" + personId
				+ "\",\"role\":\"member\",\"validFrom\":\"2026-01-01\"}"), 409, "urn:thanglong-id:problem:conflict");

		HttpResponse<String> dissolved = call("POST", "e2e", path + "/status", admin, "{\"status\":\"dissolved\"}",
				"If-Match", etag(suspended));
		assertThat(json(dissolved, 200).get("status").asString()).isEqualTo("dissolved");
		assertProblem(call("POST", "e2e", path + "/status", admin, "{\"status\":\"active\"}", "If-Match",
				etag(dissolved)), 409, "urn:thanglong-id:problem:conflict");

		JsonNode events = json(call("GET", "e2e", "/audit?targetType=organization&targetId="
				+ organization.get("id").asString(), admin, null), 200).get("items");
		assertThat(events).hasSize(3);
		assertThat(events.get(0).get("action").asString()).isEqualTo("OrganizationStatusChanged");
		assertThat(events.get(0).get("before").get("status").asString()).isEqualTo("suspended");
		assertThat(events.get(0).get("after").get("status").asString()).isEqualTo("dissolved");
		assertThat(events.get(0).get("actor").asString()).isEqualTo("admin-realm");
	}

	@Test
	void whenAMembershipIsGrantedAgainForOverlappingDaysThen409NamingTheStoredOneAndNothingIsWritten()
			throws Exception {
		String admin = token("e2e", "admin-realm");
		String path = "/organizations/" + organization(admin, "Công ty Cổ phần Trùng Lặp");
		String personId = json(hire(admin, unit("GAP.W2"), newPin()), 201).get("personId").asString();
		LocalDate today = LocalDate.now(ZoneOffset.UTC);
		String first = json(grant(admin, path, personId, today.minusDays(30), null), 201).get("id").asString();

		for (String again : List.of(grantBody(personId, today.minusDays(30), null),
				grantBody(personId, today.plusDays(10), today.plusDays(20)),
				grantBody(personId, today.minusDays(60), today.minusDays(30)))) {
			JsonNode problem = assertProblem(call("POST", "e2e", path + "/memberships", admin, again), 409,
					"urn:thanglong-id:problem:conflict");
			assertThat(fields(problem)).as(again).containsExactly("personId");
			assertThat(problem.get("conflictsWith").asString()).as(again).isEqualTo(first);
		}

		JsonNode current = json(call("GET", "e2e", path + "/memberships", admin, null), 200);
		assertThat(current).extracting((membership) -> membership.get("id").asString()).containsExactly(first);
		assertThat(this.jdbc.sql("select count(*) from membership where person_id = ?").param(personId)
			.query(Integer.class).single()).isEqualTo(1);
		assertThat(this.jdbc.sql("select count(*) from audit_event where action = 'MembershipGranted' "
				+ "and after_state like ?").param("%" + personId + "%").query(Integer.class).single()).isEqualTo(1);
	}

	@Test
	void whenAMembershipEndedYesterdayThenOneFromTodayIsGrantedButNotOneFromYesterdayAndChosenOnce()
			throws Exception {
		String admin = token("e2e", "admin-realm");
		String path = "/organizations/" + organization(admin, "Công ty Cổ phần Kế Tiếp");
		String personId = json(hire(admin, unit("GAP.W2"), newPin()), 201).get("personId").asString();
		LocalDate today = LocalDate.now(ZoneOffset.UTC);
		String first = json(grant(admin, path, personId, today.minusDays(30), null), 201).get("id").asString();

		JsonNode ended = json(call("POST", "e2e", path + "/memberships/" + first + "/end", admin,
				"{\"validTo\":\"" + today.minusDays(1) + "\"}"), 200);
		assertThat(ended.get("validTo").asString()).isEqualTo(today.minusDays(1).toString());
		JsonNode back = assertProblem(grant(admin, path, personId, today.minusDays(1), null), 409,
				"urn:thanglong-id:problem:conflict");
		assertThat(back.get("conflictsWith").asString()).as("its last day is yesterday").isEqualTo(first);
		HttpResponse<String> granted = grant(admin, path, personId, today, null);
		String next = json(granted, 201).get("id").asString();
		// the Location of the grant names the membership, and so does the ended one's path
		String location = granted.headers().firstValue("Location").orElseThrow();
		assertThat(location).isEqualTo("/realms/e2e/admin/api" + path + "/memberships/" + next);
		assertThat(json(call("GET", "e2e", path + "/memberships/" + next, admin, null), 200).get("personId").asString())
			.isEqualTo(personId);
		assertThat(json(call("GET", "e2e", path + "/memberships/" + first, admin, null), 200).get("validTo").asString())
			.as("an ended membership stays readable").isEqualTo(today.minusDays(1).toString());
		assertProblem(call("GET", "e2e", "/organizations/" + organization(admin, "Công ty Khác") + "/memberships/" + next,
				admin, null), 404, "urn:thanglong-id:problem:not-found");

		JsonNode current = json(call("GET", "e2e", path + "/memberships", admin, null), 200);
		assertThat(current).extracting((membership) -> membership.get("id").asString()).containsExactly(next);
		assertThat(this.claims.organizationsOf(personId)).extracting(PersonClaims.OrganizationChoice::membershipId)
			.containsExactly(next);
	}

	@Test
	void whenAnEndWouldReachIntoTheNextMembershipThen409NamingIt() throws Exception {
		String admin = token("e2e", "admin-realm");
		String path = "/organizations/" + organization(admin, "Công ty Cổ phần Gia Hạn");
		String personId = json(hire(admin, unit("GAP.W2"), newPin()), 201).get("personId").asString();
		LocalDate today = LocalDate.now(ZoneOffset.UTC);
		String current = json(grant(admin, path, personId, today.minusDays(10), today.plusDays(10)), 201).get("id")
			.asString();
		String next = json(grant(admin, path, personId, today.plusDays(11), null), 201).get("id").asString();

		JsonNode problem = assertProblem(call("POST", "e2e", path + "/memberships/" + current + "/end", admin,
				"{\"validTo\":\"" + today.plusDays(20) + "\"}"), 409, "urn:thanglong-id:problem:conflict");
		assertThat(fields(problem)).containsExactly("validTo");
		assertThat(problem.get("conflictsWith").asString()).isEqualTo(next);
		JsonNode memberships = json(call("GET", "e2e", path + "/memberships", admin, null), 200);
		assertThat(memberships.get(0).get("validTo").asString()).as("unchanged").isEqualTo(today.plusDays(10).toString());
	}

	@Test
	void whenTheSameMembershipIsGrantedTwiceAtOnceThenOneIs201AndTheOther409() throws Exception {
		String admin = token("e2e", "admin-realm");
		ExecutorService pool = Executors.newFixedThreadPool(2);
		try {
			for (int round = 0; round < 5; round++) {
				String path = "/organizations/" + organization(admin, "Công ty Cổ phần Đồng Thời " + round);
				String personId = json(hire(admin, unit("GAP.W2"), newPin()), 201).get("personId").asString();
				CountDownLatch start = new CountDownLatch(1);
				List<Future<HttpResponse<String>>> grants = new ArrayList<>();
				for (int i = 0; i < 2; i++) {
					grants.add(pool.submit(() -> {
						start.await();
						return grant(admin, path, personId, LocalDate.now(ZoneOffset.UTC).minusDays(1), null);
					}));
				}
				start.countDown();
				List<Integer> statuses = new ArrayList<>();
				for (Future<HttpResponse<String>> grant : grants) {
					statuses.add(grant.get().statusCode());
				}
				assertThat(statuses).as("round " + round).containsExactlyInAnyOrder(201, 409);
				assertThat(json(call("GET", "e2e", path + "/memberships", admin, null), 200)).as("round " + round)
					.hasSize(1);
			}
		}
		finally {
			pool.shutdownNow();
		}
	}

	// ---- hires -----------------------------------------------------------------------------

	@Test
	void whenTheSameNewPersonIsHiredTwiceAtOnceThenOnePersonOneHireAndTheOtherASecondHire() throws Exception {
		String admin = token("e2e", "admin-realm");
		ExecutorService pool = Executors.newFixedThreadPool(2);
		try {
			for (int round = 0; round < 5; round++) {
				String pin = newPin();
				CountDownLatch start = new CountDownLatch(1);
				List<Future<HttpResponse<String>>> hires = new ArrayList<>();
				for (String unit : List.of("GAP.W1.T1", "GAP.W2")) {
					String unitId = unit(unit);
					hires.add(pool.submit(() -> {
						start.await();
						return hire(admin, unitId, pin);
					}));
				}
				start.countDown();
				List<Integer> statuses = new ArrayList<>();
				for (Future<HttpResponse<String>> hire : hires) {
					HttpResponse<String> response = hire.get();
					statuses.add(response.statusCode());
					if (response.statusCode() != 201) {
						assertProblem(response, 409, "urn:thanglong-id:problem:transition-not-allowed");
					}
				}
				assertThat(statuses).as("round " + round).containsExactlyInAnyOrder(201, 409);
				JsonNode found = json(call("POST", "e2e", "/persons/search", admin,
						"{\"personalIdNumber\":\"" + pin + "\"}"), 200);
				assertThat(found.get("items")).as("round " + round).hasSize(1);
			}
		}
		finally {
			pool.shutdownNow();
		}
	}

	@Test
	void whenTheIdNumberBelongsToAPersonOfAnotherRealmThenHireIsAConflictThatDoesNotNameIt() throws Exception {
		String other = token("other", "admin-other");
		String admin = token("e2e", "admin-realm");
		String pin = newPin();
		JsonNode otherUnit = json(call("POST", "other", "/units", other, "{\"code\":\"GAPX." + RANDOM.nextInt(1_000_000)
				+ "\",\"name\":\"Đơn vị realm khác\",\"parentId\":null}"), 201);
		JsonNode elsewhere = json(call("POST", "other", "/staff", other, hireBody(otherUnit.get("id").asString(), pin)),
				201);

		HttpResponse<String> response = hire(admin, unit("GAP.W2"), pin);

		JsonNode problem = assertProblem(response, 409, "urn:thanglong-id:problem:conflict");
		assertThat(fields(problem)).containsExactly("person.personalIdNumber");
		assertThat(response.body()).doesNotContain("\"other\"").doesNotContain("realms/other").doesNotContain(pin)
			.doesNotContain(elsewhere.get("personId").asString()).doesNotContain(otherUnit.get("id").asString());
		assertThat(json(call("POST", "e2e", "/persons/search", admin, "{\"personalIdNumber\":\"" + pin + "\"}"), 200)
			.get("items")).isEmpty();
		// the person of realm other is untouched: still one staff record, still theirs
		JsonNode theirs = json(call("GET", "other", "/staff/" + elsewhere.get("id").asString(), other, null), 200);
		assertThat(theirs.get("personId").asString()).isEqualTo(elsewhere.get("personId").asString());
		assertThat(theirs.get("version").asLong()).isZero();
	}

	@org.junit.jupiter.api.Test
	void whenATextValueHoldsANulCharacterThenInvalidRequestNotAConflict() throws Exception {
		// PostgreSQL stores no NUL in text; the write is refused, and that is the request's fault
		String admin = token("e2e", "admin-realm");
		HttpResponse<String> unit = call("POST", "e2e", "/units", admin,
				"{\"code\":\"NUL" + RANDOM.nextInt(1_000_000) + "\",\"name\":\"Đơn vị\\u0000\",\"parentId\":null}");
		HttpResponse<String> organization = call("POST", "e2e", "/organizations", admin,
				"{\"taxCode\":\"" + newTaxCode() + "\",\"name\":\"Công ty\\u0000\"}");
		for (HttpResponse<String> response : List.of(unit, organization)) {
			assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
			assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
			assertThat(response.body()).contains("\"field\":\"name\"");
		}
	}

	/** Names people read: no control, direction-changing or invisible characters (each was stored). */
	@org.junit.jupiter.api.Test
	void whenANameHoldsCharactersThatChangeHowItReadsThenTheFieldIsRefused() throws Exception {
		String admin = token("e2e", "admin-realm");
		for (String sneaky : List.of("\\u0007", "\\u202E", "\\u200B", "\\u2066")) {
			HttpResponse<String> unit = call("POST", "e2e", "/units", admin, "{\"code\":\"RTL" + RANDOM.nextInt(1_000_000)
					+ "\",\"name\":\"Đơn vị" + sneaky + "xyz\",\"parentId\":null}");
			assertThat(unit.statusCode()).as(sneaky + " " + unit.body()).isEqualTo(400);
			assertThat(unit.body()).contains("\"name\"");
			HttpResponse<String> staff = call("POST", "e2e", "/staff", admin,
					hireBody(unit("GAP"), newPin()).replace("Trần Thị Cán Bộ", "Trần" + sneaky + "Thị"));
			assertThat(staff.statusCode()).as(sneaky + " " + staff.body()).isEqualTo(400);
			// named as the request names it (the identity model's own name was "fullName")
			assertThat(staff.body()).contains("\"field\":\"person.fullName\"");
		}
		// Vietnamese letters with their marks, composed or not, are what names are made of
		HttpResponse<String> fine = call("POST", "e2e", "/units", admin, "{\"code\":\"VN" + RANDOM.nextInt(1_000_000)
				+ "\",\"name\":\"Phường Đống Đa (Hà Nội) – số 1\",\"parentId\":null}");
		assertThat(fine.statusCode()).as(fine.body()).isEqualTo(201);
	}

	/** Members a request does not take are named and refused, not dropped while the write succeeds. */
	@org.junit.jupiter.api.Test
	void whenABodyHasMembersItsRequestDoesNotTakeThenTheyAreNamedAndNothingIsWritten() throws Exception {
		String admin = token("e2e", "admin-realm");
		String taxCode = newTaxCode();
		HttpResponse<String> organization = call("POST", "e2e", "/organizations", admin,
				"{\"taxCode\":\"" + taxCode + "\",\"name\":\"Công ty Giải thể\",\"status\":\"dissolved\"}");
		assertThat(organization.statusCode()).as(organization.body()).isEqualTo(400);
		assertThat(organization.body()).contains("\"field\":\"status\"");
		HttpResponse<String> staff = call("POST", "e2e", "/staff", admin,
				hireBody(unit("GAP"), newPin()).replace("\"fullName\"", "\"colour\":\"blue\",\"fullName\""));
		assertThat(staff.statusCode()).as(staff.body()).isEqualTo(400);
		assertThat(staff.body()).contains("\"field\":\"person.colour\"");
		// the same organization without the member is created: nothing of the refused one was kept
		assertThat(call("POST", "e2e", "/organizations", admin,
				"{\"taxCode\":\"" + taxCode + "\",\"name\":\"Công ty Giải thể\"}").statusCode()).isEqualTo(201);
	}

	// ---- helpers ---------------------------------------------------------------------------

	private String token(String realm, String clientId) throws Exception {
		String[] client = CLIENTS.get(clientId);
		HTTPResponse response = new TokenRequest(URI.create(issuer(realm) + "/oauth2/token"),
				new ClientSecretBasic(new ClientID(clientId), new Secret(client[0])), new ClientCredentialsGrant(),
				Scope.parse(client[1]))
			.toHTTPRequest()
			.send();
		TokenResponse parsed = TokenResponse.parse(response);
		assertThat(parsed.indicatesSuccess()).as(response.getBody()).isTrue();
		return parsed.toSuccessResponse().getTokens().getAccessToken().getValue();
	}

	/** The id of unit {@code code} of realm e2e, creating this test's tree on first use. */
	private String unit(String code) throws Exception {
		synchronized (UNITS) {
			if (UNITS.isEmpty()) {
				String admin = token("e2e", "admin-realm");
				Map<String, String> tree = new LinkedHashMap<>();
				tree.put("GAP", null);
				tree.put("GAP.W1", "GAP");
				tree.put("GAP.W1.T1", "GAP.W1");
				tree.put("GAP.W2", "GAP");
				for (Map.Entry<String, String> entry : tree.entrySet()) {
					String parent = (entry.getValue() == null) ? "null" : "\"" + UNITS.get(entry.getValue()) + "\"";
					HttpResponse<String> created = call("POST", "e2e", "/units", admin, "{\"code\":\"" + entry.getKey()
							+ "\",\"name\":\"Đơn vị " + entry.getKey() + "\",\"parentId\":" + parent + "}");
					UNITS.put(entry.getKey(), json(created, 201).get("id").asString());
				}
			}
		}
		return UNITS.get(code);
	}

	/** The id of a new organization. */
	private String organization(String token, String name) throws Exception {
		return json(call("POST", "e2e", "/organizations", token, "{\"taxCode\":\"" + newTaxCode() + "\",\"name\":\""
				+ name + "\"}"), 201).get("id").asString();
	}

	private HttpResponse<String> grant(String token, String organizationPath, String personId, LocalDate from,
			LocalDate to) throws Exception {
		return call("POST", "e2e", organizationPath + "/memberships", token, grantBody(personId, from, to));
	}

	private static String grantBody(String personId, LocalDate from, LocalDate to) {
		return "{\"personId\":\"" + personId + "\",\"role\":\"authorized_employee\",\"validFrom\":\"" + from + "\""
				+ ((to != null) ? ",\"validTo\":\"" + to + "\"" : "") + "}";
	}

	private HttpResponse<String> hire(String token, String unitId, String pin) throws Exception {
		return call("POST", "e2e", "/staff", token, hireBody(unitId, pin));
	}

	private static String hireBody(String unitId, String pin) {
		return "{\"person\":{\"fullName\":\"Trần Thị Cán Bộ\",\"personalIdNumber\":\"" + pin + "\"},\"unitId\":\"" + unitId
				+ "\",\"position\":\"Chuyên viên\",\"effectiveFrom\":\"2026-01-05\"}";
	}

	/** Hà Nội, born in the 1990s: a valid number no other test uses (with overwhelming odds). */
	private static String newPin() {
		return "001" + (RANDOM.nextBoolean() ? "0" : "1") + "9" + RANDOM.nextInt(10)
				+ String.format(Locale.ROOT, "%06d", RANDOM.nextInt(1_000_000));
	}

	private static int birthYear(String pin) {
		return 1900 + Integer.parseInt(pin.substring(4, 6));
	}

	private static String sex(String pin) {
		return (pin.charAt(3) == '0') ? "male" : "female";
	}

	private static String masked(String pin) {
		return pin.substring(0, 3) + "*******" + pin.substring(10);
	}

	private static String fold(String text) {
		return Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}", "").replace('đ', 'd')
			.replace('Đ', 'D').toLowerCase(Locale.ROOT);
	}

	/** A valid tax code (10 digits, the last a check digit) that no other test registers. */
	private static String newTaxCode() {
		while (true) {
			String head = String.format(Locale.ROOT, "%09d", RANDOM.nextInt(1_000_000_000));
			for (int check = 0; check < 10; check++) {
				if (TaxCode.parse(head + check).isPresent()) {
					return head + check;
				}
			}
		}
	}

	private HttpResponse<String> call(String method, String realm, String path, String token, String body,
			String... headers) throws Exception {
		return this.api.call(issuer(realm), method, path, token, body, headers);
	}

}
