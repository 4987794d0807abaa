package vn.thanglong.id.oidc;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.AccessTokenResponse;
import com.nimbusds.oauth2.sdk.ClientCredentialsGrant;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenErrorResponse;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.ClientSecretPost;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.token.AccessToken;
import com.nimbusds.oauth2.sdk.token.AccessTokenType;
import org.junit.jupiter.api.Test;

import vn.thanglong.id.support.ProviderIT;
import vn.thanglong.id.support.RawHttp;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.thanglong.id.support.RawHttp.assertError;
import static vn.thanglong.id.support.RawHttp.assertNoInternals;
import static vn.thanglong.id.support.RawHttp.assertNoStore;
import static vn.thanglong.id.support.RawHttp.basic;
import static vn.thanglong.id.support.RawHttp.describe;
import static vn.thanglong.id.support.RawHttp.form;
import static vn.thanglong.id.support.RawHttp.json;

/**
 * The token endpoint (RFC 6749 sections 3.2, 4.4 and 5) as an agency back end meets it:
 * {@code client_credentials} with both secret methods, JWT access tokens (RFC 9068) checked
 * against the realm's JWKS, and every error with its exact code, status and headers.
 */
class TokenEndpointIT extends ProviderIT {

	static final String SERVICE_SECRET = "service-secret-for-tests-only-0123456789";

	static final String POST_SECRET = "post-client-secret-for-tests-only-012345";

	static final String WEB_SECRET = "web-app-secret-for-tests-only-0123456789";

	static final String OTHER_WEB_SECRET = "other-realm-web-app-secret-0123456789";

	private final RawHttp http = new RawHttp();

	private String tokenEndpoint() {
		return issuer("e2e") + "/oauth2/token";
	}

	private HTTPResponse clientCredentials(ClientAuthentication authentication, String scope) throws Exception {
		TokenRequest request = new TokenRequest(URI.create(tokenEndpoint()), authentication,
				new ClientCredentialsGrant(), (scope != null) ? Scope.parse(scope) : null);
		return request.toHTTPRequest().send();
	}

	private static ClientSecretBasic service() {
		return new ClientSecretBasic(new ClientID("service"), new Secret(SERVICE_SECRET));
	}

	private HttpResponse<String> serviceForm(String body) {
		return this.http.postForm(tokenEndpoint(), body, "Authorization", basic("service", SERVICE_SECRET));
	}

	private static AccessTokenResponse success(HTTPResponse response) throws Exception {
		TokenResponse parsed = TokenResponse.parse(response);
		assertThat(parsed.indicatesSuccess()).as("%s %s", response.getStatusCode(), response.getBody()).isTrue();
		return parsed.toSuccessResponse();
	}

	// ---- success ---------------------------------------------------------------------------

	@Test
	void whenServiceAuthenticatesWithClientSecretBasicThenBearerTokenWithItsConfiguredLifetime() throws Exception {
		HTTPResponse response = clientCredentials(service(), "records.read");

		assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(200);
		assertThat(response.getHeaderValue("Cache-Control")).contains("no-store");
		assertThat(response.getHeaderValue("Content-Type")).startsWith("application/json");
		AccessToken token = success(response).getTokens().getAccessToken();
		assertThat(token.getType()).isEqualTo(AccessTokenType.BEARER);
		assertThat(token.getLifetime()).as("service's accessTokenLifetime is PT2M").isEqualTo(120L);
		assertThat(token.getScope()).isEqualTo(Scope.parse("records.read"));
		assertThat(success(response).getTokens().getRefreshToken()).as("no refresh token for client_credentials")
			.isNull();
	}

	@Test
	void whenABasicClientAlsoNamesItselfInTheBodyThenItGetsItsToken() {
		// RFC 6749 section 3.2.1: a client MAY identify itself with client_id
		HttpResponse<String> response = this.http.postForm(tokenEndpoint(),
				form("grant_type", "client_credentials", "client_id", "service", "scope", "records.read"), "Authorization",
				basic("service", SERVICE_SECRET));
		assertThat(response.statusCode()).as(describe(response)).isEqualTo(200);
		assertThat(RawHttp.json(response)).containsKey("access_token");
	}

	@Test
	void whenATokenRequestAlsoCarriesAnAccessTokenParameterThenItIsIgnoredLikeAnyUnknownParameter() {
		// RFC 6749 section 3.2: unknown parameters are ignored; only userinfo takes a bearer token in the body
		for (String extra : new String[] { "access_token=bogus", "access_token=" }) {
			HttpResponse<String> basic = serviceForm("grant_type=client_credentials&scope=records.read&" + extra);
			// client_secret_post goes through the security filter chain, HTTP Basic through the fast lane
			HttpResponse<String> post = this.http.postForm(tokenEndpoint(), "grant_type=client_credentials"
					+ "&scope=records.read&client_id=post-client&client_secret=" + POST_SECRET + "&" + extra);

			for (HttpResponse<String> response : List.of(basic, post)) {
				assertThat(response.statusCode()).as(extra + ": " + response.body()).isEqualTo(200);
				assertThat(response.body()).contains("\"access_token\"");
			}
		}
	}

