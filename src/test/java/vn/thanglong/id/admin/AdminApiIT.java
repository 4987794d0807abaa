package vn.thanglong.id.admin;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
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
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import vn.thanglong.id.keys.KeyRing;
import vn.thanglong.id.support.AdminApi;
import vn.thanglong.id.support.ProviderIT;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.thanglong.id.support.AdminApi.assertProblem;
import static vn.thanglong.id.support.AdminApi.etag;
import static vn.thanglong.id.support.AdminApi.fields;
import static vn.thanglong.id.support.AdminApi.json;

/**
 * The admin API end to end: tokens from the realm's token endpoint through the Nimbus SDK
 * ({@code client_credentials}), calls with {@code java.net.http}, against the running server
 * on PostgreSQL and Redis. The unit tree below is created once through the API itself:
 * {@code E2E > E2E.D1 > (E2E.D1.W1 > E2E.D1.W1.T1, E2E.D1.W2)}; client {@code admin-ward} is
 * bound to {@code E2E.D1.W1}.
 */
class AdminApiIT extends ProviderIT {

	private static final String REALM_SECRET = "admin-realm-secret-for-tests-only-0123456789";

	private static final String WARD_SECRET = "admin-ward-secret-for-tests-only-0123456789";

	private static final String NARROW_SECRET = "admin-narrow-secret-for-tests-only-0123456789";

	private static final String OTHER_SECRET = "admin-other-secret-for-tests-only-0123456789";

	/** Spring's client_credentials grant issues only the scopes asked for, so each client asks for all of its own. */
	private static final Map<String, String> SCOPES = Map.of(
			"admin-realm", "admin:persons admin:persons.pin admin:staff admin:units admin:organizations admin:audit",
			"admin-ward", "admin:staff admin:units",
			"admin-narrow", "admin:persons admin:units",
			"admin-other", "admin:persons admin:staff admin:units admin:organizations admin:audit");

	private static final SecureRandom RANDOM = new SecureRandom();

	/** Unit ids by code, created once per test JVM (the database is shared by every test class). */
	private static final Map<String, String> UNITS = new ConcurrentHashMap<>();

	private final AdminApi api = new AdminApi();

	private final JsonMapper json = JsonMapper.builder().build();

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	RequestMappingHandlerMapping mappings;

	@Autowired
	KeyRing keys;

	// ---- delegated administration ----------------------------------------------------------

	@Test
	void whenUnitAdministratorActsOutsideItsSubtreeThenForbiddenProblemAndInsideItWorks() throws Exception {
		String realmAdmin = token("e2e", "admin-realm", REALM_SECRET);
		String ward = token("e2e", "admin-ward", WARD_SECRET);
		JsonNode inside = json(hire(realmAdmin, unit("E2E.D1.W1.T1"), newPin(), null), 201);
		JsonNode outside = json(hire(realmAdmin, unit("E2E.D1.W2"), newPin(), null), 201);

		// its own subtree: read, transfer up to the ward itself, suspend
		HttpResponse<String> read = call("GET", "e2e", "/staff/" + inside.get("id").asString(), ward, null);
		assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
		HttpResponse<String> moved = call("POST", "e2e", "/staff/" + inside.get("id").asString() + "/transfer", ward,
				"{\"unitId\":\"" + unit("E2E.D1.W1") + "\",\"effectiveFrom\":\"2026-02-01\"}", "If-Match",
				etag(read));
		assertThat(moved.statusCode()).as(moved.body()).isEqualTo(200);
		assertThat(json(moved, 200).get("unitId").asString()).isEqualTo(unit("E2E.D1.W1"));

		// another ward's staff: neither read nor changed
		String otherId = outside.get("id").asString();
		assertProblem(call("GET", "e2e", "/staff/" + otherId, ward, null), 403,
				"urn:thanglong-id:problem:outside-administered-unit");
		assertProblem(call("POST", "e2e", "/staff/" + otherId + "/suspend", ward,
				"{\"effectiveFrom\":\"2026-02-01\"}", "If-Match", "\"0\""), 403,
				"urn:thanglong-id:problem:outside-administered-unit");
		// nor moved out of the subtree, nor hired into another unit
		assertProblem(call("POST", "e2e", "/staff/" + inside.get("id").asString() + "/transfer", ward,
				"{\"unitId\":\"" + unit("E2E.D1.W2") + "\",\"effectiveFrom\":\"2026-03-01\"}", "If-Match", etag(moved)),
				403, "urn:thanglong-id:problem:outside-administered-unit");
		assertProblem(hire(ward, unit("E2E.D1.W2"), newPin(), null), 403,
				"urn:thanglong-id:problem:outside-administered-unit");
		assertProblem(call("POST", "e2e", "/units/" + unit("E2E.D1.W1") + "/close", ward, null, "If-Match", "\"0\""),
				403, "urn:thanglong-id:problem:outside-administered-unit");
		// the realm administrator still can
		HttpResponse<String> suspended = call("POST", "e2e", "/staff/" + otherId + "/suspend", realmAdmin,
				"{\"effectiveFrom\":\"2026-02-01\"}", "If-Match", "\"0\"");
		assertThat(suspended.statusCode()).as(suspended.body()).isEqualTo(200);
		assertThat(json(suspended, 200).get("status").asString()).isEqualTo("suspended");
		// and a hire into the ward's own subtree works for the ward
		assertThat(hire(ward, unit("E2E.D1.W1.T1"), newPin(), null).statusCode()).isEqualTo(201);
	}

