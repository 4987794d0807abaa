package vn.thanglong.id.admin;

import java.net.URI;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.util.List;

import com.nimbusds.oauth2.sdk.ClientCredentialsGrant;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenErrorResponse;
import com.nimbusds.oauth2.sdk.TokenIntrospectionRequest;
import com.nimbusds.oauth2.sdk.TokenIntrospectionResponse;
import com.nimbusds.oauth2.sdk.TokenIntrospectionSuccessResponse;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.token.AccessToken;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import vn.thanglong.id.identity.AgencyUnit;
import vn.thanglong.id.identity.AgencyUnits;
import vn.thanglong.id.support.AdminApi;
import vn.thanglong.id.support.ProviderIT;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.thanglong.id.support.AdminApi.assertProblem;
import static vn.thanglong.id.support.AdminApi.etag;
import static vn.thanglong.id.support.AdminApi.fields;
import static vn.thanglong.id.support.AdminApi.json;

/**
 * The {@code admin:clients} area end to end, on PostgreSQL and Redis: a realm administrator
 * onboards an agency system through the API, and the agency system then uses it at once with the
 * Nimbus OAuth 2.0 SDK ({@code client_credentials}, introspection) as it would in production.
 */
class AdminClientsIT extends ProviderIT {

	private static final String REALM_SECRET = "admin-realm-secret-for-tests-only-0123456789";

	private static final String WARD_SECRET = "admin-ward-secret-for-tests-only-0123456789";

	private static final String NARROW_SECRET = "admin-narrow-secret-for-tests-only-0123456789";

	private static final SecureRandom RANDOM = new SecureRandom();

	private final AdminApi api = new AdminApi();

	@Autowired
	JdbcClient jdbc;

	@Autowired
	AgencyUnits units;

	// ---- onboarding ------------------------------------------------------------------------

	@Test
	void whenConfidentialClientIsCreatedThenItsSecretIsAnsweredOnceStoredHashedAndItsTokenIntrospectsActive()
			throws Exception {
		String admin = adminToken();
		String clientId = newClientId("records-sync");

		HttpResponse<String> created = call("POST", "/clients", admin, serviceClient(clientId));

		JsonNode body = json(created, 201);
		String secret = body.get("clientSecret").asString();
		assertThat(secret).hasSizeGreaterThanOrEqualTo(43);
		assertThat(created.headers().firstValue("Location")).hasValue("/realms/e2e/admin/api/clients/" + clientId);
		assertThat(created.headers().firstValue("Cache-Control")).hasValueSatisfying(
				(value) -> assertThat(value).contains("no-store"));
		assertThat(etag(created)).isEqualTo("\"1\"");
		assertThat(body.get("managedBy").asString()).isEqualTo("admin-api");
		assertThat(body.get("hasSecret").asBoolean()).isTrue();
		assertThat(body.get("accessTokenLifetime").asString()).isEqualTo("PT2M");
		assertThat(body.get("grantLifetime").asString()).as("the default").isEqualTo("PT720H");

		// never again: not in reads, not in the list, not in the audit trail, and stored only hashed
		HttpResponse<String> read = call("GET", "/clients/" + clientId, admin, null);
		assertThat(json(read, 200).has("clientSecret")).isFalse();
		assertThat(read.body()).doesNotContain(secret);
		assertThat(call("GET", "/clients?limit=100", admin, null).body()).doesNotContain(secret);
		String stored = this.jdbc.sql("select client_secret_hash from realm_client where realm = 'e2e' and client_id = ?")
			.param(clientId).query(String.class).single();
		assertThat(stored).startsWith("{sha256-salted}").doesNotContain(secret);
		HttpResponse<String> audit = call("GET", "/audit?targetType=client&targetId=" + clientId, admin, null);
		JsonNode events = json(audit, 200).get("items");
		assertThat(events).hasSize(1);
		assertThat(events.get(0).get("action").asString()).isEqualTo("ClientRegistered");
		assertThat(events.get(0).get("actor").asString()).isEqualTo("admin-realm");
		assertThat(events.get(0).get("after").get("scopes").get(0).asString()).isEqualTo("records.read");
		assertThat(audit.body()).doesNotContain(secret).doesNotContain(stored);

		// usable at once on this node, as an agency system uses it
		AccessToken token = clientCredentials(clientId, secret, "records.read");
		TokenIntrospectionSuccessResponse introspected = introspect(clientId, secret, token);
		assertThat(introspected.isActive()).isTrue();
		assertThat(introspected.getClientID()).isEqualTo(new ClientID(clientId));
		assertThat(introspected.getScope()).isEqualTo(Scope.parse("records.read"));
	}