	@Test
	void whenPostClientAuthenticatesWithClientSecretPostThenBearerToken() throws Exception {
		HTTPResponse response = clientCredentials(
				new ClientSecretPost(new ClientID("post-client"), new Secret(POST_SECRET)), "records.read");

		assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(200);
		assertThat(response.getHeaderValue("Cache-Control")).contains("no-store");
		AccessToken token = success(response).getTokens().getAccessToken();
		assertThat(token.getType()).isEqualTo(AccessTokenType.BEARER);
		assertThat(token.getScope()).isEqualTo(Scope.parse("records.read"));
		assertThat(token.getLifetime()).isPositive();
	}

	@Test
	void whenServiceAsksForBothOfItsScopesThenBothAreGranted() throws Exception {
		AccessToken token = success(clientCredentials(service(), "records.read records.write")).getTokens()
			.getAccessToken();
		assertThat(token.getScope()).isEqualTo(Scope.parse("records.read records.write"));
	}

	@Test
	void whenAccessTokenIsIssuedThenItIsAnAtJwtSignedByTheRealmsRs256KeyFromTheJwks() throws Exception {
		AccessToken token = success(clientCredentials(service(), "records.read")).getTokens().getAccessToken();

		SignedJWT jwt = SignedJWT.parse(token.getValue());
		assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
		assertThat(jwt.getHeader().getType()).isEqualTo(new JOSEObjectType("at+jwt"));
		assertThat(jwt.getHeader().getKeyID()).isNotBlank();
		JWKSet jwks = JWKSet.load(new URL(issuer("e2e") + "/oauth2/jwks"));
		JWK key = jwks.getKeyByKeyId(jwt.getHeader().getKeyID());
		assertThat(key).as("kid %s in the JWKS of realm e2e", jwt.getHeader().getKeyID()).isInstanceOf(RSAKey.class);
		assertThat(jwt.verify(new RSASSAVerifier((RSAKey) key))).as("signature verifies with the published key")
			.isTrue();

		JWTClaimsSet claims = jwt.getJWTClaimsSet();
		assertThat(claims.getIssuer()).isEqualTo(issuer("e2e"));
		assertThat(claims.getStringClaim("client_id")).isEqualTo("service");
		// RFC 9068 section 2.2: sub is the client itself when no resource owner is involved
		assertThat(claims.getSubject()).isEqualTo("service");
		assertThat(claims.getIssueTime()).isNotNull();
		assertThat(claims.getJWTID()).isNotBlank();
		assertThat(claims.getExpirationTime()).isAfter(new Date());
		assertThat((claims.getExpirationTime().getTime() - claims.getIssueTime().getTime()) / 1000).isEqualTo(120L);
		assertThat(claims.getAudience()).as("aud (RFC 9068 section 2.2)").isNotEmpty();
	}

	@Test
	void whenAccessTokenCarriesScopesThenScopeClaimIsASpaceSeparatedString() throws Exception {
		// RFC 9068 section 2.2.3 refers to RFC 8693 section 4.2: "scope" is one JSON string
		AccessToken token = success(clientCredentials(service(), "records.read records.write")).getTokens()
			.getAccessToken();
		Object scope = SignedJWT.parse(token.getValue()).getJWTClaimsSet().getClaim("scope");
		assertThat(scope).as("scope claim %s", scope).isInstanceOf(String.class);
		assertThat(Scope.parse((String) scope)).isEqualTo(Scope.parse("records.read records.write"));
	}

	@Test
	void whenAccessTokenOfRealmOtherIsIssuedThenItIsNotSignedByAnyKeyOfRealmE2e() throws Exception {
		HTTPResponse response = new TokenRequest(URI.create(issuer("other") + "/oauth2/token"),
				new ClientSecretBasic(new ClientID("web-app"), new Secret(OTHER_WEB_SECRET)),
				new ClientCredentialsGrant(), Scope.parse("records.read"))
			.toHTTPRequest()
			.send();
		SignedJWT jwt = SignedJWT.parse(success(response).getTokens().getAccessToken().getValue());

		assertThat(jwt.getJWTClaimsSet().getIssuer()).isEqualTo(issuer("other"));
		JWKSet e2eKeys = JWKSet.load(new URL(issuer("e2e") + "/oauth2/jwks"));
		assertThat(e2eKeys.getKeyByKeyId(jwt.getHeader().getKeyID())).as("realms have their own keys").isNull();
	}

	// ---- scope -----------------------------------------------------------------------------

	@Test
	void whenServiceAsksForAScopeItIsNotRegisteredForThenInvalidScope() {
		HttpResponse<String> response = serviceForm(form("grant_type", "client_credentials", "scope", "records.delete"));
		assertError(response, 400, "invalid_scope");
		assertNoStore(response);
		// the stock error came without a description
		assertThat(json(response).get("error_description")).asString().contains("scope");
	}