	@Test
	void whenUnitAdministratorReadsAUnitAboveItsOwnThenForbiddenProblem() throws Exception {
		String ward = token("e2e", "admin-ward", WARD_SECRET);
		assertProblem(call("GET", "e2e", "/units/" + unit("E2E"), ward, null), 403,
				"urn:thanglong-id:problem:outside-administered-unit");
		assertThat(call("GET", "e2e", "/units/" + unit("E2E.D1.W1") + "/children", ward, null).statusCode())
			.isEqualTo(200);
	}

	// ---- problem details -------------------------------------------------------------------

	@Test
	void whenHireHasBadFieldsThenProblemNamesEveryField() throws Exception {
		String admin = token("e2e", "admin-realm", REALM_SECRET);

		HttpResponse<String> response = call("POST", "e2e", "/staff", admin,
				"{\"person\":{\"fullName\":\" \",\"personalIdNumber\":\"12345\",\"sex\":\"x\"},"
						+ "\"effectiveFrom\":\"tomorrow\"}");

		JsonNode problem = assertProblem(response, 400, "urn:thanglong-id:problem:invalid-request");
		assertThat(problem.get("title").asString()).isEqualTo("Invalid request");
		assertThat(problem.get("detail").asString()).isNotBlank();
		assertThat(fields(problem)).containsExactlyInAnyOrder("person.fullName", "person.personalIdNumber",
				"person.sex", "unitId", "position", "effectiveFrom");
		assertThat(response.body()).doesNotContain("12345").doesNotContain("Exception");
	}

	@Test
	void whenADateIsOutsideAnyAdministrativeRecordThenTheFieldIsRefused() throws Exception {
		String admin = token("e2e", "admin-realm", REALM_SECRET);
		for (String date : List.of("9999-12-31", "0001-01-01", "+12026-01-01", "-2026-01-01")) {
			String body = hireBody(unit("E2E.D1.W2"), newPin(), "Trần Thị Ngày").replace("2026-01-05", date);
			JsonNode problem = assertProblem(call("POST", "e2e", "/staff", admin, body), 400,
					"urn:thanglong-id:problem:invalid-request");
			assertThat(fields(problem)).as(date).containsExactly("effectiveFrom");
		}
	}

	@Test
	void whenBodyIsMalformedThenProblemAndNoStackTrace() throws Exception {
		String admin = token("e2e", "admin-realm", REALM_SECRET);
		HttpResponse<String> response = call("POST", "e2e", "/units", admin, "{\"code\": ");
		assertProblem(response, 400, "urn:thanglong-id:problem:malformed-request");
		assertThat(response.body()).doesNotContain("Exception").doesNotContain("at ");
	}