	@Test
	void whenClientIsListedThenPagesFollowTheClientIdAndRealmConfigClientsAreShownManagedByRealmConfig()
			throws Exception {
		String admin = adminToken();
		json(call("POST", "/clients", admin, serviceClient(newClientId("listed"))), 201);

		JsonNode first = json(call("GET", "/clients?limit=2", admin, null), 200);
		assertThat(first.get("items")).hasSize(2);
		JsonNode second = json(call("GET", "/clients?limit=2&after=" + first.get("next").asString(), admin, null), 200);
		assertThat(second.get("items").get(0).get("clientId").asString())
			.isGreaterThan(first.get("items").get(1).get("clientId").asString());

		JsonNode configured = json(call("GET", "/clients/admin-narrow", admin, null), 200);
		assertThat(configured.get("managedBy").asString()).isEqualTo("realm-config");
		assertThat(configured.get("hasSecret").asBoolean()).isTrue();
		assertThat(configured.has("clientSecret")).isFalse();
		assertThat(configured.get("grantTypes").get(0).asString()).isEqualTo("client_credentials");
	}

	@Test
	void whenPublicClientIsCreatedThenItHasNoSecretAndMustUsePkce() throws Exception {
		String admin = adminToken();
		String clientId = newClientId("spa");

		JsonNode body = json(call("POST", "/clients", admin, "{\"clientId\":\"" + clientId + "\",\"authMethod\":\"none\","
				+ "\"redirectUris\":[\"https://spa.example.gov.vn/callback\"],\"grantTypes\":[\"authorization_code\"]}"),
				201);

		assertThat(body.has("clientSecret")).isFalse();
		assertThat(body.get("hasSecret").asBoolean()).isFalse();
		assertThat(body.get("pkceRequired").asBoolean()).isTrue();
		assertThat(body.get("subjectType").asString()).isEqualTo("pairwise");
		assertThat(body.get("consentRequired").asBoolean()).isTrue();
	}

	/** A name shown on the consent page: bounded, and without characters that change how it reads. */
	@Test
	void whenTheNameHoldsInvisibleOrControlCharactersOrIsOverlongThenRefused() throws Exception {
		String admin = adminToken();
		for (String name : java.util.List.of("Cổng\\u202Eevil", "Cổng\\u0007", "Cổng\\u200B", "Cổng\\u0000", "C".repeat(201))) {
			String clientId = newClientId("named");
			JsonNode problem = assertProblem(call("POST", "/clients", admin, "{\"clientId\":\"" + clientId
					+ "\",\"name\":\"" + name + "\",\"grantTypes\":[\"client_credentials\"],\"scopes\":[\"records.read\"]}"),
					400, "urn:thanglong-id:problem:invalid-request");
			assertThat(fields(problem)).as(name).containsExactly("name");
			assertProblem(call("GET", "/clients/" + clientId, admin, null), 404, "urn:thanglong-id:problem:not-found");
		}
	}

	@Test
	void whenANameIsAPlaceholderOrALifetimeIsForeverThenRefused() throws Exception {
		String admin = adminToken();
		java.util.Map<String, String> bad = new java.util.LinkedHashMap<>();
		bad.put("\"name\":\"${IDP_SECRET:abc}\"", "name");
		bad.put("\"accessTokenLifetime\":\"P100000D\"", "accessTokenLifetime");
		bad.put("\"accessTokenLifetime\":1000000000000", "accessTokenLifetime");
		bad.put("\"refreshTokenLifetime\":\"P400D\"", "refreshTokenLifetime");
		bad.put("\"grantLifetime\":\"P400D\"", "grantLifetime");
		bad.put("\"introspectsTokensOf\":[\"not a client id\"]", "introspectsTokensOf[0]");
		bad.put("\"introspectsTokensOf\":\"service\"", "introspectsTokensOf");
		bad.put("\"introspectsTokensOf\":[\"service\",\"no-such-client\"]", "introspectsTokensOf");
		bad.forEach((member, field) -> {
			String clientId = newClientId("forever");
			try {
				JsonNode problem = assertProblem(call("POST", "/clients", admin, "{\"clientId\":\"" + clientId + "\","
						+ member + ",\"grantTypes\":[\"client_credentials\"],\"scopes\":[\"records.read\"]}"), 400,
						"urn:thanglong-id:problem:invalid-request");
				assertThat(fields(problem)).as(member).containsExactly(field);
			}
			catch (Exception ex) {
				throw new AssertionError(ex);
			}
		});
	}