	@Test
	void whenServiceAsksForAnAllowedAndAForeignScopeThenInvalidScope() {
		HttpResponse<String> response = serviceForm(
				form("grant_type", "client_credentials", "scope", "records.read profile"));
		assertError(response, 400, "invalid_scope");
		assertNoStore(response);
	}

	// ---- client authentication (RFC 6749 sections 2.3 and 5.2) -----------------------------

	@Test
	void whenBasicSecretIsWrongThen401InvalidClientWithBasicChallenge() {
		HttpResponse<String> response = this.http.postForm(tokenEndpoint(),
				form("grant_type", "client_credentials", "scope", "records.read"), "Authorization",
				basic("service", "wrong-secret"));

		assertError(response, 401, "invalid_client");
		assertNoStore(response);
		assertThat(response.headers().firstValue("WWW-Authenticate")).as(describe(response))
			.hasValueSatisfying((challenge) -> assertThat(challenge).startsWith("Basic"));
	}

	@Test
	void whenPostSecretIsWrongThen401InvalidClient() {
		HttpResponse<String> response = this.http.postForm(tokenEndpoint(), form("grant_type", "client_credentials",
				"client_id", "post-client", "client_secret", "wrong-secret", "scope", "records.read"));
		assertError(response, 401, "invalid_client");
		assertNoStore(response);
	}

	@Test
	void whenNimbusSendsWrongBasicSecretThenTokenErrorInvalidClient() throws Exception {
		HTTPResponse response = clientCredentials(
				new ClientSecretBasic(new ClientID("service"), new Secret("not-the-secret")), "records.read");
		assertThat(response.getStatusCode()).isEqualTo(401);
		TokenErrorResponse error = TokenResponse.parse(response).toErrorResponse();
		assertThat(error.getErrorObject().getCode()).isEqualTo("invalid_client");
		assertThat(response.getHeaderValue("WWW-Authenticate")).startsWith("Basic");
	}

	@Test
	void whenClientIsUnknownWithBasicThen401InvalidClient() {
		HttpResponse<String> response = this.http.postForm(tokenEndpoint(), form("grant_type", "client_credentials"),
				"Authorization", basic("no-such-client", "whatever-secret"));
		assertError(response, 401, "invalid_client");
		assertNoStore(response);
		assertThat(response.headers().firstValue("WWW-Authenticate")).as(describe(response))
			.hasValueSatisfying((challenge) -> assertThat(challenge).startsWith("Basic"));
	}

	@Test
	void whenClientIsUnknownWithPostThen401InvalidClient() {
		HttpResponse<String> response = this.http.postForm(tokenEndpoint(), form("grant_type", "client_credentials",
				"client_id", "no-such-client", "client_secret", "whatever-secret"));
		assertError(response, 401, "invalid_client");
		assertNoStore(response);
	}

	/**
	 * Every failed client authentication is described alike: the stock words said client_id for
	 * an unknown client and client_secret or authentication_method for a known one, which told a
	 * caller which client ids exist.
	 */
	@Test
	void whenClientAuthenticationFailsThenAnUnknownAndAKnownClientAreDescribedAlike() {
		List<HttpResponse<String>> failures = List.of(
				this.http.postForm(tokenEndpoint(), form("grant_type", "client_credentials"), "Authorization",
						basic("no-such-client", "whatever-secret")),
				this.http.postForm(tokenEndpoint(), form("grant_type", "client_credentials"), "Authorization",
						basic("service", "whatever-secret")),
				this.http.postForm(tokenEndpoint(), form("grant_type", "client_credentials", "client_id", "no-such-client",
						"client_secret", "whatever-secret")),
				this.http.postForm(tokenEndpoint(), form("grant_type", "client_credentials", "client_id", "post-client",
						"client_secret", "whatever-secret")),
				// the right secret by another method than the registered one
				this.http.postForm(tokenEndpoint(), form("grant_type", "client_credentials", "client_id", "service",
						"client_secret", SERVICE_SECRET)));
		for (HttpResponse<String> failure : failures) {
			assertError(failure, 401, "invalid_client");
			assertThat(json(failure).get("error_description")).as(describe(failure))
				.isEqualTo("Client authentication failed.");
		}
	}

	/**
	 * RFC 7523 section 3.2: a client assertion that is not valid is invalid_client. Without a
	 * client_id one that is no signed JWT naming its client was invalid_request without a word.
	 */
	@Test
	void whenAClientAssertionIsNoSignedJwtNamingItsClientThen401InvalidClient() {
		for (String assertion : List.of("garbage", "eyJhbGciOiJub25lIn0.eyJzdWIiOiJzZXJ2aWNlIn0.",
				"eyJhbGciOiJSUzI1NiJ9.e30.c2ln")) {
			HttpResponse<String> response = this.http.postForm(tokenEndpoint(), form("grant_type", "client_credentials",
					"client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer", "client_assertion",
					assertion));
			assertError(response, 401, "invalid_client");
			assertThat(json(response).get("error_description")).as(assertion).asString().contains("client_assertion");
			assertNoStore(response);
		}
	}