	/**
	 * A body past a mebibyte is refused before anything reads it, whether its length is
	 * declared or it comes in chunks, and one naming a member twice as malformed; a chunked body
	 * within the limit is read as sent.
	 */
	@Test
	void whenBodyIsLargerThanAMebibyteOrNamesAMemberTwiceThenRefusedAndNothingIsCreated() throws Exception {
		String admin = token("e2e", "admin-realm", REALM_SECRET);
		String code = "E2E.BIG" + RANDOM.nextInt(1_000_000);
		String unit = "{\"code\":\"" + code + "\",\"name\":\"Phường lớn\",\"parentId\":\"" + unit("E2E.D1") + "\"";
		String padded = unit + " ".repeat(1024 * 1024) + "}";

		JsonNode declared = assertProblem(call("POST", "e2e", "/units", admin, padded), 413, "urn:thanglong-id:problem:content-too-large");
		assertThat(declared.get("detail").asString()).isEqualTo("The request body is larger than 1048576 bytes.");
		assertProblem(this.api.postChunked(issuer("e2e"), "/units", admin, padded), 413, "urn:thanglong-id:problem:content-too-large");
		// the container decodes /admin/%61pi into the admin API: it is held to the limit all the same
		HttpResponse<String> encoded = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest
			.newBuilder(URI.create(issuer("e2e") + "/admin/%61pi/units"))
			.POST(java.net.http.HttpRequest.BodyPublishers.ofString(padded))
			.header("Content-Type", "application/json")
			.header("Authorization", "Bearer " + admin)
			.build(), HttpResponse.BodyHandlers.ofString());
		assertProblem(encoded, 413, "urn:thanglong-id:problem:content-too-large");
		// refused on its headers: no 100 Continue invites the client to send the megabyte first
		try (java.net.Socket socket = new java.net.Socket("127.0.0.1", this.port)) {
			socket.setSoTimeout(10_000);
			socket.getOutputStream().write(("POST /realms/e2e/admin/api/units HTTP/1.1\r\nHost: 127.0.0.1\r\n"
					+ "Authorization: Bearer " + admin + "\r\nContent-Type: application/json\r\n"
					+ "Content-Length: 2000000\r\nExpect: 100-continue\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
			String status = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
					StandardCharsets.US_ASCII)).readLine();
			assertThat(status).isEqualTo("HTTP/1.1 413 ");
		}

		// a member named twice is malformed (RFC 8259 section 4), not "the last one wins"
		assertProblem(call("POST", "e2e", "/units", admin, unit + ",\"name\":\"Phường khác\"}"), 400,
				"urn:thanglong-id:problem:malformed-request");