	// ---- secrets and status ----------------------------------------------------------------

	@Test
	void whenSecretIsRotatedThenTheOldSecretIsInvalidClientAndTheNewOneWorks() throws Exception {
		String admin = adminToken();
		String clientId = newClientId("rotated");
		HttpResponse<String> created = call("POST", "/clients", admin, serviceClient(clientId));
		String oldSecret = json(created, 201).get("clientSecret").asString();

		HttpResponse<String> rotated = call("POST", "/clients/" + clientId + "/rotate-secret", admin, null, "If-Match",
				etag(created));

		String newSecret = json(rotated, 200).get("clientSecret").asString();
		assertThat(newSecret).isNotEqualTo(oldSecret);
		assertThat(etag(rotated)).isEqualTo("\"2\"");
		assertInvalidClient(tokenRequest(clientId, oldSecret, "records.read"));
		clientCredentials(clientId, newSecret, "records.read");
		JsonNode newest = json(call("GET", "/audit?targetType=client&targetId=" + clientId + "&limit=1", admin, null),
				200).get("items").get(0);
		assertThat(newest.get("action").asString()).isEqualTo("ClientSecretRotated");
		assertThat(newest.toString()).doesNotContain(newSecret).doesNotContain(oldSecret);
	}

	@Test
	void whenClientIsDisabledThenClientCredentialsIsInvalidClientAndItsTokenIsInactiveUntilEnabled()
			throws Exception {
		String admin = adminToken();
		String clientId = newClientId("disabled");
		HttpResponse<String> created = call("POST", "/clients", admin, serviceClient(clientId));
		String secret = json(created, 201).get("clientSecret").asString();
		AccessToken issued = clientCredentials(clientId, secret, "records.read");
		// the resource server its tokens are sent to, registered at run time too (RFC 7662 section 4)
		String resourceId = newClientId("resource");
		HttpResponse<String> resource = call("POST", "/clients", admin, "{\"clientId\":\"" + resourceId
				+ "\",\"grantTypes\":[\"client_credentials\"],\"scopes\":[\"records.read\"],\"introspectsTokensOf\":[\""
				+ clientId + "\"]}");
		JsonNode resourceBody = json(resource, 201);
		assertThat(resourceBody.get("introspectsTokensOf").toString()).isEqualTo("[\"" + clientId + "\"]");
		String resourceSecret = resourceBody.get("clientSecret").asString();
		assertThat(introspect(resourceId, resourceSecret, issued).isActive()).isTrue();

		HttpResponse<String> disabled = call("POST", "/clients/" + clientId + "/disable", admin, null, "If-Match",
				etag(created));

		assertThat(json(disabled, 200).get("enabled").asBoolean()).isFalse();
		assertInvalidClient(tokenRequest(clientId, secret, "records.read"));
		// the token it already holds is no longer active (asked by the resource server)
		assertThat(introspect(resourceId, resourceSecret, issued).isActive()).isFalse();
		assertThat(json(call("GET", "/audit?targetType=client&targetId=" + clientId + "&limit=1", admin, null), 200)
			.get("items").get(0).get("action").asString()).isEqualTo("ClientDisabled");

		HttpResponse<String> enabled = call("POST", "/clients/" + clientId + "/enable", admin, null, "If-Match",
				etag(disabled));
		assertThat(json(enabled, 200).get("enabled").asBoolean()).isTrue();
		assertThat(introspect(clientId, secret, clientCredentials(clientId, secret, "records.read")).isActive())
			.isTrue();
	}