	@Test
	void whenNoClientAuthenticationAtAllThen401InvalidClient() {
		HttpResponse<String> response = this.http.postForm(tokenEndpoint(),
				form("grant_type", "client_credentials", "scope", "records.read"));
		assertError(response, 401, "invalid_client");
		assertNoStore(response);
	}

	@Test
	void whenNoClientAuthenticationAndJsonIsAcceptedThen401InvalidClient() {
		HttpResponse<String> response = this.http.postForm(tokenEndpoint(),
				form("grant_type", "client_credentials", "scope", "records.read"), "Accept", "application/json");
		assertError(response, 401, "invalid_client");
		assertNoStore(response);
	}

	@Test
	void whenPublicClientAsksForClientCredentialsThenRefusedAsJson() {
		// RFC 6749 section 4.4: the client credentials grant is for confidential clients only
		HttpResponse<String> response = this.http.postForm(tokenEndpoint(),
				form("grant_type", "client_credentials", "client_id", "spa"));
		assertThat(response.statusCode()).as(describe(response)).isIn(400, 401);
		assertThat(RawHttp.json(response).get("error")).as(describe(response))
			.isIn("invalid_client", "unauthorized_client");
		assertNoStore(response);
		assertNoInternals(response);
	}

	/**
	 * The stock converters only named the parameter ("OAuth 2.0 Parameter: code"); the description
	 * now says what is wrong with it, at the token endpoint (through the security filter chain and
	 * through the fast lane alike), at introspection and at revocation.
	 */
	@Test
	void whenAParameterIsMissingOrRepeatedThenTheDescriptionSaysWhichAndHow() {
		String service = basic("service", SERVICE_SECRET);
		String webApp = basic("web-app", AuthorizationCodeFlowBrowserIT.WEB_SECRET);
		String introspect = issuer("e2e") + "/oauth2/introspect";
		String revoke = issuer("e2e") + "/oauth2/revoke";
		java.util.Map<List<String>, String> cases = new java.util.LinkedHashMap<>();
		cases.put(List.of(tokenEndpoint(), service, "scope=records.read"), "The parameter grant_type is missing.");
		cases.put(List.of(tokenEndpoint(), service, "grant_type=client_credentials&scope=records.read&scope=records.write"),
				"The parameter scope is repeated.");
		cases.put(List.of(tokenEndpoint(), webApp, "grant_type=authorization_code&redirect_uri=https://rp.example.test/callback"),
				"The parameter code is missing.");
		cases.put(List.of(tokenEndpoint(), webApp, "grant_type=refresh_token&refresh_token="),
				"The parameter refresh_token is missing.");
		// RFC 6749 section 3.1: a parameter without a value is treated as omitted
		cases.put(List.of(tokenEndpoint(), service, "grant_type=&scope=records.read"),
				"The parameter grant_type is missing.");
		cases.put(List.of(tokenEndpoint(), webApp,
				"grant_type=authorization_code&code=&redirect_uri=https://rp.example.test/callback"),
				"The parameter code is missing.");
		// which client: the authenticated one, or the one named in the body?
		cases.put(List.of(tokenEndpoint(), service, "grant_type=client_credentials&client_id=post-client"),
				"The parameter client_id names another client than the one authenticated.");
		cases.put(List.of(tokenEndpoint(), webApp, "grant_type=refresh_token&refresh_token=a&refresh_token=b"),
				"The parameter refresh_token is repeated.");
		cases.put(List.of(introspect, service, "token_type_hint=access_token"), "The parameter token is missing.");
		cases.put(List.of(introspect, service, "token=a&token=b"), "The parameter token is repeated.");
		cases.put(List.of(introspect, service, "token=&token=b"), "The parameter token is repeated.");
		cases.put(List.of(introspect, service, "token=%20"), "The parameter token is missing.");
		// RFC 7662 section 2.1: the token travels in the body, never in the URL
		cases.put(List.of(introspect + "?token=abc", service, "token_type_hint=access_token"),
				"Send the parameters in the request body, form-encoded.");
		cases.put(List.of(revoke, service, "token=a&token_type_hint=x&token_type_hint=y"),
				"The parameter token_type_hint is repeated.");
		cases.forEach((request, description) -> {
			HttpResponse<String> response = this.http.postForm(request.get(0), request.get(2), "Authorization",
					request.get(1));
			assertError(response, 400, "invalid_request");
			assertThat(RawHttp.json(response).get("error_description")).as(request.get(2))
				.isEqualTo(description);
			assertNoStore(response);
		});
	}

