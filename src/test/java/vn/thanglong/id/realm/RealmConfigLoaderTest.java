package vn.thanglong.id.realm;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;
import vn.thanglong.id.identity.ScopeClaims;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class RealmConfigLoaderTest {

	private static final String LONG_SECRET = "0123456789abcdef0123456789abcdef-long";

	private static final String DEMO_REALM = """
			name: hanoi
			demo: true
			""";

	private static final String PRODUCTION_REALM = """
			name: hanoi
			""";

	private static final String CONFIDENTIAL = """
			clientId: portal
			secret: ${PORTAL_SECRET}
			redirectUris: [https://portal.hanoi.gov.vn/callback]
			""";

	@TempDir
	Path root;

	private final Map<String, String> environment = Map.of("PORTAL_SECRET", LONG_SECRET, "SHORT_SECRET", "too-short");

	@Test
	void whenDemoRealmOfTheRepositoryThenItLoadsWithItsClientsAndUsers() {
		List<RealmDefinition> realms = loader().load(List.of(Path.of("realm-config")));

		assertThat(realms).singleElement().satisfies((realm) -> {
			assertThat(realm.name()).isEqualTo("hanoi");
			assertThat(realm.demo()).isTrue();
			assertThat(realm.displayName("en")).isEqualTo("Hanoi City");
			assertThat(realm.clients()).extracting((c) -> c.definition().clientId())
				.containsExactly("demo-portal", "demo-service", "demo-spa");
			assertThat(realm.users()).extracting((u) -> u.definition().username())
				.containsExactly("an.nguyen", "binh.tran");
			assertThat(realm.users().get(0).definition().claims()).containsEntry("birthdate", "1990-05-17")
				.containsEntry("email_verified", true)
				.containsEntry("address", Map.of("formatted", "12 Lý Thái Tổ, Hoàn Kiếm, Hà Nội", "street_address",
						"12 Lý Thái Tổ", "locality", "Hoàn Kiếm", "region", "Hà Nội", "country", "VN"));
		});
	}

	@ParameterizedTest
	@ValueSource(strings = { "realm-config", "bench/realm-config", "src/test/resources/realm-config-e2e" })
	void whenRealmConfigOfTheRepositoryIsLoadedThenEveryRealmIsValid(String directory) {
		assertThat(loader().load(List.of(Path.of(directory)))).isNotEmpty();
	}

	@Test
	void whenConformanceRealmIsLoadedThenItHasTheSuitesStaticClientsWithoutPkceForConfidentialClients() {
		Map<String, String> suite = Map.of("OIDCC_USER_PASSWORD", "Conformance-Pass-1",
				"OIDCC_CLIENT_SECRET", LONG_SECRET, "OIDCC_CLIENT2_SECRET", LONG_SECRET + "2",
				"OIDCC_CLIENT_POST_SECRET", LONG_SECRET + "3");
		UnaryOperator<@Nullable String> lookup = suite::get;

		List<RealmDefinition> realms = new RealmConfigLoader(lookup).load(List.of(Path.of("realm-config-conformance")));

		assertThat(realms).singleElement().satisfies((realm) -> {
			assertThat(realm.name()).isEqualTo("oidcc");
			assertThat(realm.pkceRequiredForAllClients()).as("Basic OP sends no PKCE").isFalse();
			assertThat(realm.users()).extracting((u) -> u.definition().username()).containsExactly("conformance");
			// the suite's scope tests warn about any standard claim of a requested scope that is missing
			Map<String, Object> claims = realm.users().get(0).definition().claims();
			for (String scope : List.of("profile", "email", "phone", "address")) {
				assertThat(claims).as("claims of scope %s", scope).containsKeys(ScopeClaims.claimsOf(scope).toArray(String[]::new));
			}
			assertThat(claims.get("updated_at")).as("seconds since the epoch, a JSON number").isInstanceOf(Number.class);
			assertThat(realm.clients()).extracting((c) -> c.definition().clientId() + " " + c.definition().authMethod().value())
				.containsExactlyInAnyOrder("oidcc-client client_secret_basic", "oidcc-client2 client_secret_basic",
						"oidcc-client-post client_secret_post");
			assertThat(realm.clients()).allSatisfy((c) -> assertThat(c.definition().redirectUris()).containsExactly(
					"https://localhost.emobix.co.uk:8443/test/a/thanglong-id/callback",
					"https://www.certification.openid.net/test/a/thanglong-id/callback"));
		});
	}

	@Test
	void whenOptionalFieldsAreOmittedThenDefaultsApply() throws IOException {
		writeRealm(DEMO_REALM);
		writeClient("portal.yaml", """
				clientId: portal
				secret: short-demo-secret
				redirectUris: [http://portal.example/callback]
				""");

		RealmDefinition realm = loader().load(List.of(this.root)).get(0);

		assertThat(realm.displayName("vi")).isEqualTo("hanoi");
		assertThat(realm.displayName("en")).isEqualTo("hanoi");
		assertThat(realm.pkceRequiredForAllClients()).isTrue();
		assertThat(realm.users()).isEmpty();
		RealmDefinition.ConfiguredClient client = realm.clients().get(0);
		ClientDefinition definition = client.definition();
		assertThat(definition.name()).isEqualTo("portal");
		assertThat(definition.authMethod()).isEqualTo(ClientAuthMethod.CLIENT_SECRET_BASIC);
		assertThat(definition.grantTypes()).containsExactlyInAnyOrder("authorization_code", "refresh_token");
		assertThat(definition.scopes()).containsExactlyInAnyOrder("openid", "profile");
		assertThat(definition.postLogoutRedirectUris()).isEmpty();
		assertThat(definition.consentRequired()).isTrue();
		assertThat(definition.idTokenSignedResponseAlg()).isEqualTo("RS256");
		assertThat(definition.accessTokenLifetime()).isEqualTo(Duration.ofMinutes(5));
		assertThat(definition.refreshTokenLifetime()).isEqualTo(Duration.ofHours(8));
		assertThat(definition.authorizationCodeLifetime()).isEqualTo(Duration.ofMinutes(1));
		assertThat(definition.idTokenLifetime()).isEqualTo(Duration.ofMinutes(5));
		assertThat(definition.jwksUri()).isNull();
		assertThat(definition.jwks()).isNull();
		assertThat(client.secret()).isNotNull().extracting(Secret::reveal).isEqualTo("short-demo-secret");
	}

	@Test
	void whenPlaceholderIsSetThenSecretComesFromTheEnvironmentFunction() throws IOException {
		writeRealm(PRODUCTION_REALM);
		writeClient("portal.yaml", CONFIDENTIAL);

		RealmDefinition.ConfiguredClient client = loader().load(List.of(this.root)).get(0).clients().get(0);

		assertThat(client.secret()).isNotNull().extracting(Secret::reveal).isEqualTo(LONG_SECRET);
		assertThat(client.secret()).hasToString("[secret]");
	}

	@Test
	void whenPlaceholderIsUnsetThenItsDefaultIsUsed() throws IOException {
		writeRealm(DEMO_REALM + """
				users:
				  - username: an
				    password: ${UNSET_DEMO_PASSWORD:demo-password}
				""");

		RealmDefinition realm = loader().load(List.of(this.root)).get(0);

		assertThat(realm.users().get(0).password().reveal()).isEqualTo("demo-password");
	}

	@Test
	void whenClientIsFullySpecifiedThenEveryFieldIsRead() throws IOException {
		writeRealm(PRODUCTION_REALM + "pkceRequiredForAllClients: false\n");
		writeClient("signed.yaml", """
				clientId: vn.gov.hanoi:signed_app-1
				name: Hệ thống ký số
				authMethod: private_key_jwt
				jwksUri: https://app.hanoi.gov.vn/jwks.json
				redirectUris: [https://app.hanoi.gov.vn/cb, vn.gov.hanoi.app:/cb, http://127.0.0.1:7000/cb]
				postLogoutRedirectUris: [https://app.hanoi.gov.vn/]
				grantTypes: [authorization_code, client_credentials]
				scopes: [openid, records.read]
				consentRequired: false
				idTokenSignedResponseAlg: ES256
				accessTokenLifetime: 600
				refreshTokenLifetime: P1D
				authorizationCodeLifetime: PT10M
				idTokenLifetime: PT2M30S
				subjectType: public
				""");
		writeClient("spa.yaml", """
				clientId: spa
				authMethod: none
				redirectUris: [https://spa.hanoi.gov.vn/cb]
				""");

		RealmDefinition realm = loader().load(List.of(this.root)).get(0);

		assertThat(realm.pkceRequiredForAllClients()).isFalse();
		RealmDefinition.ConfiguredClient signed = realm.clients().get(0);
		ClientDefinition definition = signed.definition();
		assertThat(signed.secret()).isNull();
		assertThat(definition.clientId()).isEqualTo("vn.gov.hanoi:signed_app-1");
		assertThat(definition.name()).isEqualTo("Hệ thống ký số");
		assertThat(definition.authMethod()).isEqualTo(ClientAuthMethod.PRIVATE_KEY_JWT);
		assertThat(definition.jwksUri()).isEqualTo("https://app.hanoi.gov.vn/jwks.json");
		assertThat(definition.redirectUris()).containsExactly("https://app.hanoi.gov.vn/cb", "vn.gov.hanoi.app:/cb",
				"http://127.0.0.1:7000/cb");
		assertThat(definition.grantTypes()).containsExactlyInAnyOrder("authorization_code", "client_credentials");
		assertThat(definition.scopes()).containsExactlyInAnyOrder("openid", "records.read");
		assertThat(definition.consentRequired()).isFalse();
		assertThat(definition.idTokenSignedResponseAlg()).isEqualTo("ES256");
		assertThat(definition.accessTokenLifetime()).isEqualTo(Duration.ofMinutes(10));
		assertThat(definition.refreshTokenLifetime()).isEqualTo(Duration.ofDays(1));
		assertThat(definition.authorizationCodeLifetime()).isEqualTo(Duration.ofMinutes(10));
		assertThat(definition.idTokenLifetime()).isEqualTo(Duration.ofSeconds(150));
		assertThat(definition.subjectType()).isEqualTo("public");
		ClientDefinition spa = realm.clients().get(1).definition();
		assertThat(spa.isPublic()).isTrue();
		assertThat(realm.clients().get(1).secret()).isNull();
	}

	@ParameterizedTest
	@MethodSource("inlineJwks")
	void whenJwksIsInlineThenItIsKeptAsJson(String jwks) throws IOException {
		writeRealm(PRODUCTION_REALM);
		writeClient("signed.yaml", """
				clientId: signed
				authMethod: private_key_jwt
				grantTypes: [client_credentials]
				""" + jwks);

		ClientDefinition definition = loader().load(List.of(this.root)).get(0).clients().get(0).definition();

		assertThat(definition.jwks()).isEqualTo("{\"keys\":[{\"kty\":\"EC\",\"crv\":\"P-256\"}]}");
	}

	static Stream<String> inlineJwks() {
		return Stream.of("""
				jwks:
				  keys:
				    - {kty: EC, crv: P-256}
				""", """
				jwks: '{"keys": [{"kty": "EC", "crv": "P-256"}]}'
				""");
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("realmRuleViolations")
	void whenRealmFileBreaksARuleThenLoadingStopsNamingFileAndField(String rule, String realmYaml,
			String fieldAndProblem) throws IOException {
		writeRealm(realmYaml);

		assertThatThrownBy(() -> loader().load(List.of(this.root))).isInstanceOf(RealmConfigException.class)
			.hasMessage(this.root.resolve("hanoi/realm.yaml") + ": " + fieldAndProblem);
	}

	static Stream<Arguments> realmRuleViolations() {
		return Stream.of(
				arguments("unknown field", "name: hanoi\nissuer: x\n", "issuer: unknown field"),
				arguments("missing name", "displayName: Hà Nội\n", "name: is required"),
				arguments("upper-case realm name", "name: Hanoi\n",
						"name: must be 1-64 lower-case letters, digits or '-', starting with a letter or digit; "
								+ "was 'Hanoi'"),
				arguments("realm name with a trailing newline", "name: |\n  hanoi\n",
						"name: must be 1-64 lower-case letters, digits or '-', starting with a letter or digit; "
								+ "was 'hanoi\\n'"),
				arguments("name differs from folder", "name: hue\n", "name: must equal the folder name 'hanoi'"),
				arguments("demo is not a boolean", "name: hanoi\ndemo: maybe\n",
						"demo: must be true or false; found a string"),
				arguments("display name without a value", "name: hanoi\ndisplayName:\n",
						"displayName: must be a string, but has no value"),
				arguments("users in a non-demo realm", "name: hanoi\nusers:\n  - {username: an, password: x}\n",
						"users: only a demo realm ('demo: true') may declare users"),
				arguments("users in a realm with demo: false",
						"name: hanoi\ndemo: false\nusers:\n  - {username: an, password: x}\n",
						"users: only a demo realm ('demo: true') may declare users"),
				arguments("duplicate username ignoring case",
						DEMO_REALM + "users:\n  - {username: an, password: x}\n  - {username: AN, password: y}\n",
						"users[1].username: 'AN' is declared twice"),
				arguments("user without a password", DEMO_REALM + "users:\n  - {username: an}\n",
						"users[0].password: is required"),
				arguments("unknown user field", DEMO_REALM + "users:\n  - {username: an, password: x, role: admin}\n",
						"users[0].role: unknown field"),
				arguments("blank username", DEMO_REALM + "users:\n  - {username: ' ', password: x}\n",
						"users[0].username: must not be blank, span lines, or start or end with white space; was ' '"),
				arguments("claim of the wrong type",
						DEMO_REALM + "users:\n  - username: an\n    password: x\n    claims: {email_verified: 'yes'}\n",
						"users[0].claims.email_verified: must be true or false; found a string"),
				arguments("YAML 1.1 boolean as a country code",
						DEMO_REALM + "users:\n  - username: an\n    password: x\n    claims: {address: {country: NO}}\n",
						"users[0].claims.address.country: must be a string; found true or false"),
				arguments("birthdate not in OIDC form",
						DEMO_REALM + "users:\n  - username: an\n    password: x\n    claims: {birthdate: 17/05/1990}\n",
						"users[0].claims.birthdate: must be YYYY-MM-DD or YYYY (OIDC Core section 5.1); was '17/05/1990'"),
				arguments("missing environment variable for a password",
						DEMO_REALM + "users:\n  - {username: an, password: '${NO_SUCH_VARIABLE}'}\n",
						"users[0].password: environment variable NO_SUCH_VARIABLE is not set"),
				arguments("a list instead of a mapping", "- name: hanoi\n", "must be a YAML mapping"),
				arguments("a scalar instead of a mapping", "hanoi\n", "must be a YAML mapping"),
				arguments("an empty file", "", "must be a YAML mapping"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("unparsableFiles")
	void whenFileIsNotValidYamlThenLoadingStopsNamingTheFile(String problem, String yaml) throws IOException {
		writeRealm(yaml);

		assertThatThrownBy(() -> loader().load(List.of(this.root))).isInstanceOf(RealmConfigException.class)
			.hasMessageStartingWith(this.root.resolve("hanoi/realm.yaml") + ": is not valid YAML: ")
			.hasMessageContaining(problem);
	}

	static Stream<Arguments> unparsableFiles() {
		return Stream.of(arguments("line 2", "name: hanoi\n  demo: [true\n"),
				arguments("found duplicate key name", "name: hanoi\nname: hue\n"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("clientRuleViolations")
	void whenClientFileBreaksARuleThenLoadingStopsNamingFileAndField(String rule, String realmYaml,
			String clientYaml, String fieldAndProblem) throws IOException {
		writeRealm(realmYaml);
		writeClient("app.yaml", clientYaml);

		assertThatThrownBy(() -> loader().load(List.of(this.root))).isInstanceOf(RealmConfigException.class)
			.hasMessage(this.root.resolve("hanoi/clients/app.yaml") + ": " + fieldAndProblem);
	}

	static Stream<Arguments> clientRuleViolations() {
		String m2m = "clientId: app\nsecret: ${PORTAL_SECRET}\ngrantTypes: [client_credentials]\n";
		String code = "clientId: app\nsecret: ${PORTAL_SECRET}\n";
		String lifetimeProblem = "must be a positive number of seconds or an ISO-8601 duration such as PT5M";
		return Stream.of(
				arguments("unknown field", PRODUCTION_REALM, m2m + "client_secret: x\n", "client_secret: unknown field"),
				arguments("missing clientId", PRODUCTION_REALM, "secret: ${PORTAL_SECRET}\ngrantTypes: [client_credentials]\n",
						"clientId: is required"),
				arguments("bad clientId", PRODUCTION_REALM, m2m.replace("clientId: app", "clientId: my app"),
						"clientId: must be 1-200 characters of letters, digits, '.', '_', ':' or '-', starting with a "
								+ "letter or digit; was 'my app'"),
				arguments("bad authMethod", PRODUCTION_REALM, m2m + "authMethod: client_secret_jwt\n",
						"authMethod: must be one of client_secret_basic, client_secret_post, private_key_jwt, none; "
								+ "was 'client_secret_jwt'"),
				arguments("unsupported grant type", PRODUCTION_REALM, code + "grantTypes: [implicit]\n",
						"grantTypes[0]: must be one of authorization_code, refresh_token, client_credentials; "
								+ "was 'implicit'"),
				arguments("no grant type", PRODUCTION_REALM, code + "grantTypes: []\n",
						"grantTypes: must list at least one grant type"),
				arguments("grant types not a list", PRODUCTION_REALM, code + "redirectUris: [https://a.gov.vn/cb]\ngrantTypes: client_credentials\n",
						"grantTypes: must be a list; found a string"),
				arguments("client_credentials on a public client", PRODUCTION_REALM,
						"clientId: app\nauthMethod: none\nredirectUris: [https://a.gov.vn/cb]\n"
								+ "grantTypes: [authorization_code, client_credentials]\n",
						"grantTypes: a public client (authMethod: none) cannot use client_credentials"),
				arguments("missing secret", PRODUCTION_REALM, "clientId: app\ngrantTypes: [client_credentials]\n",
						"secret: is required with client_secret_basic and client_secret_post"),
				arguments("literal secret in a non-demo realm", PRODUCTION_REALM,
						m2m.replace("${PORTAL_SECRET}", LONG_SECRET),
						"secret: must be an ${ENV_VAR} placeholder outside demo realms"),
				arguments("secret with text around the placeholder", PRODUCTION_REALM,
						m2m.replace("${PORTAL_SECRET}", "prefix-${PORTAL_SECRET}"),
						"secret: must be an ${ENV_VAR} placeholder outside demo realms"),
				arguments("short secret", PRODUCTION_REALM, m2m.replace("PORTAL_SECRET", "SHORT_SECRET"),
						"secret: must be at least 32 characters"),
				arguments("missing environment variable", PRODUCTION_REALM, m2m.replace("PORTAL_SECRET", "UNSET_SECRET"),
						"secret: environment variable UNSET_SECRET is not set"),
				arguments("placeholder resolving to nothing", DEMO_REALM, m2m.replace("PORTAL_SECRET", "UNSET_SECRET:"),
						"secret: resolves to an empty value"),
				arguments("secret on a public client", PRODUCTION_REALM,
						"clientId: app\nauthMethod: none\nsecret: x\nredirectUris: [https://a.gov.vn/cb]\n",
						"secret: is only allowed with client_secret_basic or client_secret_post"),
				arguments("secret on a private_key_jwt client", PRODUCTION_REALM,
						"clientId: app\nauthMethod: private_key_jwt\nsecret: x\njwksUri: https://a.gov.vn/jwks\n"
								+ "grantTypes: [client_credentials]\n",
						"secret: is only allowed with client_secret_basic or client_secret_post"),
				arguments("private_key_jwt without keys", PRODUCTION_REALM,
						"clientId: app\nauthMethod: private_key_jwt\ngrantTypes: [client_credentials]\n",
						"jwksUri: private_key_jwt needs jwksUri or jwks"),
				arguments("jwks and jwksUri together", PRODUCTION_REALM,
						"clientId: app\nauthMethod: private_key_jwt\ngrantTypes: [client_credentials]\n"
								+ "jwksUri: https://a.gov.vn/jwks\njwks: {keys: []}\n",
						"jwksUri: must not be given together with jwks (RFC 7591 section 2)"),
				arguments("jwks without keys", PRODUCTION_REALM,
						"clientId: app\nauthMethod: private_key_jwt\ngrantTypes: [client_credentials]\njwks: {kty: RSA}\n",
						"jwks.keys: is required in a JWK Set (RFC 7517 section 5)"),
				arguments("jwks as JSON text without keys", PRODUCTION_REALM,
						"clientId: app\nauthMethod: private_key_jwt\ngrantTypes: [client_credentials]\njwks: '{\"k\": 1}'\n",
						"jwks: must be a JWK Set (a mapping with 'keys') or its JSON text"),
				arguments("http jwksUri outside demo", PRODUCTION_REALM,
						"clientId: app\nauthMethod: private_key_jwt\ngrantTypes: [client_credentials]\n"
								+ "jwksUri: http://a.gov.vn/jwks\n",
						"jwksUri: must be an https URI"),
				arguments("authorization_code without redirect URIs", PRODUCTION_REALM, code,
						"redirectUris: at least one redirect URI is needed for authorization_code"),
				arguments("authorization_code with an empty redirect URI list", PRODUCTION_REALM,
						code + "redirectUris: []\n",
						"redirectUris: at least one redirect URI is needed for authorization_code"),
				arguments("http redirect URI to a non-loopback host outside demo", PRODUCTION_REALM,
						code + "redirectUris: [https://a.gov.vn/cb, http://a.gov.vn/cb]\n",
						"redirectUris[1]: http is only allowed for loopback hosts (localhost, 127.0.0.1, [::1]) "
								+ "outside demo realms; use https (RFC 8252 section 8.3)"),
				arguments("fragment in a redirect URI", PRODUCTION_REALM,
						code + "redirectUris: ['https://a.gov.vn/cb#top']\n",
						"redirectUris[0]: must not contain a fragment (RFC 6749 section 3.1.2)"),
				arguments("fragment in a redirect URI of a demo realm", DEMO_REALM,
						code + "redirectUris: ['http://a.example/cb#']\n",
						"redirectUris[0]: must not contain a fragment (RFC 6749 section 3.1.2)"),
				arguments("custom scheme without a dot", PRODUCTION_REALM, code + "redirectUris: ['myapp:/cb']\n",
						"redirectUris[0]: a custom scheme must be a reverse domain name such as vn.gov.hanoi.app "
								+ "(RFC 8252 section 7.1)"),
				arguments("relative redirect URI", PRODUCTION_REALM, code + "redirectUris: [/cb]\n",
						"redirectUris[0]: must be an absolute URI; was '/cb'"),
				arguments("https redirect URI without a host", PRODUCTION_REALM, code + "redirectUris: ['https:/cb']\n",
						"redirectUris[0]: must name a host"),
				arguments("unparsable redirect URI", PRODUCTION_REALM, code + "redirectUris: ['https://a.gov.vn/c b']\n",
						"redirectUris[0]: is not a valid URI: Illegal character in path; was 'https://a.gov.vn/c b'"),
				arguments("duplicate redirect URI", PRODUCTION_REALM,
						code + "redirectUris: [https://a.gov.vn/cb, https://a.gov.vn/cb]\n",
						"redirectUris: must not list the same value twice"),
				arguments("bad post-logout redirect URI", PRODUCTION_REALM,
						code + "redirectUris: [https://a.gov.vn/cb]\npostLogoutRedirectUris: [http://a.gov.vn/]\n",
						"postLogoutRedirectUris[0]: http is only allowed for loopback hosts (localhost, 127.0.0.1, "
								+ "[::1]) outside demo realms; use https (RFC 8252 section 8.3)"),
				arguments("bad scope token", PRODUCTION_REALM, m2m + "scopes: [openid, 'records \"read\"']\n",
						"scopes[1]: is not a valid scope token (RFC 6749 section 3.3); was 'records \"read\"'"),
				arguments("bad idTokenSignedResponseAlg", PRODUCTION_REALM, m2m + "idTokenSignedResponseAlg: HS256\n",
						"idTokenSignedResponseAlg: must be one of RS256, ES256; was 'HS256'"),
				arguments("consentRequired not a boolean", PRODUCTION_REALM, m2m + "consentRequired: sometimes\n",
						"consentRequired: must be true or false; found a string"),
				arguments("code lifetime over 10 minutes in seconds", PRODUCTION_REALM,
						m2m + "authorizationCodeLifetime: 601\n",
						"authorizationCodeLifetime: must not exceed 10 minutes (RFC 6749 section 4.1.2); was '601'"),
				arguments("code lifetime over 10 minutes as ISO-8601", PRODUCTION_REALM,
						m2m + "authorizationCodeLifetime: PT10M1S\n",
						"authorizationCodeLifetime: must not exceed 10 minutes (RFC 6749 section 4.1.2); was 'PT10M1S'"),
				arguments("zero seconds", PRODUCTION_REALM, m2m + "accessTokenLifetime: 0\n",
						"accessTokenLifetime: " + lifetimeProblem + "; was '0'"),
				arguments("negative seconds", PRODUCTION_REALM, m2m + "refreshTokenLifetime: -5\n",
						"refreshTokenLifetime: " + lifetimeProblem + "; was '-5'"),
				arguments("zero ISO-8601 duration", PRODUCTION_REALM, m2m + "idTokenLifetime: PT0S\n",
						"idTokenLifetime: " + lifetimeProblem + "; was 'PT0S'"),
				arguments("negative ISO-8601 duration", PRODUCTION_REALM, m2m + "idTokenLifetime: -PT5M\n",
						"idTokenLifetime: " + lifetimeProblem + "; was '-PT5M'"),
				arguments("lifetime in another notation", PRODUCTION_REALM, m2m + "accessTokenLifetime: 5m\n",
						"accessTokenLifetime: " + lifetimeProblem + "; was '5m'"),
				arguments("lifetime of the wrong type", PRODUCTION_REALM, m2m + "accessTokenLifetime: [5]\n",
						"accessTokenLifetime: " + lifetimeProblem),
				arguments("a list instead of a mapping", PRODUCTION_REALM, "- clientId: app\n",
						"must be a YAML mapping"));
	}

	@Test
	void whenSeveralSchemaRulesAreBrokenThenEveryViolationIsListedOnItsOwnLine() throws IOException {
		writeRealm(PRODUCTION_REALM);
		writeClient("app.yaml", """
				clientId: app
				secret: ${PORTAL_SECRET}
				grantTypes: [client_credentials]
				scopes: ['a b']
				idTokenSignedResponseAlg: HS256
				""");
		String file = this.root.resolve("hanoi/clients/app.yaml").toString();

		assertThatThrownBy(() -> loader().load(List.of(this.root))).isInstanceOf(RealmConfigException.class)
			.hasMessage(file + ": scopes[0]: is not a valid scope token (RFC 6749 section 3.3); was 'a b'\n" + file
					+ ": idTokenSignedResponseAlg: must be one of RS256, ES256; was 'HS256'");
	}

	@Test
	void whenJwksTextIsNotJsonThenLoadingStopsNamingTheField() throws IOException {
		writeRealm(PRODUCTION_REALM);
		writeClient("app.yaml", """
				clientId: app
				authMethod: private_key_jwt
				grantTypes: [client_credentials]
				jwks: 'keys: []'
				""");

		assertThatThrownBy(() -> loader().load(List.of(this.root))).isInstanceOf(RealmConfigException.class)
			.hasMessageStartingWith(this.root.resolve("hanoi/clients/app.yaml") + ": jwks: is not valid JSON: ");
	}

	@Test
	void whenSecretIsMalformedThenItsValueIsNeverInTheMessage() throws IOException {
		writeRealm(PRODUCTION_REALM);
		writeClient("app.yaml", "clientId: app\ngrantTypes: [client_credentials]\nsecret: [s3cr3t-value]\n");

		assertThatThrownBy(() -> loader().load(List.of(this.root))).isInstanceOf(RealmConfigException.class)
			.hasMessage(this.root.resolve("hanoi/clients/app.yaml") + ": secret: must be a string; found a list")
			.hasMessageNotContaining("s3cr3t");
	}

	@Test
	void whenTwoClientsShareAClientIdThenTheSecondFileIsNamed() throws IOException {
		writeRealm(PRODUCTION_REALM);
		writeClient("a.yaml", CONFIDENTIAL);
		writeClient("b.yml", CONFIDENTIAL);

		assertThatThrownBy(() -> loader().load(List.of(this.root))).isInstanceOf(RealmConfigException.class)
			.hasMessage(this.root.resolve("hanoi/clients/b.yml")
					+ ": clientId: 'portal' is already used by another client of this realm");
	}

	@Test
	void whenAResourceServerIntrospectsForAClientNoFileDeclaresThenItsFileAndFieldAreNamed() throws IOException {
		writeRealm(DEMO_REALM);
		writeClient("portal.yaml", "clientId: portal\nsecret: s\nredirectUris: [https://portal.hanoi.gov.vn/callback]\n");
		writeClient("api.yaml", "clientId: api\nsecret: s\ngrantTypes: [client_credentials]\n"
				+ "introspectsTokensOf: [portal, portl]\n");

		assertThatThrownBy(() -> loader().load(List.of(this.root))).isInstanceOf(RealmConfigException.class)
			.hasMessage(this.root.resolve("hanoi/clients/api.yaml")
					+ ": introspectsTokensOf: 'portl' is no client of this realm's files");

		writeClient("api.yaml", "clientId: api\nsecret: s\ngrantTypes: [client_credentials]\n"
				+ "introspectsTokensOf: [portal]\n");
		assertThat(loader().load(List.of(this.root)).get(0).clients())
			.filteredOn((client) -> client.definition().clientId().equals("api"))
			.singleElement()
			.satisfies((client) -> assertThat(client.definition().introspectsTokensOf()).containsExactly("portal"));
	}

	@Test
	void whenTwoDirectoriesDefineTheSameRealmThenTheSecondIsNamed(@TempDir Path other) throws IOException {
		writeRealm(PRODUCTION_REALM);
		Files.createDirectories(other.resolve("hanoi"));
		Files.writeString(other.resolve("hanoi/realm.yaml"), PRODUCTION_REALM);

		assertThatThrownBy(() -> loader().load(List.of(this.root, other))).isInstanceOf(RealmConfigException.class)
			.hasMessage(other.resolve("hanoi/realm.yaml") + ": name: realm 'hanoi' is defined twice");
	}

	@Test
	void whenFilesAreNotYamlOrFoldersHaveNoRealmThenTheyAreIgnored() throws IOException {
		writeRealm(PRODUCTION_REALM);
		writeClient("README.md", "not a client");
		Files.createDirectories(this.root.resolve("shared"));
		Files.writeString(this.root.resolve("realm.schema.json"), "{}");

		assertThat(loader().load(List.of(this.root))).singleElement()
			.satisfies((realm) -> assertThat(realm.clients()).isEmpty());
	}

	@Test
	void whenConfigDirectoryIsMissingThenLoadingStopsNamingIt() {
		Path missing = this.root.resolve("nowhere");

		assertThatThrownBy(() -> loader().load(List.of(missing))).isInstanceOf(RealmConfigException.class)
			.hasMessage(missing + ": is not a directory");
	}

	@ParameterizedTest
	@MethodSource("schemaFiles")
	void whenSchemaIsPublishedForEditorsThenItIsTheOneTheLoaderUses(String name) throws IOException {
		String published = Files.readString(Path.of("realm-config", name), StandardCharsets.UTF_8);
		try (var in = getClass().getClassLoader().getResourceAsStream("realm-config-schema/" + name)) {
			assertThat(in).as("classpath copy of %s", name).isNotNull();
			assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(published);
		}
	}

	@ParameterizedTest
	@MethodSource("schemaFiles")
	void whenSchemaIsCheckedAgainstTheDraft202012MetaSchemaThenItIsValid(String name) throws IOException {
		Schema metaSchema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
			.getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));

		assertThat(metaSchema.validate(JsonMapper.shared().readTree(Files.readString(Path.of("realm-config", name)))))
			.isEmpty();
	}

	// ---- subjects (OIDC Core section 8) ---------------------------------------------------

	@Test
	void whenSubjectTypeIsOmittedThenPairwiseInTheSectorOfTheRedirectHost() throws IOException {
		writeRealm(PRODUCTION_REALM);
		writeClient("portal.yaml", CONFIDENTIAL);

		ClientDefinition definition = loader().load(List.of(this.root)).get(0).clients().get(0).definition();

		assertThat(definition.subjectType()).isEqualTo("pairwise");
		assertThat(definition.sector()).isEqualTo("portal.hanoi.gov.vn");
	}

	@Test
	void whenPairwiseRedirectUrisAreOnSeveralHostsWithoutSectorIdentifierThenRefused() throws IOException {
		writeRealm(PRODUCTION_REALM);
		writeClient("portal.yaml", CONFIDENTIAL.replace("redirectUris: [https://portal.hanoi.gov.vn/callback]",
				"redirectUris: [https://a.hanoi.gov.vn/cb, https://b.hanoi.gov.vn/cb]"));

		assertThatThrownBy(() -> loader().load(List.of(this.root))).isInstanceOf(RealmConfigException.class)
			.hasMessageContaining("sectorIdentifierUri: is required: the redirect URIs are on several hosts");
	}

	@Test
	void whenPublicSubjectsThenRedirectUrisMaySpanHosts() throws IOException {
		writeRealm(PRODUCTION_REALM);
		writeClient("portal.yaml", CONFIDENTIAL.replace("redirectUris: [https://portal.hanoi.gov.vn/callback]",
				"redirectUris: [https://a.hanoi.gov.vn/cb, https://b.hanoi.gov.vn/cb]\nsubjectType: public"));

		assertThat(loader().load(List.of(this.root)).get(0).clients().get(0).definition().subjectType())
			.isEqualTo("public");
	}

	@Test
	void whenSectorIdentifierListsEveryRedirectUriThenItsHostIsTheSector() throws IOException {
		try (SectorServer server = new SectorServer("[\"http://a.example/cb\", \"http://b.example/cb\"]")) {
			writeRealm(DEMO_REALM);
			writeClient("portal.yaml", "clientId: portal\nsecret: demo\nredirectUris: [http://a.example/cb, "
					+ "http://b.example/cb]\nsectorIdentifierUri: " + server.uri() + "\n");

			ClientDefinition definition = loader().load(List.of(this.root)).get(0).clients().get(0).definition();

			assertThat(definition.sectorIdentifierUri()).isEqualTo(server.uri());
			assertThat(definition.sector()).isEqualTo("127.0.0.1");
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "[\"http://a.example/cb\"]", "{\"redirect_uris\": []}", "not json" })
	void whenSectorIdentifierDoesNotListEveryRedirectUriThenRefused(String document) throws IOException {
		try (SectorServer server = new SectorServer(document)) {
			writeRealm(DEMO_REALM);
			writeClient("portal.yaml", "clientId: portal\nsecret: demo\nredirectUris: [http://a.example/cb, "
					+ "http://b.example/cb]\nsectorIdentifierUri: " + server.uri() + "\n");

			assertThatThrownBy(() -> loader().load(List.of(this.root))).isInstanceOf(RealmConfigException.class)
				.hasMessageContaining("sectorIdentifierUri: ");
		}
	}

	@Test
	void whenSectorIdentifierIsPlainHttpOutsideADemoRealmThenRefused() throws IOException {
		writeRealm(PRODUCTION_REALM);
		writeClient("portal.yaml", CONFIDENTIAL + "sectorIdentifierUri: http://sector.hanoi.gov.vn/uris.json\n");

		assertThatThrownBy(() -> loader().load(List.of(this.root))).isInstanceOf(RealmConfigException.class)
			.hasMessageContaining("sectorIdentifierUri: must be an https URI");
	}

	@Test
	void whenClientNamesAnAdminUnitThenItIsKeptAndABadCodeIsRefused() throws IOException {
		writeRealm(PRODUCTION_REALM);
		writeClient("portal.yaml", CONFIDENTIAL + "adminUnit: H26.01.W1\n");
		assertThat(loader().load(List.of(this.root)).get(0).clients().get(0).definition().adminUnit())
			.isEqualTo("H26.01.W1");

		writeClient("portal.yaml", CONFIDENTIAL + "adminUnit: h26/ward\n");
		assertThatThrownBy(() -> loader().load(List.of(this.root))).isInstanceOf(RealmConfigException.class)
			.hasMessageContaining("adminUnit: must be an agency code");
	}

	static Stream<String> schemaFiles() {
		return Stream.of("realm.schema.json", "client.schema.json");
	}

	private RealmConfigLoader loader() {
		UnaryOperator<@Nullable String> lookup = this.environment::get;
		return new RealmConfigLoader(lookup);
	}

	private void writeRealm(String yaml) throws IOException {
		Path dir = Files.createDirectories(this.root.resolve("hanoi"));
		Files.writeString(dir.resolve("realm.yaml"), yaml, StandardCharsets.UTF_8);
	}

	private void writeClient(String fileName, String yaml) throws IOException {
		Path dir = Files.createDirectories(this.root.resolve("hanoi/clients"));
		Files.writeString(dir.resolve(fileName), yaml, StandardCharsets.UTF_8);
	}

}