	@Test
	void whenClientIsPatchedThenTheChangeIsEffectiveAtOnceAndAudited() throws Exception {
		String admin = adminToken();
		String clientId = newClientId("patched");
		HttpResponse<String> created = call("POST", "/clients", admin, serviceClient(clientId));
		String secret = json(created, 201).get("clientSecret").asString();
		clientCredentials(clientId, secret, "records.read");

		HttpResponse<String> patched = call("PATCH", "/clients/" + clientId, admin,
				"{\"scopes\":[\"records.write\"],\"accessTokenLifetime\":60,\"version\":99}", "If-Match", etag(created),
				"Content-Type", "application/merge-patch+json");

		JsonNode body = json(patched, 200);
		assertThat(body.has("clientSecret")).isFalse();
		assertThat(body.get("accessTokenLifetime").asString()).isEqualTo("PT1M");
		assertThat(body.get("version").asLong()).isEqualTo(2);
		TokenResponse refused = TokenResponse.parse(tokenRequest(clientId, secret, "records.read"));
		assertThat(refused.indicatesSuccess()).isFalse();
		assertThat(refused.toErrorResponse().getErrorObject().getCode()).isEqualTo("invalid_scope");
		clientCredentials(clientId, secret, "records.write");
		JsonNode event = json(call("GET", "/audit?targetType=client&targetId=" + clientId + "&limit=1", admin, null),
				200).get("items").get(0);
		assertThat(event.get("action").asString()).isEqualTo("ClientUpdated");
		assertThat(event.get("before").get("scopes").get(0).asString()).isEqualTo("records.read");
		assertThat(event.get("after").get("scopes").get(0).asString()).isEqualTo("records.write");
	}

	// ---- refusals --------------------------------------------------------------------------

	@Test
	void whenRedirectUriIsBadThen400NamingTheField() throws Exception {
		String admin = adminToken();

		JsonNode fragment = assertProblem(call("POST", "/clients", admin, "{\"clientId\":\"" + newClientId("bad")
				+ "\",\"redirectUris\":[\"https://portal.example.gov.vn/cb#top\"]}"), 400,
				"urn:thanglong-id:problem:invalid-request");
		assertThat(fields(fragment)).containsExactly("redirectUris[0]");
		assertThat(fragment.get("errors").get(0).get("message").asString()).contains("fragment");

		JsonNode relative = assertProblem(call("POST", "/clients", admin, "{\"clientId\":\"" + newClientId("bad")
				+ "\",\"redirectUris\":[\"https://portal.example.gov.vn/cb\",\"/relative\"]}"), 400,
				"urn:thanglong-id:problem:invalid-request");
		assertThat(fields(relative)).containsExactly("redirectUris[1]");
	}

	@Test
	void whenSeveralFieldsAreBadThen400NamesEachAndNothingIsCreated() throws Exception {
		String admin = adminToken();
		String clientId = newClientId("many-bad");

		JsonNode problem = assertProblem(call("POST", "/clients", admin, "{\"clientId\":\"" + clientId + "\","
				+ "\"grantTypes\":[\"password\"],\"accessTokenLifetime\":0,\"authMethod\":\"magic\","
				+ "\"secret\":\"chosen-by-the-caller-0123456789abcdef\",\"colour\":\"blue\"}"), 400,
				"urn:thanglong-id:problem:invalid-request");

		assertThat(fields(problem)).contains("grantTypes[0]", "accessTokenLifetime", "authMethod", "secret", "colour");
		assertThat(problem.toString()).doesNotContain("chosen-by-the-caller");
		assertProblem(call("GET", "/clients/" + clientId, admin, null), 404, "urn:thanglong-id:problem:not-found");

		JsonNode scopes = assertProblem(call("POST", "/clients", admin, "{\"clientId\":\"" + clientId + "\","
				+ "\"grantTypes\":[\"client_credentials\"],\"scopes\":[\"records.read\",\"everything\"]}"), 400,
				"urn:thanglong-id:problem:invalid-request");
		assertThat(fields(scopes)).containsExactly("scopes[1]");

		JsonNode publicService = assertProblem(call("POST", "/clients", admin, "{\"clientId\":\"" + clientId + "\","
				+ "\"authMethod\":\"none\",\"grantTypes\":[\"client_credentials\"]}"), 400,
				"urn:thanglong-id:problem:invalid-request");
		assertThat(fields(publicService)).containsExactly("grantTypes");
	}