		// the code is still free: no body above was read into a unit
		JsonNode created = json(this.api.postChunked(issuer("e2e"), "/units", admin, unit + "}"), 201);
		assertThat(created.get("code").asString()).isEqualTo(code);
		assertThat(created.get("name").asString()).isEqualTo("Phường lớn");
	}

	@Test
	void whenUnitCodeIsTakenThenConflictNamingTheField() throws Exception {
		String admin = token("e2e", "admin-realm", REALM_SECRET);
		unit("E2E");
		JsonNode problem = assertProblem(call("POST", "e2e", "/units", admin,
				"{\"code\":\"E2E\",\"name\":\"Again\"}"), 409, "urn:thanglong-id:problem:conflict");
		assertThat(fields(problem)).containsExactly("code");
	}

	@Test
	void whenStaffRecordIsUnknownThenNotFoundProblem() throws Exception {
		String admin = token("e2e", "admin-realm", REALM_SECRET);
		assertProblem(call("GET", "e2e", "/staff/no-such-record", admin, null), 404,
				"urn:thanglong-id:problem:not-found");
	}

	// ---- optimistic concurrency ------------------------------------------------------------

	@Test
	void whenIfMatchIsStaleThen412AndWhenMissingThen428() throws Exception {
		String admin = token("e2e", "admin-realm", REALM_SECRET);
		HttpResponse<String> created = call("POST", "e2e", "/units", admin,
				"{\"code\":\"E2E.R" + RANDOM.nextInt(1_000_000) + "\",\"name\":\"Phường cũ\",\"parentId\":\""
						+ unit("E2E.D1") + "\"}");
		JsonNode unit = json(created, 201);
		String path = "/units/" + unit.get("id").asString();
		String etag = etag(call("GET", "e2e", path, admin, null));
		assertThat(etag).isEqualTo("\"" + unit.get("version").asLong() + "\"");

		HttpResponse<String> renamed = call("POST", "e2e", path + "/rename", admin, "{\"name\":\"Phường mới\"}",
				"If-Match", etag);
		assertThat(renamed.statusCode()).as(renamed.body()).isEqualTo(200);
		assertThat(etag(renamed)).isNotEqualTo(etag);

		assertProblem(call("POST", "e2e", path + "/rename", admin, "{\"name\":\"Lần nữa\"}", "If-Match", etag), 412,
				"urn:thanglong-id:problem:precondition-failed");
		assertProblem(call("POST", "e2e", path + "/rename", admin, "{\"name\":\"Lần nữa\"}"), 428,
				"urn:thanglong-id:problem:precondition-required");
		assertThat(json(call("GET", "e2e", path, admin, null), 200).get("name").asString()).isEqualTo("Phường mới");
	}

	// ---- idempotency -----------------------------------------------------------------------

	@Test
	void whenHireIsRepeatedWithTheSameIdempotencyKeyThenTheFirstAnswerAndOneHire() throws Exception {
		String admin = token("e2e", "admin-realm", REALM_SECRET);
		String pin = newPin();
		String key = "hire-" + RANDOM.nextLong();

		HttpResponse<String> first = hire(admin, unit("E2E.D1.W2"), pin, key);
		HttpResponse<String> again = hire(admin, unit("E2E.D1.W2"), pin, key);

		assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
		assertThat(again.statusCode()).as(again.body()).isEqualTo(201);
		assertThat(again.body()).isEqualTo(first.body());
		assertThat(again.headers().firstValue("Location")).isEqualTo(first.headers().firstValue("Location"));
		assertThat(again.headers().firstValue("Idempotent-Replayed")).hasValue("true");
		String id = json(first, 201).get("id").asString();
		JsonNode events = json(call("GET", "e2e", "/audit?targetType=staff_record&targetId=" + id, admin, null), 200)
			.get("items");
		assertThat(events).hasSize(1);
		assertThat(events.get(0).get("action").asString()).isEqualTo("StaffHired");

		// the same key for another request is refused; without a key the person is already staff
		JsonNode reused = assertProblem(hire(admin, unit("E2E.D1.W1"), pin, key), 422,
				"urn:thanglong-id:problem:idempotency-key-reused");
		assertThat(fields(reused)).containsExactly("Idempotency-Key");
		assertProblem(hire(admin, unit("E2E.D1.W2"), pin, null), 409,
				"urn:thanglong-id:problem:transition-not-allowed");
	}

	// ---- tokens and scopes -----------------------------------------------------------------

	@Test
	void whenTokenOfRealmOtherIsPresentedAtRealmE2eThen401InvalidToken() throws Exception {
		String other = token("other", "admin-other", OTHER_SECRET);
		assertThat(call("GET", "other", "/units?code=NONE", other, null).statusCode()).isEqualTo(200);

		HttpResponse<String> response = call("GET", "e2e", "/units?code=E2E", other, null);

		assertProblem(response, 401, "urn:thanglong-id:problem:unauthorized");
		assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
				(challenge) -> assertThat(challenge).startsWith("Bearer").contains("error=\"invalid_token\""));
	}

	@Test
	void whenAGarbageTokenIsPresentedThenTheChallengeSaysSoInFixedWords() throws Exception {
		// the decoder's own words ("Malformed token") told a prober how far its token got
		for (String token : java.util.List.of("garbage", "a.b.c", "eyJhbGciOiJub25lIn0.e30.")) {
			HttpResponse<String> response = call("GET", "e2e", "/units?code=E2E", token, null);
			assertProblem(response, 401, "urn:thanglong-id:problem:unauthorized");
			assertThat(response.headers().firstValue("WWW-Authenticate")).as(token).hasValueSatisfying(
					(challenge) -> assertThat(challenge).contains("error=\"invalid_token\"")
						.contains("error_description=\"The access token is not valid here.\"")
						.doesNotContainIgnoringCase("malformed").doesNotContainIgnoringCase("jwt"));
		}
	}

	@Test
	void whenNoTokenIsPresentedThen401BearerChallenge() throws Exception {
		HttpResponse<String> response = call("GET", "e2e", "/units?code=E2E", null, null);
		assertProblem(response, 401, "urn:thanglong-id:problem:unauthorized");
		assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
				(challenge) -> assertThat(challenge).startsWith("Bearer"));
		assertThat(response.headers().firstValue("Set-Cookie")).isEmpty();
	}

	@Test
	void whenTokenIsRevokedThen401InvalidToken() throws Exception {
		String admin = token("e2e", "admin-realm", REALM_SECRET);
		assertThat(call("GET", "e2e", "/units?code=E2E", admin, null).statusCode()).isEqualTo(200);

		HTTPResponse revoked = new com.nimbusds.oauth2.sdk.TokenRevocationRequest(
				URI.create(issuer("e2e") + "/oauth2/revoke"),
				new ClientSecretBasic(new ClientID("admin-realm"), new Secret(REALM_SECRET)),
				new com.nimbusds.oauth2.sdk.token.BearerAccessToken(admin))
			.toHTTPRequest()
			.send();
		assertThat(revoked.getStatusCode()).isEqualTo(200);

		assertProblem(call("GET", "e2e", "/units?code=E2E", admin, null), 401, "urn:thanglong-id:problem:unauthorized");
	}

	@Test
	void whenTokenIsForAnotherAudienceThen401AndTheIssuedOnesNameTheApi() throws Exception {
		String issued = token("e2e", "admin-realm", REALM_SECRET);
		List<String> audience = SignedJWT.parse(issued).getJWTClaimsSet().getAudience();
		assertThat(audience).containsExactlyInAnyOrder("admin-realm", issuer("e2e") + "/admin/api");

		// signed by the realm's own key, valid in every other way: only the audience differs
		String admin = SCOPES.get("admin-realm");
		String elsewhere = signed(List.of("admin-realm", "https://records.example.gov.vn"), admin);
		assertProblem(call("GET", "e2e", "/units?code=E2E", elsewhere, null), 401, "urn:thanglong-id:problem:unauthorized");
		String meant = signed(List.of("admin-realm", issuer("e2e") + "/admin/api"), admin);
		assertThat(call("GET", "e2e", "/units?code=E2E", meant, null).statusCode()).isEqualTo(200);

		// SCIM is a resource of its own: the admin API's audience does not open it
		assertThat(scim(signed(List.of("admin-realm", issuer("e2e") + "/admin/api"), "scim"))).isEqualTo(401);
		assertThat(scim(signed(List.of("admin-realm", issuer("e2e") + "/scim/v2"), "scim"))).isEqualTo(200);
	}

	private int scim(String token) throws Exception {
		return java.net.http.HttpClient.newHttpClient()
			.send(java.net.http.HttpRequest.newBuilder(URI.create(issuer("e2e") + "/scim/v2/ServiceProviderConfig"))
				.header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.discarding())
			.statusCode();
	}

	/** An admin-realm access token with {@code audience} and {@code scope}, signed by the e2e realm's active RS256 key. */
	private String signed(List<String> audience, String scope) throws Exception {
		JWK key = this.keys.activeKey("e2e", "RS256").orElseThrow().signingJwk();
		Instant now = Instant.now();
		JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(issuer("e2e"))
			.subject("admin-realm")
			.audience(audience)
			.claim("client_id", "admin-realm")
			.claim("scope", scope)
			.jwtID(UUID.randomUUID().toString())
			.issueTime(Date.from(now))
			.notBeforeTime(Date.from(now))
			.expirationTime(Date.from(now.plusSeconds(120)))
			.build();
		SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID())
			.type(new JOSEObjectType("at+jwt")).build(), claims);
		jwt.sign(new RSASSASigner(key.toRSAKey()));
		return jwt.serialize();
	}

	@Test
	void whenRouteIsUnknownThenNotFoundProblem() throws Exception {
		String admin = token("e2e", "admin-realm", REALM_SECRET);
		assertProblem(call("GET", "e2e", "/units/x/nothing/here", admin, null), 404, "urn:thanglong-id:problem:not-found");
	}

	@Test
	void whenScopeOfTheAreaIsMissingThen403InsufficientScope() throws Exception {
		String narrow = token("e2e", "admin-narrow", NARROW_SECRET);

		HttpResponse<String> response = call("GET", "e2e", "/staff/any", narrow, null);

		JsonNode problem = assertProblem(response, 403, "urn:thanglong-id:problem:insufficient-scope");
		assertThat(problem.get("detail").asString()).contains("admin:staff");
		assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying((challenge) -> assertThat(
				challenge).contains("error=\"insufficient_scope\"").contains("scope=\"admin:staff\""));
	}

	// ---- persons ---------------------------------------------------------------------------

	@Test
	void whenPersonIsSearchedThenFoundByNameWithoutDiacriticsAndIdNumberMaskedWithoutThePinScope() throws Exception {
		String admin = token("e2e", "admin-realm", REALM_SECRET);
		String narrow = token("e2e", "admin-narrow", NARROW_SECRET);
		String pin = newPin();
		String surname = "Nguyễn Văn Tìm" + (char) ('a' + RANDOM.nextInt(26)) + RANDOM.nextInt(100_000);
		json(call("POST", "e2e", "/staff", admin, hireBody(unit("E2E.D1.W2"), pin, surname)), 201);

		String folded = java.text.Normalizer.normalize(surname, java.text.Normalizer.Form.NFD)
			.replaceAll("\\p{M}", "").replace('đ', 'd').toLowerCase(java.util.Locale.ROOT);
		JsonNode byName = json(call("GET", "e2e", "/persons?name=" + java.net.URLEncoder.encode(folded,
				StandardCharsets.UTF_8), narrow, null), 200);
		assertThat(byName.get("items")).hasSize(1);
		assertThat(byName.get("items").get(0).get("fullName").asString()).isEqualTo(surname);
		assertThat(byName.get("items").get(0).get("personalIdNumber").asString())
			.isEqualTo(pin.substring(0, 3) + "*******" + pin.substring(10));

		JsonNode byNumber = json(call("POST", "e2e", "/persons/search", admin,
				"{\"personalIdNumber\":\"" + pin + "\"}"), 200);
		assertThat(byNumber.get("items").get(0).get("personalIdNumber").asString()).isEqualTo(pin);
		String staffId = byNumber.get("items").get(0).get("staffId").asString();
		JsonNode byStaffId = json(call("GET", "e2e", "/persons?staffId=" + staffId, narrow, null), 200);
		assertThat(byStaffId.get("items").get(0).get("fullName").asString()).isEqualTo(surname);

		// lock and unlock under If-Match
		String personPath = "/persons/" + byNumber.get("items").get(0).get("id").asString();
		HttpResponse<String> person = call("GET", "e2e", personPath, admin, null);
		HttpResponse<String> locked = call("POST", "e2e", personPath + "/lock", admin, null, "If-Match", etag(person));
		assertThat(json(locked, 200).get("locked").asBoolean()).isTrue();
		assertThat(json(call("POST", "e2e", personPath + "/unlock", admin, null, "If-Match", etag(locked)), 200)
			.get("locked").asBoolean()).isFalse();
	}

	// ---- audit -----------------------------------------------------------------------------

	@Test
	void whenWritesAreMadeThenAuditListsThemNewestFirstWithTheClientAsActor() throws Exception {
		String admin = token("e2e", "admin-realm", REALM_SECRET);
		JsonNode hired = json(hire(admin, unit("E2E.D1.W2"), newPin(), null), 201);
		String id = hired.get("id").asString();
		HttpResponse<String> moved = call("POST", "e2e", "/staff/" + id + "/position", admin,
				"{\"position\":\"Phó chủ tịch\",\"effectiveFrom\":\"2026-04-01\"}", "If-Match", "\"0\"");
		assertThat(moved.statusCode()).as(moved.body()).isEqualTo(200);

		String query = "/audit?targetType=staff_record&targetId=" + id + "&limit=1";
		JsonNode newest = json(call("GET", "e2e", query, admin, null), 200);
		assertThat(newest.get("items").get(0).get("action").asString()).isEqualTo("StaffPositionChanged");
		assertThat(newest.get("items").get(0).get("actor").asString()).isEqualTo("admin-realm");
		assertThat(newest.get("items").get(0).get("before").get("position").asString()).isNotBlank();
		JsonNode older = json(call("GET", "e2e", query + "&before=" + newest.get("next").asString(), admin, null), 200);
		assertThat(older.get("items").get(0).get("action").asString()).isEqualTo("StaffHired");
		assertThat(older.has("next")).isFalse();
		// the history of the record says the same
		assertThat(json(call("GET", "e2e", "/staff/" + id + "/history", admin, null), 200)).hasSize(2);
	}

	/** Requests refused before any controller (a NUL in the query, an encoded slash) are problem documents too. */
	@Test
	void whenTheRequestIsRefusedBeforeAnyControllerThenTheAnswerIsStillAProblemDocument() throws Exception {
		String realmAdmin = token("e2e", "admin-realm", REALM_SECRET);
		for (String path : List.of("/clients?after=%00", "/audit?targetType=person&targetId=%00",
				"/persons/..%2F..%2Fclients")) {
			HttpResponse<String> response = call("GET", "e2e", path, realmAdmin, null);
			assertThat(response.statusCode()).as(path + " " + response.body()).isEqualTo(400);
			assertThat(response.headers().firstValue("Content-Type")).as(path)
				.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
			JsonNode problem = this.json.readTree(response.body());
			assertThat(problem.get("type").asString()).isEqualTo("urn:thanglong-id:problem:malformed-request");
			assertThat(problem.get("status").asInt()).isEqualTo(400);
		}
	}

	/** A route with the wrong method is 405 with Allow, with the wrong body type 415; only a path that is none is 404. */
	@Test
	void whenARouteIsCalledWithAnotherMethodOrBodyTypeThen405Or415NotNotFound() throws Exception {
		String admin = token("e2e", "admin-realm", REALM_SECRET);
		HttpResponse<String> put = call("PUT", "e2e", "/units", admin, "{}");
		assertProblem(put, 405, "urn:thanglong-id:problem:method-not-allowed");
		assertThat(put.headers().firstValue("Allow")).hasValueSatisfying(
				(allow) -> assertThat(allow.split(", ")).contains("GET", "HEAD", "POST").doesNotContain("PUT"));

		HttpResponse<String> text = this.api.call(issuer("e2e"), "POST", "/units", admin, "code=X", "Content-Type",
				"text/plain");
		assertProblem(text, 415, "urn:thanglong-id:problem:unsupported-media-type");

		assertProblem(call("GET", "e2e", "/no-such-route", admin, null), 404, "urn:thanglong-id:problem:not-found");
	}

	// ---- OpenAPI ---------------------------------------------------------------------------

	@Test
	void whenOpenApiDocumentIsReadThenItListsEveryRoute() throws Exception {
		HttpResponse<String> response = call("GET", "e2e", "/openapi.json", null, null);
		assertThat(response.statusCode()).isEqualTo(200);
		// RFC 9110 section 9.3.2: HEAD answers as GET does, without the content (it was 401)
		assertThat(call("HEAD", "e2e", "/openapi.json", null, null).statusCode()).isEqualTo(200);
		JsonNode document = this.json.readTree(response.body());
		assertThat(document.get("openapi").asString()).startsWith("3.1");
		assertThat(document.get("servers").get(0).get("url").asString()).isEqualTo("/realms/e2e/admin/api");
		Set<String> documented = new HashSet<>();
		document.get("paths").properties().forEach((entry) -> entry.getValue().properties()
			.forEach((operation) -> documented.add(operation.getKey().toUpperCase(java.util.Locale.ROOT) + " "
					+ entry.getKey())));

		Set<String> served = new HashSet<>();
		this.mappings.getHandlerMethods().forEach((info, method) -> {
			if (!method.getBeanType().getPackageName().equals(AdminApiIT.class.getPackageName())) {
				return;
			}
			for (String pattern : info.getPatternValues()) {
				for (String path : expand(pattern.replace("/realms/{realm}/admin/api", ""))) {
					info.getMethodsCondition().getMethods().forEach((verb) -> served.add(verb.name() + " " + path));
				}
			}
		});
		assertThat(served).hasSizeGreaterThan(30);
		assertThat(documented).containsAll(served);
	}

	/** {@code /staff/{id}/{action:suspend|leave}} gives one path per alternative. */
	private static List<String> expand(String pattern) {
		java.util.regex.Matcher matcher = java.util.regex.Pattern.compile("\\{(\\w+):([\\w|]+)\\}").matcher(pattern);
		if (!matcher.find()) {
			return List.of(pattern);
		}
		List<String> paths = new ArrayList<>();
		for (String alternative : matcher.group(2).split("\\|")) {
			paths.add(pattern.substring(0, matcher.start()) + alternative + pattern.substring(matcher.end()));
		}
		return paths;
	}

	// ---- helpers ---------------------------------------------------------------------------

	private String token(String realm, String clientId, String secret) throws Exception {
		HTTPResponse response = new TokenRequest(URI.create(issuer(realm) + "/oauth2/token"),
				new ClientSecretBasic(new ClientID(clientId), new Secret(secret)), new ClientCredentialsGrant(),
				Scope.parse(SCOPES.get(clientId)))
			.toHTTPRequest()
			.send();
		TokenResponse parsed = TokenResponse.parse(response);
		assertThat(parsed.indicatesSuccess()).as(response.getBody()).isTrue();
		Scope granted = parsed.toSuccessResponse().getTokens().getAccessToken().getScope();
		assertThat(granted).as("scopes of " + clientId).isNotNull();
		return parsed.toSuccessResponse().getTokens().getAccessToken().getValue();
	}

	/** The id of unit {@code code}, creating the test tree on first use. */
	private String unit(String code) throws Exception {
		if (UNITS.isEmpty()) {
			synchronized (UNITS) {
				if (UNITS.isEmpty()) {
					String admin = token("e2e", "admin-realm", REALM_SECRET);
					Map<String, String> tree = new java.util.LinkedHashMap<>();
					tree.put("E2E", null);
					tree.put("E2E.D1", "E2E");
					tree.put("E2E.D1.W1", "E2E.D1");
					tree.put("E2E.D1.W1.T1", "E2E.D1.W1");
					tree.put("E2E.D1.W2", "E2E.D1");
					Map<String, String> ids = new java.util.HashMap<>();
					for (Map.Entry<String, String> entry : tree.entrySet()) {
						String parent = (entry.getValue() == null) ? "null" : "\"" + ids.get(entry.getValue()) + "\"";
						HttpResponse<String> created = call("POST", "e2e", "/units", admin, "{\"code\":\""
								+ entry.getKey() + "\",\"name\":\"Đơn vị " + entry.getKey() + "\",\"parentId\":" + parent + "}");
						ids.put(entry.getKey(), json(created, 201).get("id").asString());
					}
					UNITS.putAll(ids);
				}
			}
		}
		return UNITS.get(code);
	}

	private HttpResponse<String> hire(String token, String unitId, String pin, String idempotencyKey)
			throws Exception {
		String body = hireBody(unitId, pin, "Trần Thị Cán Bộ");
		return (idempotencyKey == null) ? call("POST", "e2e", "/staff", token, body)
				: call("POST", "e2e", "/staff", token, body, "Idempotency-Key", idempotencyKey);
	}

	private static String hireBody(String unitId, String pin, String name) {
		return "{\"person\":{\"fullName\":\"" + name + "\",\"personalIdNumber\":\"" + pin + "\"},\"unitId\":\"" + unitId
				+ "\",\"position\":\"Chuyên viên\",\"effectiveFrom\":\"2026-01-05\",\"reason\":\"QĐ 12/2026\"}";
	}

	/** Hà Nội, born in the 1990s: a valid number no other test uses (with overwhelming odds). */
	private static String newPin() {
		return "001" + (RANDOM.nextBoolean() ? "0" : "1") + "9" + RANDOM.nextInt(10)
				+ String.format(java.util.Locale.ROOT, "%06d", RANDOM.nextInt(1_000_000));
	}

	private HttpResponse<String> call(String method, String realm, String path, String token, String body,
			String... headers) throws Exception {
		return this.api.call(issuer(realm), method, path, token, body, headers);
	}

}
