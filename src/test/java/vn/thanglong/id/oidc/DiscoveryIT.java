package vn.thanglong.id.oidc;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.oauth2.sdk.GrantType;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import org.junit.jupiter.api.Test;

import vn.thanglong.id.support.ProviderIT;
import vn.thanglong.id.support.RawHttp;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.thanglong.id.support.RawHttp.assertNoInternals;
import static vn.thanglong.id.support.RawHttp.describe;
import static vn.thanglong.id.support.RawHttp.json;
import static vn.thanglong.id.support.RawHttp.strings;

/**
 * Discovery (OpenID Connect Discovery 1.0, RFC 8414) and the JWKS per realm: exact issuers,
 * endpoints under them, only what the server really does advertised, and 404 with a JSON
 * error for everything that is not a known realm's endpoint.
 */
class DiscoveryIT extends ProviderIT {

	private static final Set<String> AUTH_METHODS_WE_IMPLEMENT = Set.of("client_secret_basic", "client_secret_post",
			"private_key_jwt", "none");

	/** What at least one client can use; realm-config clients have no other grant type. */
	private static final Set<String> GRANTS_CLIENTS_CAN_USE = Set.of("authorization_code", "refresh_token",
			"client_credentials");

	private static final Set<String> PRIVATE_JWK_MEMBERS = Set.of("d", "p", "q", "dp", "dq", "qi", "oth", "k");

	private final RawHttp http = new RawHttp();