	/** A client bound to a unit that does not exist would administer nothing now and, later, a subtree nobody chose. */
	@Test
	void whenAdminUnitNamesNoUnitOfTheRealmThen400NamingItOnCreateReplaceAndPatch() throws Exception {
		String admin = adminToken();
		String suffix = Integer.toString(RANDOM.nextInt(1 << 30), 36).toUpperCase(java.util.Locale.ROOT);
		AgencyUnit unit = this.units.create("e2e", "CLI." + suffix, "Đơn vị quản trị " + suffix, null, "test");
		AgencyUnit elsewhere = this.units.create("other", "CLO." + suffix, "Đơn vị realm khác " + suffix, null, "test");
		String clientId = newClientId("bound");

		for (String code : List.of("NONE." + suffix, elsewhere.code())) {
			JsonNode problem = assertProblem(call("POST", "/clients", admin, boundClient(clientId, code)), 400,
					"urn:thanglong-id:problem:invalid-request");
			assertThat(fields(problem)).as(code).containsExactly("adminUnit");
		}
		assertProblem(call("GET", "/clients/" + clientId, admin, null), 404, "urn:thanglong-id:problem:not-found");

		HttpResponse<String> created = call("POST", "/clients", admin, boundClient(clientId, unit.code()));
		assertThat(json(created, 201).get("adminUnit").asString()).isEqualTo(unit.code());
		JsonNode replaced = assertProblem(call("PUT", "/clients/" + clientId, admin,
				boundClient(clientId, "NONE." + suffix), "If-Match", etag(created)), 400,
				"urn:thanglong-id:problem:invalid-request");
		assertThat(fields(replaced)).containsExactly("adminUnit");
		JsonNode patched = assertProblem(call("PATCH", "/clients/" + clientId, admin,
				"{\"adminUnit\":\"" + elsewhere.code() + "\"}", "If-Match", etag(created)), 400,
				"urn:thanglong-id:problem:invalid-request");
		assertThat(fields(patched)).containsExactly("adminUnit");

		HttpResponse<String> read = call("GET", "/clients/" + clientId, admin, null);
		assertThat(json(read, 200).get("adminUnit").asString()).as("unchanged").isEqualTo(unit.code());
		assertThat(etag(read)).isEqualTo(etag(created));
		// a patch that leaves the unit as it is, and one that removes it, pass
		HttpResponse<String> renamed = call("PATCH", "/clients/" + clientId, admin, "{\"name\":\"Đổi tên\"}",
				"If-Match", etag(read));
		assertThat(json(renamed, 200).get("adminUnit").asString()).isEqualTo(unit.code());
		HttpResponse<String> unbound = call("PATCH", "/clients/" + clientId, admin, "{\"adminUnit\":null}",
				"If-Match", etag(renamed));
		assertThat(json(unbound, 200).has("adminUnit")).isFalse();
	}

	@Test
	void whenClientIsDeclaredInRealmConfigThenWritesAre409AndADuplicateClientIdIs409() throws Exception {
		String admin = adminToken();
		String etag = etag(call("GET", "/clients/admin-narrow", admin, null));

		JsonNode problem = assertProblem(call("PATCH", "/clients/admin-narrow", admin, "{\"name\":\"Đổi tên\"}",
				"If-Match", etag), 409, "urn:thanglong-id:problem:conflict");
		assertThat(problem.get("detail").asString()).contains("realm-config");
		assertProblem(call("POST", "/clients/admin-narrow/disable", admin, null, "If-Match", etag), 409,
				"urn:thanglong-id:problem:conflict");
		assertProblem(call("POST", "/clients/admin-narrow/rotate-secret", admin, null, "If-Match", etag), 409,
				"urn:thanglong-id:problem:conflict");
		// still as declared
		clientCredentials("admin-narrow", NARROW_SECRET, "admin:units");

		JsonNode duplicate = assertProblem(call("POST", "/clients", admin, serviceClient("admin-narrow")), 409,
				"urn:thanglong-id:problem:conflict");
		assertThat(fields(duplicate)).containsExactly("clientId");
	}

	@Test
	void whenIfMatchIsStaleThen412AndWhenMissingThen428() throws Exception {
		String admin = adminToken();
		String clientId = newClientId("concurrent");
		HttpResponse<String> created = call("POST", "/clients", admin, serviceClient(clientId));
		String first = etag(created);
		HttpResponse<String> renamed = call("PUT", "/clients/" + clientId, admin, "{\"name\":\"Tên mới\","
				+ "\"grantTypes\":[\"client_credentials\"],\"scopes\":[\"records.read\"]}", "If-Match", first);
		assertThat(json(renamed, 200).get("name").asString()).isEqualTo("Tên mới");

		assertProblem(call("PUT", "/clients/" + clientId, admin, "{\"name\":\"Lần nữa\","
				+ "\"grantTypes\":[\"client_credentials\"]}", "If-Match", first), 412,
				"urn:thanglong-id:problem:precondition-failed");
		assertProblem(call("POST", "/clients/" + clientId + "/disable", admin, null), 428,
				"urn:thanglong-id:problem:precondition-required");
		assertThat(json(call("GET", "/clients/" + clientId, admin, null), 200).get("name").asString())
			.isEqualTo("Tên mới");
	}

