package vn.thanglong.id.realm;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The run-time side of {@link ClientRules}: what the admin API accepts, refuses and shows. */
class ClientRulesTest {

	private static final Set<String> KNOWN = Set.of("openid", "profile", "records.read");

	private final ClientRules rules = ClientRules.forRequests(Set.of());

	private final JsonMapper json = JsonMapper.builder().build();

	@Test
	void whenMinimalConfidentialClientThenDefaultsOfAClientFile() {
		ClientDefinition client = accept("""
				{"clientId": "portal", "redirectUris": ["https://portal.example.gov.vn/cb"]}""", false);

		assertThat(client.authMethod()).isEqualTo(ClientAuthMethod.CLIENT_SECRET_BASIC);
		assertThat(client.grantTypes()).containsExactlyInAnyOrder("authorization_code", "refresh_token");
		assertThat(client.scopes()).containsExactlyInAnyOrder("openid", "profile");
		assertThat(client.accessTokenLifetime()).isEqualTo(Duration.ofMinutes(5));
		assertThat(client.grantLifetime()).isEqualTo(Duration.ofDays(30));
		assertThat(client.subjectType()).isEqualTo(ClientDefinition.PAIRWISE);
		assertThat(client.consentRequired()).isTrue();
		assertThat(client.introspectsTokensOf()).isEmpty();
		assertThat(this.rules.document(client).get("introspectsTokensOf").isEmpty()).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "https://portal.example.gov.vn/cb#frag", "/cb", "http://portal.example.gov.vn/cb",
			"myapp:/cb", "https://exa mple.gov.vn/cb" })
	void whenRedirectUriIsUnsafeOutsideDemoRealmsThenItsFieldIsNamed(String uri) {
		assertThat(refuse("{\"clientId\": \"portal\", \"redirectUris\": [\"https://ok.example.gov.vn/cb\", \"" + uri
				+ "\"]}", false)).extracting(ClientProblem::field).containsExactly("redirectUris[1]");
	}

	@ParameterizedTest
	@ValueSource(strings = { "http://localhost:8081/cb", "http://127.0.0.1/cb", "http://[::1]:9000/cb",
			"vn.gov.hanoi.app:/cb" })
	void whenRedirectUriIsLoopbackHttpOrReverseDomainSchemeThenAccepted(String uri) {
		ClientDefinition client = accept("{\"clientId\": \"native\", \"authMethod\": \"none\", \"redirectUris\": [\""
				+ uri + "\"]}", false);
		assertThat(client.redirectUris()).containsExactly(uri);
	}

	@Test
	void whenSectorIdentifierUriPointsIntoThePrivateNetworkThenItIsNeverFetched() throws Exception {
		try (SectorServer server = new SectorServer("[\"https://a.example.gov.vn/cb\"]")) {
			String client = "{\"clientId\": \"portal\", \"redirectUris\": [\"https://a.example.gov.vn/cb\"], "
					+ "\"sectorIdentifierUri\": \"" + server.uri() + "\"}";
			assertThat(refuse(client, false)).singleElement().satisfies((problem) -> {
				assertThat(problem.field()).isEqualTo("sectorIdentifierUri");
				assertThat(problem.problem()).contains("private, loopback or link-local address")
					.contains("IDP_SECTOR_IDENTIFIER_HOSTS");
			});
			ClientRules trusting = ClientRules.forRequests(Set.of("127.0.0.1"));
			assertThat(trusting.fromRequest(this.json.readTree(client), false, KNOWN).sector()).isEqualTo("127.0.0.1");
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "127.0.0.1", "10.1.2.3", "172.16.0.9", "192.168.1.1", "169.254.169.254", "100.64.0.1",
			"0.0.0.0", "::1", "fd00::1", "fe80::1", "224.0.0.1" })
	void whenAddressIsNotPublicThenSectorFetchesRefuseIt(String address) throws Exception {
		assertThat(SectorIdentifiers.isPublic(InetAddress.getByName(address))).isFalse();
	}

	@ParameterizedTest
	@ValueSource(strings = { "203.113.131.1", "8.8.8.8", "100.128.0.1", "2001:4860:4860::8888" })
	void whenAddressIsPublicThenSectorFetchesMayUseIt(String address) throws Exception {
		assertThat(SectorIdentifiers.isPublic(InetAddress.getByName(address))).isTrue();
	}

	@Test
	void whenDemoRealmThenPlainHttpRedirectIsAccepted() {
		assertThat(accept("{\"clientId\": \"demo\", \"redirectUris\": [\"http://portal.example.test/cb\"]}", true)
			.redirectUris()).containsExactly("http://portal.example.test/cb");
	}

	@Test
	void whenSchemaFieldsAreBadThenEveryOneIsNamed() {
		List<ClientProblem> problems = refuse("""
				{"clientId": "bad id", "grantTypes": ["password"], "authMethod": "magic", "accessTokenLifetime": 0,
				 "idTokenSignedResponseAlg": "HS256", "unknown": 1, "redirectUris": ["https://a.example/cb"]}""", false);

		assertThat(problems).extracting(ClientProblem::field).contains("clientId", "grantTypes[0]", "authMethod",
				"accessTokenLifetime", "idTokenSignedResponseAlg", "unknown");
	}

	@Test
	void whenSecretIsSentThenRefusedWithoutEchoingIt() {
		List<ClientProblem> problems = refuse("""
				{"clientId": "svc", "grantTypes": ["client_credentials"], "secret": "mine-0123456789abcdef0123456789"}""",
				false);

		assertThat(problems).extracting(ClientProblem::field).containsExactly("secret");
		assertThat(problems.toString()).doesNotContain("mine-0123456789");
	}

	@Test
	void whenConfidentialClientOmitsTheSecretThenAcceptedBecauseTheProviderGeneratesIt() {
		assertThat(accept("{\"clientId\": \"svc\", \"grantTypes\": [\"client_credentials\"]}", false).authMethod()
			.usesSecret()).isTrue();
	}

	@Test
	void whenPublicClientAsksForClientCredentialsThenRefused() {
		assertThat(refuse("{\"clientId\": \"spa\", \"authMethod\": \"none\", \"grantTypes\": [\"client_credentials\"]}",
				false)).extracting(ClientProblem::field).containsExactly("grantTypes");
	}

	@Test
	void whenPublicClientIsToIntrospectForOthersThenRefused() {
		// RFC 7662 section 2.1: the introspection endpoint needs client authentication, which a public client has not
		assertThat(refuse("""
				{"clientId": "spa", "authMethod": "none", "redirectUris": ["https://spa.example/cb"],
				 "introspectsTokensOf": ["portal"]}""", false)).extracting(ClientProblem::field)
			.containsExactly("introspectsTokensOf");
	}

	@Test
	void whenIntrospectsTokensOfNamesSomethingElseThanClientIdsThenEachIsNamed() {
		assertThat(refuse("""
				{"clientId": "api", "grantTypes": ["client_credentials"],
				 "introspectsTokensOf": ["portal", "not a client", "-dash"]}""", false))
			.extracting(ClientProblem::field).containsExactly("introspectsTokensOf[1]", "introspectsTokensOf[2]");
		assertThat(refuse("""
				{"clientId": "api", "grantTypes": ["client_credentials"], "introspectsTokensOf": ["a", "a"]}""", false))
			.extracting(ClientProblem::field).containsExactly("introspectsTokensOf");
	}

	@Test
	void whenScopeIsUnknownToTheRealmThenEachIsNamed() {
		assertThat(refuse("""
				{"clientId": "svc", "grantTypes": ["client_credentials"], "scopes": ["records.read", "x", "y"]}""",
				false)).extracting(ClientProblem::field).containsExactly("scopes[1]", "scopes[2]");
	}

	@ParameterizedTest
	@ValueSource(strings = { "\"PT0S\"", "\"P-1D\"", "\"five minutes\"", "-1" })
	void whenLifetimeIsNotPositiveThenRefused(String lifetime) {
		assertThat(refuse("{\"clientId\": \"svc\", \"grantTypes\": [\"client_credentials\"], \"refreshTokenLifetime\": "
				+ lifetime + "}", false)).extracting(ClientProblem::field).containsExactly("refreshTokenLifetime");
	}

	@Test
	void whenGrantLifetimeIsGivenThenItBoundsTheGrantUpToAYearAndADay() {
		assertThat(accept("""
				{"clientId": "app", "redirectUris": ["https://a.example/cb"], "grantLifetime": "P90D"}""", false)
			.grantLifetime()).isEqualTo(Duration.ofDays(90));
		assertThat(refuse("""
				{"clientId": "app", "redirectUris": ["https://a.example/cb"], "grantLifetime": "P367D"}""", false))
			.extracting(ClientProblem::field).containsExactly("grantLifetime");
		assertThat(refuse("""
				{"clientId": "app", "redirectUris": ["https://a.example/cb"], "grantLifetime": "PT0S"}""", false))
			.extracting(ClientProblem::field).containsExactly("grantLifetime");
	}

	@Test
	void whenAuthorizationCodeLifetimeExceedsTenMinutesThenRefused() {
		assertThat(refuse("""
				{"clientId": "p", "redirectUris": ["https://a.example/cb"], "authorizationCodeLifetime": "PT11M"}""",
				false)).extracting(ClientProblem::field).containsExactly("authorizationCodeLifetime");
	}

	@Test
	void whenJwksUriHoldsAPlaceholderThenRefusedRatherThanResolved() {
		assertThat(refuse("""
				{"clientId": "jwt", "authMethod": "private_key_jwt", "grantTypes": ["client_credentials"],
				 "jwksUri": "https://keys.example.gov.vn/${DATABASE_PASSWORD}"}""", false))
			.extracting(ClientProblem::field).containsExactly("jwksUri");
	}

	@Test
	void whenPairwiseClientRedirectsToSeveralHostsWithoutSectorThenRefused() {
		assertThat(refuse("""
				{"clientId": "p", "redirectUris": ["https://a.example.gov.vn/cb", "https://b.example.gov.vn/cb"]}""",
				false)).extracting(ClientProblem::field).containsExactly("sectorIdentifierUri");
	}

	@Test
	void whenDefinitionIsShownAsADocumentThenItIsAcceptedBackUnchanged() {
		ClientDefinition client = accept("""
				{"clientId": "portal", "name": "Cổng", "redirectUris": ["https://portal.example.gov.vn/cb"],
				 "scopes": ["records.read", "openid"], "accessTokenLifetime": 90, "subjectType": "public",
				 "grantLifetime": "P7D",
				 "adminUnit": "H26.01", "jwks": {"keys": [{"kty": "RSA", "n": "AQAB", "e": "AQAB"}]},
				 "introspectsTokensOf": ["web-app", "spa"],
				 "authMethod": "private_key_jwt"}""", false);

		ObjectNode document = this.rules.document(client);

		assertThat(document.get("accessTokenLifetime").asString()).isEqualTo("PT1M30S");
		assertThat(document.get("grantLifetime").asString()).isEqualTo("PT168H");
		assertThat(document.get("scopes").toString()).isEqualTo("[\"openid\",\"records.read\"]");
		assertThat(document.get("jwks").get("keys").get(0).get("kty").asString()).isEqualTo("RSA");
		assertThat(document.get("introspectsTokensOf").toString()).isEqualTo("[\"spa\",\"web-app\"]");
		assertThat(document.has("secret")).isFalse();
		assertThat(this.rules.fromRequest(document, false, KNOWN)).isEqualTo(client);
	}

	@Test
	void whenBodyIsNotAnObjectThenRefused() {
		assertThat(refuse("[1, 2]", false)).extracting(ClientProblem::field).containsExactly("");
	}

	private ClientDefinition accept(String document, boolean demo) {
		return this.rules.fromRequest(tree(document), demo, KNOWN);
	}

	private List<ClientProblem> refuse(String document, boolean demo) {
		JsonNode tree = tree(document);
		return org.assertj.core.api.Assertions.catchThrowableOfType(InvalidClientException.class,
				() -> this.rules.fromRequest(tree, demo, KNOWN)).problems();
	}

	private JsonNode tree(String document) {
		return this.json.readTree(document);
	}

	@Test
	void whenInvalidClientExceptionHasNoProblemThenItIsAProgrammingError() {
		assertThatThrownBy(() -> new InvalidClientException(List.of())).isInstanceOf(IllegalArgumentException.class);
	}

}