	private Map<String, Object> configuration(String realm) {
		HttpResponse<String> response = this.http.get(issuer(realm) + "/.well-known/openid-configuration");
		assertThat(response.statusCode()).as(describe(response)).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
				(type) -> assertThat(type.toLowerCase(Locale.ROOT)).startsWith("application/json"));
		return json(response);
	}

	private Map<String, Object> authorizationServerMetadata(String realm) {
		HttpResponse<String> response = this.http.get(baseUrl() + "/.well-known/oauth-authorization-server/realms/" + realm);
		assertThat(response.statusCode()).as(describe(response)).isEqualTo(200);
		return json(response);
	}

	@Test
	void whenProtectedResourceMetadataIsFetchedThenItNamesTheRealmsUserInfoAndIssuer() {
		for (String realm : List.of("e2e", "other")) {
			HttpResponse<String> response = this.http
				.get(baseUrl() + "/.well-known/oauth-protected-resource/realms/" + realm + "/userinfo");
			assertThat(response.statusCode()).as(describe(response)).isEqualTo(200);
			Map<String, Object> metadata = json(response);
			// RFC 9728 section 3.3: resource must equal the URL the document was derived from
			assertThat(metadata.get("resource")).isEqualTo(issuer(realm) + "/userinfo");
			assertThat(metadata.get("authorization_servers")).isEqualTo(List.of(issuer(realm)));
			assertThat(metadata.get("bearer_methods_supported")).isEqualTo(List.of("header", "body"));
		}
	}

	@Test
	void whenTheAdminOrScimApiChallengesThenItsResourceMetadataIsThereAndNamesItsAudienceAndIssuer() {
		// RFC 9728 section 5.1: resource_metadata in the challenge. The stock entry point named the root's
		// document, which is 404 (no resource lives at the root)
		for (String api : List.of("/admin/api", "/scim/v2")) {
			HttpResponse<String> refused = this.http.get(issuer("e2e") + api + ("/admin/api".equals(api) ? "/units" : "/Users"));
			assertThat(refused.statusCode()).as(describe(refused)).isEqualTo(401);
			String challenge = refused.headers().firstValue("WWW-Authenticate").orElseThrow();
			java.util.regex.Matcher location = java.util.regex.Pattern.compile("resource_metadata=\"([^\"]+)\"")
				.matcher(challenge);
			assertThat(location.find()).as(challenge).isTrue();
			assertThat(location.group(1)).isEqualTo(baseUrl() + "/.well-known/oauth-protected-resource/realms/e2e" + api);

			HttpResponse<String> response = this.http.get(location.group(1));
			assertThat(response.statusCode()).as(describe(response)).isEqualTo(200);
			Map<String, Object> metadata = json(response);
			// the identifier its access tokens carry as their audience
			assertThat(metadata.get("resource")).isEqualTo(issuer("e2e") + api);
			assertThat(metadata.get("authorization_servers")).isEqualTo(List.of(issuer("e2e")));
			assertThat(metadata.get("bearer_methods_supported")).isEqualTo(List.of("header"));
		}
	}

	@Test
	void whenAMetadataDocumentIsAskedForWithHeadThenItAnswersAsGet() throws Exception {
		// RFC 9110 section 9.3.2; a HEAD was 401 invalid_client (the stock endpoints match GET only)
		java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
		for (String path : List.of("/realms/e2e/.well-known/openid-configuration", "/realms/e2e/oauth2/jwks",
				"/.well-known/oauth-authorization-server/realms/e2e",
				"/.well-known/oauth-protected-resource/realms/e2e/userinfo")) {
			HttpResponse<String> get = this.http.get(baseUrl() + path);
			HttpResponse<String> head = client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(baseUrl() + path))
				.method("HEAD", java.net.http.HttpRequest.BodyPublishers.noBody())
				.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(head.statusCode()).as(path).isEqualTo(200);
			assertThat(head.headers().firstValue("Content-Type")).as(path).isEqualTo(get.headers().firstValue("Content-Type"));
			get.headers().firstValue("Content-Length").ifPresent((length) -> assertThat(
					head.headers().firstValue("Content-Length")).as(path).contains(length));
		}
	}

	@Test
	void whenAnEndpointIsCalledWithAMethodItDoesNotAnswerThen405WithAllow() {
		// RFC 9110 section 15.5.6; these were 403 invalid_request, and GET on the token endpoint with
		// Basic credentials 401
		java.util.Map<String, String> allowed = new java.util.LinkedHashMap<>();
		allowed.put("/realms/e2e/oauth2/token", "POST");
		allowed.put("/realms/e2e/oauth2/introspect", "POST");
		allowed.put("/realms/e2e/oauth2/revoke", "POST");
		allowed.put("/realms/e2e/oauth2/authorize", "GET, POST");
		allowed.put("/realms/e2e/userinfo", "GET, POST");
		allowed.put("/realms/e2e/connect/logout", "GET, POST");
		allowed.put("/realms/e2e/oauth2/jwks", "GET, HEAD");
		allowed.put("/realms/e2e/.well-known/openid-configuration", "GET, HEAD");
		allowed.put("/.well-known/oauth-authorization-server/realms/e2e", "GET, HEAD");
		allowed.put("/.well-known/oauth-protected-resource/realms/e2e/userinfo", "GET, HEAD");
		allowed.forEach((path, methods) -> {
			// TRACE is refused by the connector itself, before any filter: its Allow must be the endpoint's too
			for (String method : List.of("PUT", "DELETE", "PATCH", "GET", "POST", "TRACE")) {
				if (methods.contains(method)) {
					continue;
				}
				HttpResponse<String> response = this.http.method(method, baseUrl() + path, "Authorization",
						RawHttp.basic("service", TokenEndpointIT.SERVICE_SECRET));
				assertThat(response.statusCode()).as(method + " " + describe(response)).isEqualTo(405);
				assertThat(response.headers().firstValue("Allow")).as(method + " " + path).contains(methods);
				assertThat(json(response).get("error")).as(method + " " + path).isEqualTo("invalid_request");
			}
		});
	}

	@Test
	void whenProtectedResourceMetadataNamesNoRealmsResourceThenNotFound() {
		for (String path : List.of("", "/realms/e2e", "/realms/nosuch/userinfo", "/realms/e2e/oauth2/token",
				"/x/realms/e2e/userinfo", "/realms/e2e/admin", "/realms/e2e/admin/api/units", "/realms/e2e/scim")) {
			HttpResponse<String> response = this.http.get(baseUrl() + "/.well-known/oauth-protected-resource" + path);
			assertThat(response.statusCode()).as(describe(response)).isEqualTo(404);
			assertThat(json(response).get("error")).isEqualTo("not_found");
		}
	}

	@Test
	void whenDiscoveryIsFetchedThenIssuerIsTheRealmsExactIssuer() {
		assertThat(configuration("e2e").get("issuer")).isEqualTo(baseUrl() + "/realms/e2e");
		assertThat(configuration("other").get("issuer")).isEqualTo(baseUrl() + "/realms/other");
	}

	@Test
	void whenDiscoveryIsFetchedThenEveryEndpointIsUnderTheIssuer() {
		Map<String, Object> configuration = configuration("e2e");
		String issuer = issuer("e2e");
		List<String> endpoints = new ArrayList<>();
		configuration.forEach((name, value) -> {
			if (name.endsWith("_endpoint") || name.equals("jwks_uri")) {
				endpoints.add(name);
				assertThat(String.valueOf(value)).as(name).startsWith(issuer + "/");
			}
		});
		assertThat(endpoints).contains("authorization_endpoint", "token_endpoint", "jwks_uri", "userinfo_endpoint",
				"introspection_endpoint", "revocation_endpoint", "end_session_endpoint");
	}

	@Test
	void whenEveryAdvertisedEndpointIsCalledThenItExists() {
		Map<String, Object> configuration = configuration("e2e");
		configuration.forEach((name, value) -> {
			if (name.endsWith("_endpoint") || name.equals("jwks_uri")) {
				HttpResponse<String> response = this.http.get(String.valueOf(value));
				assertThat(response.statusCode()).as("%s: %s", name, describe(response)).isNotEqualTo(404)
					.isLessThan(500);
			}
		});
	}

	@Test
	void whenJwksIsFetchedThenOnlyPublicSigningKeysWithKidAlgAndUse() throws Exception {
		String jwksUri = String.valueOf(configuration("e2e").get("jwks_uri"));
		HttpResponse<String> response = this.http.get(jwksUri);
		assertThat(response.statusCode()).isEqualTo(200);
		Map<String, Object> jwks = json(response);
		List<?> keys = (List<?>) jwks.get("keys");
		assertThat(keys).isNotEmpty();
		for (Object key : keys) {
			@SuppressWarnings("unchecked")
			Map<String, Object> members = (Map<String, Object>) key;
			assertThat(members).as("JWK %s", members).containsKeys("kid", "alg", "use", "kty");
			assertThat(members.get("use")).isEqualTo("sig");
			assertThat(members.keySet()).as("private members in %s", members).doesNotContainAnyElementsOf(
					PRIVATE_JWK_MEMBERS);
		}
		JWKSet set = JWKSet.parse(response.body());
		assertThat(set.getKeys()).allSatisfy((jwk) -> assertThat(jwk.isPrivate()).isFalse());
		assertThat(set.getKeys()).extracting(JWK::getAlgorithm)
			.contains(JWSAlgorithm.RS256, JWSAlgorithm.ES256);
		assertThat(set.getKeys()).extracting(JWK::getKeyID).doesNotHaveDuplicates();
	}

	@Test
	void whenJwksIsFetchedThenItMayBeCached() {
		HttpResponse<String> response = this.http.get(issuer("e2e") + "/oauth2/jwks");
		List<String> cacheControl = response.headers().allValues("Cache-Control");
		String joined = String.join(",", cacheControl).toLowerCase(Locale.ROOT);
		assertThat(joined).as(describe(response)).doesNotContain("no-store").doesNotContain("no-cache")
			.doesNotContain("private");
		Matcher maxAge = Pattern.compile("max-age=(\\d+)").matcher(joined);
		assertThat(maxAge.find()).as("max-age in %s", cacheControl).isTrue();
		assertThat(Long.parseLong(maxAge.group(1))).isPositive();
	}

	/**
	 * Every answer of a discovery document is alike, the first a node renders included: public,
	 * cacheable, readable from any origin. The first one was the stock rendering's, with
	 * {@code no-store} and no CORS header, so a browser application's first fetch was refused.
	 * Asked through 127.0.0.1 so that the first request is this test's; a query string changes
	 * nothing.
	 */
	@Test
	void whenADiscoveryDocumentIsFetchedThenEveryAnswerIsPublicAndCacheableTheFirstIncluded() {
		String base = "http://127.0.0.1:" + this.port;
		for (String path : List.of("/realms/e2e/.well-known/openid-configuration",
				"/.well-known/oauth-authorization-server/realms/e2e", "/realms/other/.well-known/openid-configuration?x=1")) {
			List<HttpResponse<String>> answers = List.of(this.http.get(base + path, "Origin", "https://spa.example.test"),
					this.http.get(base + path, "Origin", "https://spa.example.test"));
			for (HttpResponse<String> answer : answers) {
				assertThat(answer.statusCode()).as(describe(answer)).isEqualTo(200);
				assertThat(answer.headers().firstValue("Access-Control-Allow-Origin")).as(path).contains("*");
				assertThat(answer.headers().allValues("Cache-Control")).as(path).containsExactly("public, max-age=300");
				assertThat(answer.headers().firstValue("Pragma")).as(path).isEmpty();
				assertThat(answer.headers().firstValue("Content-Type")).as(path).contains("application/json");
				assertThat(answer.body()).isEqualTo(answers.get(0).body());
			}
			assertThat(json(answers.get(0)).get("issuer")).asString().startsWith(base + "/realms/");
		}
	}

	/** A browser's CORS preflight for a public document is answered (it was 405), from any origin. */
	@Test
	void whenABrowserPreflightsAPublicDocumentThenAnyOriginMayReadIt() {
		for (String path : List.of("/realms/e2e/.well-known/openid-configuration", "/realms/e2e/oauth2/jwks",
				"/.well-known/oauth-authorization-server/realms/e2e")) {
			HttpResponse<String> preflight = this.http.method("OPTIONS", baseUrl() + path, "Origin",
					"https://spa.example.test", "Access-Control-Request-Method", "GET", "Access-Control-Request-Headers",
					"x-requested-with");
			assertThat(preflight.statusCode()).as(describe(preflight)).isEqualTo(204);
			assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).as(path).contains("*");
			assertThat(preflight.headers().firstValue("Access-Control-Allow-Methods")).as(path).contains("GET, HEAD");
			assertThat(preflight.headers().firstValue("Access-Control-Allow-Headers")).as(path).contains("*");
		}
		HttpResponse<String> plain = this.http.method("OPTIONS", baseUrl() + "/realms/e2e/oauth2/jwks");
		assertThat(plain.statusCode()).as("not a preflight: " + describe(plain)).isEqualTo(405);
	}

	@Test
	void whenJwksOfTwoRealmsAreFetchedThenTheyShareNoKey() throws Exception {
		Set<String> e2e = new HashSet<>();
		JWKSet.parse(this.http.get(issuer("e2e") + "/oauth2/jwks").body()).getKeys()
			.forEach((key) -> e2e.add(key.getKeyID()));
		List<String> other = new ArrayList<>();
		JWKSet.parse(this.http.get(issuer("other") + "/oauth2/jwks").body()).getKeys()
			.forEach((key) -> other.add(key.getKeyID()));
		assertThat(other).isNotEmpty().doesNotContainAnyElementsOf(e2e);
	}

	@Test
	void whenDiscoveryIsFetchedThenRs256AndEs256IdTokensAreAdvertised() {
		assertThat(strings(configuration("e2e").get("id_token_signing_alg_values_supported"))).contains("RS256",
				"ES256");
	}

	@Test
	void whenDiscoveryIsFetchedThenPkceIsS256Only() {
		assertThat(strings(configuration("e2e").get("code_challenge_methods_supported"))).containsExactly("S256");
	}

	@Test
	void whenDiscoveryIsFetchedThenOnlyTheCodeResponseTypeIsAdvertised() {
		assertThat(strings(configuration("e2e").get("response_types_supported"))).containsExactly("code");
	}

	@Test
	void whenDiscoveryIsFetchedThenTheStandardScopesAreAdvertised() {
		assertThat(strings(configuration("e2e").get("scopes_supported"))).contains("openid", "profile", "email",
				"phone", "address", "offline_access");
	}

	@Test
	void whenDiscoveryIsFetchedThenSubjectTypesAreAdvertised() {
		assertThat(strings(configuration("e2e").get("subject_types_supported"))).containsExactly("pairwise", "public");
	}

	@Test
	void whenDiscoveryIsFetchedThenAuthorizationResponseIssParameterIsSupported() {
		// RFC 9207 section 3
		assertThat(configuration("e2e").get("authorization_response_iss_parameter_supported")).isEqualTo(true);
	}

	@Test
	void whenDiscoveryIsFetchedThenOnlyImplementedClientAuthMethodsAreAdvertised() {
		Map<String, Object> configuration = configuration("e2e");
		assertThat(strings(configuration.get("token_endpoint_auth_methods_supported")))
			.as("token_endpoint_auth_methods_supported")
			.contains("client_secret_basic", "client_secret_post")
			.isSubsetOf(AUTH_METHODS_WE_IMPLEMENT);
		// a public client ("none") cannot introspect, but revokes its own tokens naming itself (RFC 7009 section 2.1)
		assertThat(strings(configuration.get("introspection_endpoint_auth_methods_supported")))
			.containsExactly("client_secret_basic", "client_secret_post", "private_key_jwt");
		assertThat(strings(configuration.get("revocation_endpoint_auth_methods_supported")))
			.containsExactly("client_secret_basic", "client_secret_post", "private_key_jwt", "none");
	}

	@Test
	void whenPrivateKeyJwtIsAdvertisedForAnEndpointThenItsSigningAlgorithmsAreToo() {
		// RFC 8414 section 2: each *_auth_signing_alg_values_supported MUST be present when its endpoint lists
		// private_key_jwt
		for (String realm : List.of("e2e", "other")) {
			for (Map<String, Object> document : List.of(configuration(realm), authorizationServerMetadata(realm))) {
				for (String endpoint : List.of("token_endpoint", "introspection_endpoint", "revocation_endpoint")) {
					assertThat(strings(document.get(endpoint + "_auth_methods_supported"))).contains("private_key_jwt");
					assertThat(strings(document.get(endpoint + "_auth_signing_alg_values_supported")))
						.as(endpoint + " of " + realm)
						.containsExactly("RS256", "ES256", "PS256");
				}
			}
		}
	}

	@Test
	void whenDiscoveryIsFetchedThenNoGrantIsAdvertisedThatNoClientCanUse() {
		assertThat(strings(configuration("e2e").get("grant_types_supported")))
			.contains("authorization_code", "refresh_token", "client_credentials")
			.isSubsetOf(GRANTS_CLIENTS_CAN_USE);
	}

	@Test
	void whenDiscoveryIsFetchedThenMutualTlsBoundTokensAreNotClaimed() {
		// nothing in realm-config can register a certificate; claiming mTLS-bound tokens would be false
		Object bound = configuration("e2e").get("tls_client_certificate_bound_access_tokens");
		assertThat(bound).as("tls_client_certificate_bound_access_tokens").isIn(null, false);
	}

	@Test
	void whenDiscoveryIsFetchedThenRequestUriIsDeclaredUnsupported() {
		// OIDC Discovery 1.0 section 3: request_uri_parameter_supported defaults to true when omitted,
		// and the server answers request_uri_not_supported
		Map<String, Object> configuration = configuration("e2e");
		assertThat(configuration.get("request_uri_parameter_supported")).as("request_uri_parameter_supported")
			.isEqualTo(false);
		assertThat(configuration.get("request_parameter_supported")).as("request_parameter_supported")
			.isIn(null, false);
	}

	@Test
	void whenRfc8414MetadataIsFetchedThenItDescribesTheSameIssuer() {
		HttpResponse<String> response = this.http
			.get(baseUrl() + "/.well-known/oauth-authorization-server/realms/e2e");
		assertThat(response.statusCode()).as(describe(response)).isEqualTo(200);
		Map<String, Object> metadata = json(response);
		Map<String, Object> openid = configuration("e2e");
		assertThat(metadata.get("issuer")).isEqualTo(issuer("e2e"));
		for (String name : List.of("authorization_endpoint", "token_endpoint", "jwks_uri", "introspection_endpoint",
				"revocation_endpoint")) {
			assertThat(metadata.get(name)).as(name).isEqualTo(openid.get(name));
		}
		assertThat(strings(metadata.get("code_challenge_methods_supported"))).containsExactly("S256");
	}

	@Test
	void whenNimbusResolvesTheIssuerThenItParsesTheMetadata() throws Exception {
		OIDCProviderMetadata metadata = OIDCProviderMetadata.resolve(new Issuer(issuer("e2e")));
		assertThat(metadata.getIssuer().getValue()).isEqualTo(issuer("e2e"));
		assertThat(metadata.getResponseTypes()).contains(ResponseType.CODE);
		assertThat(metadata.getCodeChallengeMethods()).containsExactly(CodeChallengeMethod.S256);
		assertThat(metadata.getGrantTypes()).contains(GrantType.AUTHORIZATION_CODE, GrantType.CLIENT_CREDENTIALS);
		assertThat(metadata.getIDTokenJWSAlgs()).contains(JWSAlgorithm.RS256, JWSAlgorithm.ES256);
		assertThat(metadata.supportsAuthorizationResponseIssuerParam()).isTrue();
		assertThat(JWKSet.load(metadata.getJWKSetURI().toURL()).getKeys()).isNotEmpty();
	}

	// ---- 404 for what is not a known realm's endpoint ---------------------------------------

	@Test
	void whenRealmIsUnknownThenDiscoveryIs404WithJsonError() {
		assertNotFoundJson(this.http.get(baseUrl() + "/realms/nope/.well-known/openid-configuration"));
	}

	@Test
	void whenRealmIsUnknownThenRfc8414MetadataIs404WithJsonError() {
		assertNotFoundJson(this.http.get(baseUrl() + "/.well-known/oauth-authorization-server/realms/nope"));
	}

	@Test
	void whenRealmIsUnknownThenTokenEndpointIs404WithJsonError() {
		assertNotFoundJson(this.http.postForm(baseUrl() + "/realms/nope/oauth2/token",
				RawHttp.form("grant_type", "client_credentials")));
	}

	@Test
	void whenTheErrorPathIsAskedForDirectlyThen404NotAServerError() {
		// it answered 500 server_error: no error status was set, so it took one
		assertNotFoundJson(this.http.get(baseUrl() + "/error"));
	}

	@Test
	void whenAPathIsNoEndpointThen404JsonAndNoSession() {
		// below /oauth2/, /connect/ and /.well-known/ these were 401 invalid_client with a Basic challenge (or 403 on
		// a POST); elsewhere an empty 404 with a cookie
		for (String path : List.of("/realms/e2e/oauth2/tokenX", "/realms/e2e/oauth2/jwks/", "/realms/e2e/connect/logout/",
				"/realms/e2e/connect/x", "/realms/e2e", "/realms/e2e/nothing", "/realms/e2e/userinfo/", "/foo",
				// the stock endpoints that are not served (nor advertised), and well-known documents not published
				"/realms/e2e/oauth2/par", "/realms/e2e/oauth2/device_authorization", "/realms/e2e/oauth2/device_verification",
				"/realms/e2e/connect/register", "/realms/e2e/.well-known/foo", "/realms/e2e/.well-known/",
				"/realms/e2e/.well-known/oauth-authorization-server", "/.well-known/foo", "/.well-known/webfinger",
				"/.well-known/openid-configuration/x")) {
			for (HttpResponse<String> response : List.of(this.http.get(baseUrl() + path),
					this.http.postForm(baseUrl() + path, "", "Authorization",
							RawHttp.basic("service", TokenEndpointIT.SERVICE_SECRET)))) {
				assertNotFoundJson(response);
				assertThat(response.headers().firstValue("Set-Cookie")).as(path).isEmpty();
			}
		}
	}

	@Test
	void whenTomcatRefusesARequestItselfThenTheAnswerIsJsonNotItsHtmlPage() {
		// a header over Tomcat's 8 KB and an encoded slash never reach a servlet; they were its HTML report
		List<HttpResponse<String>> refused = List.of(
				this.http.postForm(issuer("e2e") + "/oauth2/token", RawHttp.form("grant_type", "client_credentials"),
						"X-Padding", "a".repeat(9000)),
				this.http.get(baseUrl() + "/realms/e2e%2Foauth2/token"));
		for (HttpResponse<String> response : refused) {
			assertThat(response.statusCode()).as(describe(response)).isEqualTo(400);
			assertThat(response.headers().firstValue("Content-Type")).as(describe(response))
				.hasValueSatisfying((type) -> assertThat(type).startsWith("application/json"));
			assertThat(json(response).get("error")).isEqualTo("invalid_request");
			assertThat(response.headers().firstValue("Cache-Control")).contains("no-store");
			assertNoInternals(response);
		}
	}

	/** An empty Host header names no host to derive the issuer from: it was "http://:port/realms/e2e". */
	@Test
	void whenTheHostHeaderIsEmptyThenInvalidRequestNotAnIssuerWithoutAHost() {
		for (String path : List.of("/realms/e2e/.well-known/openid-configuration", "/realms/e2e/oauth2/jwks",
				"/.well-known/oauth-authorization-server/realms/e2e")) {
			RawHttp.WireResponse response = RawHttp.getVerbatim(this.port, path, "Host", "");
			assertThat(response.status()).as(response.text()).isEqualTo(400);
			assertThat(response.text()).contains("invalid_request").doesNotContain("http://:");
		}
	}

	@Test
	void whenAPageIsServedBeforeAnyCookieThenNoSessionIdIsInItsLinks() {
		// the container wrote ;TLID_SESSION=... into the page's links for a browser without the cookie yet
		HttpResponse<String> refused = this.http.postForm(issuer("e2e") + "/login", "_csrf=x&username=a&password=b",
				"Accept", "text/html");
		assertThat(refused.statusCode()).as(describe(refused)).isEqualTo(403);
		assertThat(refused.body()).doesNotContainIgnoringCase("TLID_SESSION").doesNotContainIgnoringCase("jsessionid");
		HttpResponse<String> login = this.http.get(issuer("e2e") + "/login", "Accept", "text/html");
		assertThat(login.body()).doesNotContainIgnoringCase("TLID_SESSION").doesNotContainIgnoringCase("jsessionid");
	}

	@Test
	void whenRealmIsUnknownThenJwksIs404WithJsonError() {
		assertNotFoundJson(this.http.get(baseUrl() + "/realms/nope/oauth2/jwks"));
	}

	@Test
	void whenTokenEndpointHasNoRealmThen404() {
		HttpResponse<String> response = this.http.postForm(baseUrl() + "/oauth2/token",
				RawHttp.form("grant_type", "client_credentials"));
		assertThat(response.statusCode()).as(describe(response)).isEqualTo(404);
		assertNoInternals(response);
	}

	@Test
	void whenDiscoveryHasNoRealmThen404() {
		HttpResponse<String> response = this.http.get(baseUrl() + "/.well-known/openid-configuration");
		assertThat(response.statusCode()).as(describe(response)).isEqualTo(404);
		assertNoInternals(response);
	}

	@Test
	void whenJwksHasNoRealmThen404() {
		HttpResponse<String> response = this.http.get(baseUrl() + "/oauth2/jwks");
		assertThat(response.statusCode()).as(describe(response)).isEqualTo(404);
		assertNoInternals(response);
	}

	@Test
	void whenEndpointIsNestedBelowTheRealmThen404() {
		assertNotFoundJson(this.http.postForm(baseUrl() + "/realms/e2e/extra/oauth2/token",
				RawHttp.form("grant_type", "client_credentials")));
		assertNotFoundJson(this.http.get(baseUrl() + "/realms/e2e/extra/.well-known/openid-configuration"));
	}

	@Test
	void whenRfc8414PathHasExtraSegmentsThen404() {
		HttpResponse<String> response = this.http
			.get(baseUrl() + "/.well-known/oauth-authorization-server/realms/e2e/extra");
		assertThat(response.statusCode()).as(describe(response)).isEqualTo(404);
		assertNoInternals(response);
	}

	@Test
	void whenRealmNameDiffersOnlyInCaseThen404() {
		// realms are resolved from the exact path segment
		assertNotFoundJson(this.http.get(baseUrl() + "/realms/E2E/.well-known/openid-configuration"));
	}

	private static void assertNotFoundJson(HttpResponse<String> response) {
		assertThat(response.statusCode()).as(describe(response)).isEqualTo(404);
		assertThat(response.headers().firstValue("Content-Type")).as(describe(response)).hasValueSatisfying(
				(type) -> assertThat(type.toLowerCase(Locale.ROOT)).startsWith("application/json"));
		assertThat(json(response)).containsKey("error");
		assertNoInternals(response);
	}

}