	@Test
	void whenClientIsUnknownThen404() throws Exception {
		assertProblem(call("GET", "/clients/no-such-client", adminToken(), null), 404,
				"urn:thanglong-id:problem:not-found");
	}

	@Test
	void whenUnitAdministratorCallsThenForbiddenEvenWithTheScope() throws Exception {
		String ward = token("admin-ward", WARD_SECRET, "admin:clients");

		assertProblem(call("GET", "/clients", ward, null), 403, "urn:thanglong-id:problem:outside-administered-unit");
		assertProblem(call("POST", "/clients", ward, serviceClient(newClientId("escape"))), 403,
				"urn:thanglong-id:problem:outside-administered-unit");

		String narrow = token("admin-narrow", NARROW_SECRET, "admin:persons admin:units");
		assertProblem(call("GET", "/clients", narrow, null), 403, "urn:thanglong-id:problem:insufficient-scope");
	}

	// ---- helpers ---------------------------------------------------------------------------

	private static String serviceClient(String clientId) {
		return "{\"clientId\":\"" + clientId + "\",\"name\":\"Đồng bộ hồ sơ\",\"authMethod\":\"client_secret_basic\","
				+ "\"grantTypes\":[\"client_credentials\"],\"scopes\":[\"records.read\",\"records.write\"],"
				+ "\"accessTokenLifetime\":\"PT2M\"}";
	}

	private static String boundClient(String clientId, String adminUnit) {
		return "{\"clientId\":\"" + clientId + "\",\"name\":\"Quản trị đơn vị\",\"grantTypes\":[\"client_credentials\"],"
				+ "\"scopes\":[\"admin:staff\"],\"adminUnit\":\"" + adminUnit + "\"}";
	}

	private static String newClientId(String prefix) {
		return prefix + "-" + Integer.toString(RANDOM.nextInt(1 << 30), 36);
	}

	private String adminToken() throws Exception {
		return token("admin-realm", REALM_SECRET, "admin:clients admin:audit");
	}

	private String token(String clientId, String secret, String scope) throws Exception {
		return clientCredentials(clientId, secret, scope).getValue();
	}

	private HTTPResponse tokenRequest(String clientId, String secret, String scope) throws Exception {
		return new TokenRequest(URI.create(issuer("e2e") + "/oauth2/token"),
				new ClientSecretBasic(new ClientID(clientId), new Secret(secret)), new ClientCredentialsGrant(),
				Scope.parse(scope))
			.toHTTPRequest()
			.send();
	}

	private AccessToken clientCredentials(String clientId, String secret, String scope) throws Exception {
		HTTPResponse response = tokenRequest(clientId, secret, scope);
		TokenResponse parsed = TokenResponse.parse(response);
		assertThat(parsed.indicatesSuccess()).as(response.getBody()).isTrue();
		return parsed.toSuccessResponse().getTokens().getAccessToken();
	}

	private static void assertInvalidClient(HTTPResponse response) throws Exception {
		TokenResponse parsed = TokenResponse.parse(response);
		assertThat(parsed.indicatesSuccess()).isFalse();
		TokenErrorResponse error = parsed.toErrorResponse();
		assertThat(error.getErrorObject().getCode()).isEqualTo("invalid_client");
		assertThat(response.getStatusCode()).isEqualTo(401);
	}

	private TokenIntrospectionSuccessResponse introspect(String clientId, String secret, AccessToken token)
			throws Exception {
		HTTPResponse response = new TokenIntrospectionRequest(URI.create(issuer("e2e") + "/oauth2/introspect"),
				new ClientSecretBasic(new ClientID(clientId), new Secret(secret)), token)
			.toHTTPRequest()
			.send();
		TokenIntrospectionResponse parsed = TokenIntrospectionResponse.parse(response);
		assertThat(parsed.indicatesSuccess()).as(response.getBody()).isTrue();
		return parsed.toSuccessResponse();
	}

	private HttpResponse<String> call(String method, String path, String token, String body, String... headers)
			throws Exception {
		return this.api.call(issuer("e2e"), method, path, token, body, headers);
	}

}