	@Test
	void whenAPublicClientRepeatsTheCodeThenInvalidRequestNotAServerError() {
		// RFC 6749 section 3.2: no parameter more than once. The public client's PKCE check read the
		// code as a single value before anything else looked at the request, and failed with a 500
		String verifier = "v".repeat(50);
		for (String repeated : List.of("code", "code_verifier", "redirect_uri")) {
			List<String> pairs = new java.util.ArrayList<>(List.of("grant_type", "authorization_code", "client_id", "spa",
					"code", "some-code", "code_verifier", verifier, "redirect_uri", "http://localhost:9/callback"));
			pairs.addAll(List.of(repeated, repeated.equals("code_verifier") ? verifier : "other"));
			HttpResponse<String> response = this.http.postForm(tokenEndpoint(), form(pairs.toArray(String[]::new)));
			assertError(response, 400, "invalid_request");
			assertThat(RawHttp.json(response).get("error_description").toString()).contains(repeated);
			assertNoStore(response);
		}
	}

	@Test
	void whenAPublicClientLeavesOutTheCodeOrItsVerifierThenInvalidRequestWithoutAChallenge() {
		// it sent no credentials, so there is nothing to challenge; it was 401 invalid_client with Basic
		for (String left : List.of("code", "code_verifier")) {
			List<String> pairs = new java.util.ArrayList<>(List.of("grant_type", "authorization_code", "client_id", "spa",
					"redirect_uri", "http://localhost:9/callback"));
			if (!left.equals("code")) {
				pairs.addAll(List.of("code", "some-code"));
			}
			if (!left.equals("code_verifier")) {
				pairs.addAll(List.of("code_verifier", "v".repeat(50)));
			}
			HttpResponse<String> response = this.http.postForm(tokenEndpoint(), form(pairs.toArray(String[]::new)));
			assertError(response, 400, "invalid_request");
			assertThat(RawHttp.json(response).get("error_description").toString()).as(left).contains(left);
			assertThat(response.headers().firstValue("WWW-Authenticate")).as(left).isEmpty();
			assertNoStore(response);
		}
	}

	@Test
	void whenAnAccessTokenIsSentInsteadOfClientCredentialsThenInvalidClient() throws Exception {
		// RFC 6749 section 5.2; it was invalid_token with the resource_metadata of userinfo
		String accessToken = success(clientCredentials(service(), "records.read")).getTokens().getAccessToken().getValue();
		for (String endpoint : List.of("/oauth2/token", "/oauth2/introspect", "/oauth2/revoke")) {
			HttpResponse<String> response = this.http.postForm(issuer("e2e") + endpoint,
					form("grant_type", "client_credentials", "token", accessToken), "Authorization", "Bearer " + accessToken);
			assertError(response, 401, "invalid_client");
			assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
					(challenge) -> assertThat(challenge).startsWith("Basic"));
			assertNoStore(response);
		}
	}

	@Test
	void whenTwoAuthorizationHeadersAreSentThenInvalidRequest() {
		// RFC 9110 section 11.6.2 allows one; the first one used to win, whatever the second said
		for (String endpoint : List.of("/oauth2/token", "/oauth2/introspect", "/oauth2/revoke")) {
			HttpResponse<String> response = this.http.postForm(issuer("e2e") + endpoint,
					form("grant_type", "client_credentials", "token", "x"), "Authorization",
					basic("service", SERVICE_SECRET), "Authorization", basic("service", "wrong"));
			assertError(response, 400, "invalid_request");
			assertNoStore(response);
		}
	}

	@Test
	void whenTheBodyIsLargerThanTheServerReadsThenInvalidRequestAsJson() {
		// Tomcat reads at most 2 MB of form: beyond, every getParameter throws; that was its HTML error page
		// and an ERROR with a stack trace in the log, at each of the three client endpoints
		String body = "grant_type=client_credentials&padding=" + "a".repeat(3 * 1024 * 1024);
		for (String endpoint : List.of("/oauth2/token", "/oauth2/introspect", "/oauth2/revoke")) {
			HttpResponse<String> response = this.http.postForm(issuer("e2e") + endpoint, body, "Authorization",
					basic("service", SERVICE_SECRET));
			assertError(response, 400, "invalid_request");
			assertNoStore(response);
			assertNoInternals(response);
		}
	}

	@Test
	void whenBasicClientSendsItsSecretInTheBodyInsteadThen401InvalidClient() {
		// service is registered for client_secret_basic only
		HttpResponse<String> response = this.http.postForm(tokenEndpoint(), form("grant_type", "client_credentials",
				"client_id", "service", "client_secret", SERVICE_SECRET, "scope", "records.read"));
		assertError(response, 401, "invalid_client");
		assertNoStore(response);
	}

	@Test
	void whenClientUsesTwoAuthenticationMethodsAtOnceThenInvalidRequest() {
		// RFC 6749 section 2.3: a client MUST NOT use more than one authentication method per request
		HttpResponse<String> response = this.http.postForm(tokenEndpoint(),
				form("grant_type", "client_credentials", "client_id", "service", "client_secret", SERVICE_SECRET),
				"Authorization", basic("service", SERVICE_SECRET));
		assertError(response, 400, "invalid_request");
		assertNoStore(response);
	}

	@Test
	void whenClientOfRealmOtherAuthenticatesAtRealmE2eThenInvalidClient() {
		// web-app of realm other may use client_credentials there, with its other-realm secret
		HttpResponse<String> response = this.http.postForm(tokenEndpoint(),
				form("grant_type", "client_credentials", "scope", "records.read"), "Authorization",
				basic("web-app", OTHER_WEB_SECRET));
		assertError(response, 401, "invalid_client");
		assertNoStore(response);
	}

	@Test
	void whenClientOfRealmOtherAuthenticatesAtItsOwnRealmThenToken() {
		HttpResponse<String> response = this.http.postForm(issuer("other") + "/oauth2/token",
				form("grant_type", "client_credentials", "scope", "records.read"), "Authorization",
				basic("web-app", OTHER_WEB_SECRET));
		assertThat(response.statusCode()).as(describe(response)).isEqualTo(200);
		assertThat(RawHttp.json(response).get("token_type")).isEqualTo("Bearer");
	}

	@Test
	void whenAuthorizationHeaderIsNotBase64ThenClientErrorAsJson() {
		HttpResponse<String> response = this.http.postForm(tokenEndpoint(), form("grant_type", "client_credentials"),
				"Authorization", "Basic !!!not-base64!!!");
		assertThat(response.statusCode()).as(describe(response)).isIn(400, 401);
		assertThat(RawHttp.json(response).get("error")).as(describe(response))
			.isIn("invalid_request", "invalid_client");
		assertNoStore(response);
		assertNoInternals(response);
	}

	@Test
	void whenTheTokenRequestsParametersAreInTheQueryThenInvalidRequest() {
		// RFC 6749 section 3.2: they belong in the body; a grant_type in the query was unsupported_grant_type
		for (String query : List.of("grant_type=client_credentials", "scope=records.read", "grant%5Ftype=x")) {
			HttpResponse<String> response = this.http.postForm(tokenEndpoint() + "?" + query,
					form("grant_type", "client_credentials"), "Authorization", basic("service", SERVICE_SECRET));
			assertError(response, 400, "invalid_request");
			assertThat(RawHttp.json(response).get("error_description").toString()).as(query).contains("body");
		}
	}

	@Test
	void whenBasicCredentialsCannotBeSplitIntoIdAndSecretThen401InvalidClientWithAChallenge() {
		// RFC 6749 section 5.2: the client tried Basic; the stock converter answered 400 invalid_request
		java.util.Base64.Encoder base64 = java.util.Base64.getEncoder();
		for (String value : List.of("Basic ====", "Basic " + base64.encodeToString("service".getBytes()),
				"Basic " + base64.encodeToString("service:".getBytes()), "Basic " + base64.encodeToString(":x".getBytes()),
				"Basic !!!not-base64!!!", "Basic", "basic  ",
				// not UTF-8, and a control character in the id
				"Basic //46/w==", "Basic " + base64.encodeToString("serv%00ice:x".getBytes()))) {
			for (String endpoint : List.of("/oauth2/token", "/oauth2/introspect", "/oauth2/revoke")) {
				HttpResponse<String> response = this.http.postForm(issuer("e2e") + endpoint,
						form("grant_type", "client_credentials", "token", "x"), "Authorization", value);
				assertError(response, 401, "invalid_client");
				assertThat(response.headers().firstValue("WWW-Authenticate")).as(value).hasValueSatisfying(
						(challenge) -> assertThat(challenge).startsWith("Basic"));
				assertNoStore(response);
			}
		}
	}

	// ---- grants ----------------------------------------------------------------------------

	@Test
	void whenGrantTypeIsPasswordThenUnsupportedGrantType() {
		HttpResponse<String> response = serviceForm(
				form("grant_type", "password", "username", "citizen", "password", "Correct-Horse-42"));
		assertError(response, 400, "unsupported_grant_type");
		assertNoStore(response);
	}

	@Test
	void whenGrantTypeIsUnknownUrnThenUnsupportedGrantType() {
		HttpResponse<String> response = serviceForm(form("grant_type", "urn:example:no-such-grant"));
		assertError(response, 400, "unsupported_grant_type");
		assertNoStore(response);
	}

	@Test
	void whenServiceUsesAuthorizationCodeGrantItIsNotRegisteredForThenUnauthorizedClient() {
		// RFC 6749 section 5.2: "The authenticated client is not authorized to use this authorization grant type."
		HttpResponse<String> response = serviceForm(form("grant_type", "authorization_code", "code", "some-code",
				"redirect_uri", "https://rp.example.test/callback", "code_verifier",
				"dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"));
		assertError(response, 400, "unauthorized_client");
		assertNoStore(response);
	}

	@Test
	void whenServiceUsesRefreshTokenGrantItIsNotRegisteredForThenUnauthorizedClient() {
		HttpResponse<String> response = serviceForm(form("grant_type", "refresh_token", "refresh_token", "some-token"));
		assertError(response, 400, "unauthorized_client");
		assertNoStore(response);
	}

	@Test
	void whenWebAppUsesClientCredentialsItIsNotRegisteredForThenUnauthorizedClient() {
		HttpResponse<String> response = this.http.postForm(tokenEndpoint(), form("grant_type", "client_credentials"),
				"Authorization", basic("web-app", WEB_SECRET));
		assertError(response, 400, "unauthorized_client");
		assertNoStore(response);
	}

	@Test
	void whenAuthorizationCodeIsBogusThenInvalidGrant() {
		HttpResponse<String> response = this.http.postForm(tokenEndpoint(),
				form("grant_type", "authorization_code", "code", "bogus-code-0123456789", "redirect_uri",
						"https://rp.example.test/callback", "code_verifier",
						"dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"),
				"Authorization", basic("web-app", WEB_SECRET));
		assertError(response, 400, "invalid_grant");
		assertNoStore(response);
		// the client did authenticate: the description must not blame its credentials
		assertThat(response.body()).doesNotContain("Client authentication failed")
			.contains("The authorization code is unknown, expired or already used.");
	}

	@Test
	void whenRefreshTokenIsBogusThenInvalidGrant() {
		HttpResponse<String> response = this.http.postForm(tokenEndpoint(),
				form("grant_type", "refresh_token", "refresh_token", "bogus-refresh-token-0123456789"),
				"Authorization", basic("web-app", WEB_SECRET));
		assertError(response, 400, "invalid_grant");
		assertNoStore(response);
		assertThat(json(response).get("error_description"))
			.isEqualTo("The refresh token is unknown, expired, revoked or already used.");
	}

	@Test
	void whenAccessTokenIsPresentedAsRefreshTokenThenInvalidGrant() throws Exception {
		String accessToken = success(clientCredentials(service(), "records.read")).getTokens()
			.getAccessToken()
			.getValue();
		HttpResponse<String> response = this.http.postForm(tokenEndpoint(),
				form("grant_type", "refresh_token", "refresh_token", accessToken), "Authorization",
				basic("web-app", WEB_SECRET));
		assertError(response, 400, "invalid_grant");
		assertNoStore(response);
	}

	@Test
	void whenGrantTypeIsMissingThenInvalidRequest() {
		HttpResponse<String> response = serviceForm(form("scope", "records.read"));
		assertError(response, 400, "invalid_request");
		assertNoStore(response);
	}

	// ---- malformed requests: 400 with a JSON error, never a 500 or an HTML page ------------

	@Test
	void whenBodyIsGarbageThenInvalidRequest() {
		HttpResponse<String> response = serviceForm("%%%&&==&=\u0000&grant_type&&%zz");
		assertError(response, 400, "invalid_request");
		assertNoStore(response);
	}

	/**
	 * PostgreSQL takes no NUL in a text value: a code, token or state holding one reached the
	 * database and came back as a 500 (with a stack trace logged), at the revocation endpoint
	 * without any credentials.
	 */
	@Test
	void whenAValueHoldsANulCharacterThenInvalidRequestNotAServerError() {
		String revoke = issuer("e2e") + "/oauth2/revoke";
		String introspect = issuer("e2e") + "/oauth2/introspect";
		List<HttpResponse<String>> responses = List.of(
				this.http.postForm(revoke, form("token", "\u0000", "client_id", "spa")),
				this.http.postForm(tokenEndpoint(), form("grant_type", "refresh_token", "refresh_token", "a\u0000b",
						"client_id", "spa")),
				this.http.postForm(tokenEndpoint(), form("grant_type", "authorization_code", "code", "\u0000",
						"redirect_uri", "https://rp.example.test/callback", "code_verifier", "v".repeat(43)),
						"Authorization", basic("web-app", WEB_SECRET)),
				this.http.postForm(introspect, form("token", "x\u0000"), "Authorization", basic("service", SERVICE_SECRET)),
				this.http.postForm(tokenEndpoint() + "?x=%00", form("grant_type", "client_credentials"), "Authorization",
						basic("service", SERVICE_SECRET)));
		for (HttpResponse<String> response : responses) {
			assertError(response, 400, "invalid_request");
			assertNoStore(response);
		}
		HttpResponse<String> consent = this.http.get(baseUrl() + "/consent?scope=openid&client_id=web-app&state=%00",
				"Accept", "text/html");
		assertThat(consent.statusCode()).as(describe(consent)).isEqualTo(400);
	}

	@Test
	void whenBodyIsJsonThenInvalidRequest() {
		HttpResponse<String> response = this.http.post(tokenEndpoint(), "application/json",
				"{\"grant_type\":\"client_credentials\",\"scope\":\"records.read\"}".getBytes(StandardCharsets.UTF_8),
				"Authorization", basic("service", SERVICE_SECRET));
		assertError(response, 400, "invalid_request");
		assertNoStore(response);
	}

	@Test
	void whenBodyIsEmptyThenInvalidRequest() {
		HttpResponse<String> response = serviceForm("");
		assertError(response, 400, "invalid_request");
		assertNoStore(response);
	}

	@Test
	void whenContentTypeIsMissingThenInvalidRequest() {
		HttpResponse<String> response = this.http.post(tokenEndpoint(), null,
				form("grant_type", "client_credentials").getBytes(StandardCharsets.UTF_8), "Authorization",
				basic("service", SERVICE_SECRET));
		assertError(response, 400, "invalid_request");
		assertNoStore(response);
	}

	@Test
	void whenContentTypeIsTextPlainThenInvalidRequest() {
		HttpResponse<String> response = this.http.post(tokenEndpoint(), "text/plain",
				form("grant_type", "client_credentials").getBytes(StandardCharsets.UTF_8), "Authorization",
				basic("service", SERVICE_SECRET));
		assertError(response, 400, "invalid_request");
		assertNoStore(response);
	}

	@Test
	void whenGrantTypeIsDuplicatedThenInvalidRequest() {
		// RFC 6749 section 3.2: request parameters MUST NOT be included more than once
		HttpResponse<String> response = serviceForm(
				form("grant_type", "client_credentials", "grant_type", "client_credentials"));
		assertError(response, 400, "invalid_request");
		assertNoStore(response);
	}

	@Test
	void whenScopeIsDuplicatedThenInvalidRequest() {
		HttpResponse<String> response = serviceForm(
				form("grant_type", "client_credentials", "scope", "records.read", "scope", "records.write"));
		assertError(response, 400, "invalid_request");
		assertNoStore(response);
	}

	@Test
	void whenScopeIsVeryLongThenInvalidScope() {
		HttpResponse<String> response = serviceForm(
				form("grant_type", "client_credentials", "scope", "records.read " + "x".repeat(100_000)));
		assertError(response, 400, "invalid_scope");
		assertNoStore(response);
	}

	@Test
	void whenGrantTypeValueIsVeryLongThenUnsupportedGrantType() {
		HttpResponse<String> response = serviceForm(form("grant_type", "client_credentials" + "y".repeat(100_000)));
		assertError(response, 400, "unsupported_grant_type");
		assertNoStore(response);
	}

	@Test
	void whenBodyIsLargerThanTheServerAcceptsThenClientErrorNotServerError() {
		HttpResponse<String> response = serviceForm(form("grant_type", "client_credentials", "scope",
				"records.read", "padding", "z".repeat(3 * 1024 * 1024)));
		assertThat(response.statusCode()).as(describe(response)).isIn(400, 413);
		assertNoInternals(response);
	}

	@Test
	void whenBodyHasInvalidUtf8BytesThenInvalidRequest() {
		byte[] prefix = "grant_type=client_credentials&scope=records.read".getBytes(StandardCharsets.UTF_8);
		byte[] body = new byte[prefix.length + 3];
		System.arraycopy(prefix, 0, body, 0, prefix.length);
		body[prefix.length] = (byte) 0xC3;
		body[prefix.length + 1] = (byte) 0x28;
		body[prefix.length + 2] = (byte) 0xFF;
		HttpResponse<String> response = this.http.post(tokenEndpoint(), "application/x-www-form-urlencoded", body,
				"Authorization", basic("service", SERVICE_SECRET));
		assertError(response, 400, "invalid_request");
		assertNoStore(response);
	}

	@Test
	void whenBodyHasPercentEncodedInvalidUtf8ThenInvalidRequest() {
		HttpResponse<String> response = serviceForm("grant_type=client_credentials&scope=records.read%C3%28%FF");
		assertError(response, 400, "invalid_request");
		assertNoStore(response);
	}

	@Test
	void whenTokenEndpointIsCalledWithGetThenClientErrorNotServerError() {
		HttpResponse<String> response = this.http.get(tokenEndpoint() + "?grant_type=client_credentials",
				"Authorization", basic("service", SERVICE_SECRET));
		assertThat(response.statusCode()).as(describe(response)).isBetween(400, 499);
		assertNoInternals(response);
		assertNoStore(response);
	}

	@Test
	void whenTokenEndpointIsCalledWithOtherMethodsThenClientErrorNotServerError() {
		for (String method : List.of("PUT", "DELETE", "PATCH", "OPTIONS")) {
			HttpResponse<String> response = this.http.method(method, tokenEndpoint(), "Authorization",
					basic("service", SERVICE_SECRET));
			assertThat(response.statusCode()).as(describe(response)).isLessThan(500);
			assertNoInternals(response);
		}
	}

	@Test
	void whenErrorIsReturnedThenDescriptionIsFixedAndNotSensitive() {
		HttpResponse<String> response = this.http.postForm(tokenEndpoint(), form("grant_type", "client_credentials"),
				"Authorization", basic("service", "wrong-secret"));
		Map<String, Object> body = assertError(response, 401, "invalid_client");
		assertThat(String.valueOf(body.getOrDefault("error_description", ""))).doesNotContain("wrong-secret")
			.doesNotContain(SERVICE_SECRET);
	}

}
