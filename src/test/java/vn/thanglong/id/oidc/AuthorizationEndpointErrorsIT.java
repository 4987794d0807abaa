package vn.thanglong.id.oidc;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.oauth2.sdk.pkce.CodeChallenge;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import vn.thanglong.id.support.ProviderIT;
import vn.thanglong.id.support.RawHttp;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.thanglong.id.support.RawHttp.BROWSER_ACCEPT;
import static vn.thanglong.id.support.RawHttp.assertNoInternals;
import static vn.thanglong.id.support.RawHttp.describe;
import static vn.thanglong.id.support.RawHttp.location;
import static vn.thanglong.id.support.RawHttp.parameters;
import static vn.thanglong.id.support.RawHttp.urlEncode;

/**
 * Errors of the authorization endpoint (RFC 6749 section 4.1.2.1, OIDC Core section 3.1.2.6,
 * RFC 9207) as a browser meets them, without a browser: redirects are not followed, so
 * every answer is seen as the server wrote it. An error about the client or its redirect URI
 * is shown and never redirected; every other error goes to the registered redirect URI
 * with {@code state} and {@code iss}.
 */
class AuthorizationEndpointErrorsIT extends ProviderIT {

	private static final String CALLBACK = "https://rp.example.test/callback";

	private static final String STATE = "st-Ab12_x";

	private final RawHttp http = new RawHttp();

	private final String challenge = CodeChallenge.compute(CodeChallengeMethod.S256, new CodeVerifier()).getValue();

	/** A valid request of web-app in realm e2e; the customizer breaks it as a test needs. */
	private Map<String, List<String>> request(Consumer<Map<String, List<String>>> customizer) {
		Map<String, List<String>> parameters = new LinkedHashMap<>();
		parameters.put("response_type", new ArrayList<>(List.of("code")));
		parameters.put("client_id", new ArrayList<>(List.of("web-app")));
		parameters.put("redirect_uri", new ArrayList<>(List.of(CALLBACK)));
		parameters.put("scope", new ArrayList<>(List.of("openid profile")));
		parameters.put("state", new ArrayList<>(List.of(STATE)));
		parameters.put("nonce", new ArrayList<>(List.of("n-0S6_WzA2Mj")));
		parameters.put("code_challenge", new ArrayList<>(List.of(this.challenge)));
		parameters.put("code_challenge_method", new ArrayList<>(List.of("S256")));
		customizer.accept(parameters);
		return parameters;
	}

	private static Consumer<Map<String, List<String>>> set(String name, String value) {
		return (parameters) -> parameters.put(name, new ArrayList<>(List.of(value)));
	}

	private static Consumer<Map<String, List<String>>> remove(String name) {
		return (parameters) -> parameters.remove(name);
	}

	private static String encode(Map<String, List<String>> parameters) {
		StringBuilder out = new StringBuilder();
		parameters.forEach((name, values) -> values.forEach((value) -> {
			if (!out.isEmpty()) {
				out.append('&');
			}
			out.append(urlEncode(name)).append('=').append(urlEncode(value));
		}));
		return out.toString();
	}

	private String authorizeEndpoint() {
		return issuer("e2e") + "/oauth2/authorize";
	}

	private HttpResponse<String> get(Consumer<Map<String, List<String>>> customizer) {
		return this.http.get(authorizeEndpoint() + "?" + encode(request(customizer)), "Accept", BROWSER_ACCEPT);
	}

	private HttpResponse<String> post(Consumer<Map<String, List<String>>> customizer) {
		return this.http.postForm(authorizeEndpoint(), encode(request(customizer)), "Accept", BROWSER_ACCEPT);
	}

	/** An error response at web-app's redirect URI (RFC 6749 4.1.2.1), with state and RFC 9207 iss. */
	private Map<String, String> assertRedirectedError(HttpResponse<String> response, String error) {
		assertThat(response.statusCode()).as(describe(response)).isIn(302, 303);
		String target = location(response).orElseThrow(() -> new AssertionError("no Location: " + describe(response)));
		assertThat(target).as(describe(response)).startsWith(CALLBACK + "?");
		Map<String, String> parameters = parameters(target);
		assertThat(parameters.get("error")).as("error in %s", target).isEqualTo(error);
		assertThat(parameters.get("state")).as("state in %s", target).isEqualTo(STATE);
		assertThat(parameters.get("iss")).as("iss in %s", target).isEqualTo(issuer("e2e"));
		assertThat(parameters).as("no code with an error: %s", target).doesNotContainKey("code");
		return parameters;
	}

	/** No error: the request goes on to the realm's login page. */
	private void assertLoginPage(HttpResponse<String> response) {
		assertThat(response.statusCode()).as(describe(response)).isIn(302, 303);
		assertThat(location(response)).hasValueSatisfying(
				(target) -> assertThat(target).matches("(" + java.util.regex.Pattern.quote(baseUrl()) + ")?/realms/e2e/login.*"));
	}

	/** An error shown to the user, never sent to any redirect URI (RFC 6749 4.1.2.1, first paragraph). */
	private static void assertErrorPageWithoutRedirect(HttpResponse<String> response) {
		assertThat(response.statusCode()).as(describe(response)).isEqualTo(400);
		assertThat(location(response)).as("Location of %s", describe(response)).isEmpty();
		assertThat(response.body()).as(describe(response)).doesNotContain("evil.example");
		assertNoInternals(response);
		// a page like the others: no framing, nothing but this server's resources, no Referer
		assertThat(response.headers().firstValue("Content-Security-Policy")).as(describe(response))
			.hasValueSatisfying((policy) -> assertThat(policy).contains("default-src 'self'", "frame-ancestors 'none'"));
		assertThat(response.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
	}

	/** As above, and the page says which parameter could not be trusted ({@code (client_id)} or {@code (redirect_uri)}). */
	private static void assertErrorPageWithoutRedirect(HttpResponse<String> response, String untrusted) {
		assertErrorPageWithoutRedirect(response);
		assertThat(response.body()).as("the page names %s: %s", untrusted, describe(response)).contains(untrusted);
	}

	/** Anything but a failure: an error to the client, a login page of this server, or an error page. */
	private void assertHandledSafely(HttpResponse<String> response) {
		assertNoInternals(response);
		location(response).ifPresent((target) -> {
			if (target.startsWith(CALLBACK)) {
				assertThat(parameters(target)).as(target).containsEntry("iss", issuer("e2e")).containsKey("error");
			}
			else {
				assertThat(target).as(describe(response)).matches("(" + java.util.regex.Pattern.quote(baseUrl()) + ")?/realms/e2e/.*");
			}
		});
	}

	// ---- never redirected ------------------------------------------------------------------

	@Test
	void whenClientIdIsUnknownThenErrorPageAndNoRedirect() {
		assertErrorPageWithoutRedirect(get(set("client_id", "no-such-client")), "(client_id)");
	}

	@Test
	void whenClientIdIsMissingThenErrorPageAndNoRedirect() {
		assertErrorPageWithoutRedirect(get(remove("client_id")), "(client_id)");
	}

	@Test
	void whenClientIdIsOfAnotherRealmOnlyThenErrorPageAndNoRedirect() {
		// post-client exists in e2e only; its id at realm other's endpoint is unknown there
		HttpResponse<String> response = this.http.get(
				issuer("other") + "/oauth2/authorize?" + encode(request(set("client_id", "post-client"))), "Accept",
				BROWSER_ACCEPT);
		assertErrorPageWithoutRedirect(response, "(client_id)");
	}

	@Test
	void whenRedirectUriIsNotRegisteredThenErrorPageAndNoRedirect() {
		assertErrorPageWithoutRedirect(get(set("redirect_uri", "https://evil.example/cb")), "(redirect_uri)");
	}

	@Test
	void whenRedirectUriOnlyExtendsTheRegisteredOneThenErrorPageAndNoRedirect() {
		// exact matching: no prefix, path or query tricks
		assertErrorPageWithoutRedirect(get(set("redirect_uri", CALLBACK + "/more")), "(redirect_uri)");
		assertErrorPageWithoutRedirect(get(set("redirect_uri", CALLBACK + "?next=https://evil.example/")));
		assertErrorPageWithoutRedirect(get(set("redirect_uri", "https://rp.example.test.evil.example/callback")));
	}

	@Test
	void whenClientIdIsDuplicatedThenErrorPageAndNoRedirect() {
		assertErrorPageWithoutRedirect(get((parameters) -> parameters.get("client_id").add("spa")));
	}

	@Test
	void whenResponseTypeIsUnsupportedAndRedirectUriIsNotRegisteredThenNoRedirect() {
		assertErrorPageWithoutRedirect(
				get(set("response_type", "token").andThen(set("redirect_uri", "https://evil.example/cb"))), "(redirect_uri)");
	}

	@Test
	void whenPkceIsMissingAndRedirectUriIsNotRegisteredThenNoRedirect() {
		assertErrorPageWithoutRedirect(get(remove("code_challenge").andThen(remove("code_challenge_method"))
			.andThen(set("redirect_uri", "https://evil.example/cb"))), "(redirect_uri)");
	}

	@Test
	void whenScopeIsInvalidAndRedirectUriIsNotRegisteredThenNoRedirect() {
		assertErrorPageWithoutRedirect(
				get(set("scope", "openid records.read").andThen(set("redirect_uri", "https://evil.example/cb"))), "(redirect_uri)");
	}

	@Test
	void whenRedirectUriOfAnotherClientIsGivenThenErrorPageAndNoRedirect() {
		// spa's redirect URI is registered, but not for web-app
		assertErrorPageWithoutRedirect(get(set("redirect_uri", "https://spa.example.test/callback")), "(redirect_uri)");
	}

	// ---- errors redirected to the client ---------------------------------------------------

	@Test
	void whenResponseTypeIsTokenThenUnsupportedResponseTypeAtTheRedirectUri() {
		assertRedirectedError(get(set("response_type", "token")), "unsupported_response_type");
	}

	@Test
	void whenResponseTypeIsIdTokenThenUnsupportedResponseTypeAtTheRedirectUri() {
		assertRedirectedError(get(set("response_type", "id_token")), "unsupported_response_type");
	}

	@Test
	void whenResponseTypeIsMissingThenInvalidRequestAtTheRedirectUri() {
		assertRedirectedError(get(remove("response_type")), "invalid_request");
	}

	@Test
	void whenCodeChallengeIsMissingThenInvalidRequestAtTheRedirectUri() {
		// realm e2e requires PKCE of every client, confidential ones included
		assertRedirectedError(get(remove("code_challenge").andThen(remove("code_challenge_method"))),
				"invalid_request");
	}

	@Test
	void whenPublicClientOmitsCodeChallengeThenInvalidRequestAtTheRedirectUri() {
		HttpResponse<String> response = get(set("client_id", "spa")
			.andThen(set("redirect_uri", "https://spa.example.test/callback"))
			.andThen(remove("code_challenge"))
			.andThen(remove("code_challenge_method")));
		assertThat(location(response)).as(describe(response))
			.hasValueSatisfying((target) -> assertThat(target).startsWith("https://spa.example.test/callback?"));
		Map<String, String> parameters = parameters(location(response).get());
		assertThat(parameters).containsEntry("error", "invalid_request").containsEntry("state", STATE)
			.containsEntry("iss", issuer("e2e"));
	}

	@Test
	void whenCodeChallengeMethodIsPlainThenInvalidRequestAtTheRedirectUri() {
		// RFC 7636 section 4.4.1: an unsupported transformation is invalid_request
		assertRedirectedError(get(set("code_challenge_method", "plain")), "invalid_request");
	}

	@Test
	void whenCodeChallengeMethodIsOmittedThenInvalidRequestAtTheRedirectUri() {
		// RFC 7636 section 4.3: omitted means plain, which this server does not support
		assertRedirectedError(get(remove("code_challenge_method")), "invalid_request");
	}

	@Test
	void whenScopeIsNotAllowedForTheClientThenInvalidScopeAtTheRedirectUri() {
		assertRedirectedError(get(set("scope", "openid records.read")), "invalid_scope");
	}

	@Test
	void whenScopeIsUnknownThenInvalidScopeAtTheRedirectUri() {
		assertRedirectedError(get(set("scope", "openid no.such.scope")), "invalid_scope");
	}

	@Test
	void whenStateIsDuplicatedThenInvalidRequestAtTheRedirectUri() {
		// RFC 6749 section 3.1: parameters MUST NOT be included more than once
		HttpResponse<String> response = get((parameters) -> parameters.get("state").add("second-state"));
		assertThat(response.statusCode()).as(describe(response)).isIn(302, 303);
		String target = location(response).orElseThrow();
		assertThat(target).startsWith(CALLBACK + "?");
		assertThat(parameters(target)).containsEntry("error", "invalid_request").containsEntry("iss", issuer("e2e"));
	}

	@Test
	void whenScopeIsDuplicatedThenInvalidRequestAtTheRedirectUri() {
		assertThat(assertRedirectedError(get((parameters) -> parameters.get("scope").add("openid email")),
				"invalid_request")).containsEntry("error_description", "The parameter scope is repeated.");
	}

	@Test
	void whenAParameterWithAnOddNameIsRepeatedThenTheDescriptionDoesNotEchoIt() {
		// RFC 6749 section 4.1.2.1: error_description is printable ASCII without '"' and '\'
		assertThat(assertRedirectedError(get((parameters) -> parameters.put("a\"é", new ArrayList<>(List.of("1", "2")))),
				"invalid_request")).containsEntry("error_description", "The parameter (unnamed) is repeated.");
	}

	@Test
	void whenRequestObjectIsSentThenRequestNotSupportedAtTheRedirectUri() throws Exception {
		// OIDC Core section 6.1 / 3.1.2.6: an OP that does not support request objects says so
		String requestObject = new PlainJWT(new JWTClaimsSet.Builder().claim("client_id", "web-app")
			.claim("response_type", "code")
			.claim("redirect_uri", CALLBACK)
			.claim("scope", "openid")
			.claim("state", STATE)
			.build()).serialize();
		assertRedirectedError(get(set("request", requestObject)), "request_not_supported");
	}

	@Test
	void whenRequestUriIsSentThenRequestUriNotSupportedAtTheRedirectUri() {
		assertRedirectedError(get(set("request_uri", "https://rp.example.test/request.jwt")),
				"request_uri_not_supported");
		// a pushed request's reference too: the pushed authorization endpoint is not served
		assertRedirectedError(get(set("request_uri", "urn:ietf:params:oauth:request_uri:6esc_11ACC5bwc014ltc14eY22c")),
				"request_uri_not_supported");
	}

	@ParameterizedTest
	@ValueSource(strings = { "fragment", "form_post", "query.jwt", "bogus" })
	void whenResponseModeIsNotQueryThenInvalidRequestAtTheRedirectUri(String responseMode) {
		Map<String, String> error = assertRedirectedError(get(set("response_mode", responseMode)), "invalid_request");
		assertThat(error.get("error_description")).contains("response_mode");
	}

	@Test
	void whenResponseModeIsQueryThenTheRequestGoesOn() {
		HttpResponse<String> response = get(set("response_mode", "query"));
		assertLoginPage(response);
	}

	@Test
	void whenPromptNoneWithoutSessionThenLoginRequiredAtTheRedirectUri() {
		assertRedirectedError(get(set("prompt", "none")), "login_required");
	}

	/**
	 * A POST without the session (as a browser sends a form from another site: the cookie is
	 * SameSite=Lax) is sent to the same request as a GET, which carries the session; here there is
	 * none, so prompt=none gets login_required.
	 */
	@Test
	void whenPostedWithoutSessionThenSeeOtherToTheSameRequestAsAGet() {
		String nonce = "n ệ&=+%/?";
		HttpResponse<String> posted = post(set("prompt", "none").andThen(set("nonce", nonce)));
		assertThat(posted.statusCode()).as(describe(posted)).isEqualTo(303);
		assertThat(posted.headers().firstValue("Cache-Control")).hasValue("no-store");
		String target = location(posted).orElseThrow();
		assertThat(target).startsWith("/realms/e2e/oauth2/authorize?");
		assertThat(parameters(target)).containsEntry("prompt", "none")
			.containsEntry("nonce", nonce)
			.containsEntry("state", STATE)
			.containsEntry("redirect_uri", CALLBACK)
			.containsEntry("code_challenge", this.challenge)
			.hasSize(9);
		assertRedirectedError(this.http.get(URI.create(authorizeEndpoint()).resolve(target).toString(), "Accept",
				BROWSER_ACCEPT), "login_required");
	}

	@Test
	void whenPromptNoneWithoutSessionAndNoAcceptHeaderThenLoginRequiredAtTheRedirectUri() {
		// an authorization request is the same request whatever the user agent says it accepts
		HttpResponse<String> response = this.http
			.get(authorizeEndpoint() + "?" + encode(request(set("prompt", "none"))));
		assertRedirectedError(response, "login_required");
	}

	@Test
	void whenPromptNoneIsCombinedWithLoginThenInvalidRequestAtTheRedirectUri() {
		// OIDC Core section 3.1.2.1: none with any other value is an error
		assertRedirectedError(get(set("prompt", "none login")), "invalid_request");
	}

	@Test
	void whenPromptNoneAndScopeIsInvalidThenInvalidScopeWins() {
		assertRedirectedError(get(set("prompt", "none").andThen(set("scope", "openid records.read"))),
				"invalid_scope");
	}

	@Test
	void whenValidRequestWithoutSessionThenLoginPageOfTheRealm() {
		HttpResponse<String> response = get((parameters) -> {
		});
		assertLoginPage(response);
	}

	// ---- garbage never breaks the server ---------------------------------------------------

	@Test
	void whenMaxAgeIsNotANumberOfSecondsThenInvalidRequestAtTheRedirectUri() {
		// OIDC Core section 3.1.2.1; a malformed max_age used to be ignored, skipping the check it asks for
		for (String maxAge : List.of("abc", "-1", "1.5", " ", "1e3")) {
			assertThat(assertRedirectedError(get(set("max_age", maxAge)), "invalid_request").get("error_description"))
				.as(maxAge).contains("max_age");
		}
		for (String maxAge : List.of("0", "3600", "", "0005", "99999999999999999999999")) {
			assertLoginPage(get(set("max_age", maxAge)));
		}
	}

	@Test
	void whenCodeChallengeIsNoS256ChallengeThenInvalidRequestAtTheRedirectUri() {
		// RFC 7636 section 4.2: 43 BASE64URL characters; "short" was accepted, and no verifier could ever match it
		for (String challenge : List.of("short", "a".repeat(44), "+".repeat(43), "a".repeat(42) + "=")) {
			assertThat(assertRedirectedError(get(set("code_challenge", challenge)), "invalid_request")
				.get("error_description")).as(challenge).contains("code_challenge");
		}
	}

	@Test
	void whenPromptIsBogusThenNoServerError() {
		assertHandledSafely(get(set("prompt", "bogus")));
		assertHandledSafely(get(set("prompt", "   ")));
	}

	@Test
	void whenUiLocalesIsGarbageThenNoServerError() {
		assertHandledSafely(get(set("ui_locales", "###")));
		assertHandledSafely(get(set("ui_locales", "vi-VN-x-" + "a".repeat(300) + " en")));
	}

	@Test
	void whenStateIsExtremelyLongThenNoServerError() {
		assertHandledSafely(get(set("state", "s".repeat(6_000))));
		assertHandledSafely(post(set("state", "s".repeat(200_000))));
		assertHandledSafely(get(set("state", "s".repeat(6_000)).andThen(set("prompt", "none"))));
	}

	@Test
	void whenOptionalParametersAreSentEmptyThenTheyAreTreatedAsOmitted() {
		// RFC 6749 section 3.1: a parameter sent without a value MUST be treated as omitted
		for (String name : List.of("claims", "response_mode", "request", "request_uri", "max_age", "prompt", "nonce")) {
			assertLoginPage(get(set(name, "")));
		}
	}

	@Test
	void whenStateIsTooLongToSendBackThenErrorPageAndNoRedirect() {
		HttpResponse<String> refused = get(set("state", "s".repeat(AuthorizationRequests.LONGEST_STATE + 1)));
		assertErrorPageWithoutRedirect(refused, "state");
		assertThat(refused.body()).contains("2048");
		// counted percent-encoded: each of these is nine
		assertErrorPageWithoutRedirect(get(set("state", "ệ".repeat(228))), "state");
		assertLoginPage(get(set("state", "s".repeat(AuthorizationRequests.LONGEST_STATE))));
		assertLoginPage(get(set("state", "ệ".repeat(227) + "abcde")));
	}

	/**
	 * Parameters the container cannot decode (a bad percent-escape) get the error page saying so:
	 * they were a JSON error that blamed a request body the browser never sent.
	 */
	@Test
	void whenTheQueryCannotBeDecodedThenTheErrorPageSaysSo() {
		for (String endpoint : List.of("/realms/e2e/oauth2/authorize", "/realms/e2e/connect/logout")) {
			RawHttp.WireResponse refused = RawHttp.getVerbatim(this.port, endpoint + "?client_id=web-app&state=%zz",
					"Accept", BROWSER_ACCEPT);
			assertThat(refused.status()).as(refused.text()).isEqualTo(400);
			assertThat(refused.text()).as(endpoint).contains("text/html").contains("mã hóa phần trăm sai")
				.doesNotContain("request body");
		}
		RawHttp.WireResponse userinfo = RawHttp.getVerbatim(this.port, "/realms/e2e/userinfo?x=%zz");
		assertThat(userinfo.status()).as(userinfo.text()).isEqualTo(400);
		assertThat(userinfo.text()).contains("The query string is not one this server reads");
		// a POST is told which part cannot be read: here the query, though its body is a good form
		RawHttp.WireResponse token = RawHttp.sendVerbatim(this.port, "POST", "/realms/e2e/oauth2/token?x=%zz",
				"grant_type=client_credentials", "Content-Type", "application/x-www-form-urlencoded");
		assertThat(token.status()).as(token.text()).isEqualTo(400);
		assertThat(token.text()).contains("The query string is not one this server reads");
		RawHttp.WireResponse body = RawHttp.sendVerbatim(this.port, "POST", "/realms/e2e/oauth2/token",
				"grant_type=%zz", "Content-Type", "application/x-www-form-urlencoded");
		assertThat(body.status()).as(body.text()).isEqualTo(400);
		assertThat(body.text()).contains("The request body is not a form this server reads");
	}

	/**
	 * RP-Initiated Logout 1.0 section 4: a refused end-session request shows the error page, never
	 * a redirect, and the page now says why (it said only that the request could not be handled).
	 */
	@Test
	void whenAnEndSessionRequestIsRefusedThenTheErrorPageSaysWhy() {
		String logout = issuer("e2e") + "/connect/logout";
		Map<String, String> refusals = new LinkedHashMap<>();
		refusals.put("?id_token_hint=not-a-token", "(ID token)");
		refusals.put("?client_id=web-app&post_logout_redirect_uri=" + urlEncode("https://evil.example.test/after"),
				"(post_logout_redirect_uri)");
		refusals.put("?post_logout_redirect_uri=" + urlEncode("https://rp.example.test/logged-out"),
				"(client_id hoặc id_token_hint)");
		refusals.put("?client_id=no-such-client", "(client_id)");
		refusals.put("?state=a&state=b", "được gửi nhiều lần");
		refusals.put("?state=" + "s".repeat(AuthorizationRequests.LONGEST_STATE + 1), "2048");
		refusals.forEach((query, reason) -> assertErrorPageWithoutRedirect(
				this.http.get(logout + query, "Accept", BROWSER_ACCEPT), reason));
		// ui_locales (RP-Initiated Logout section 2) sets the page's language
		HttpResponse<String> english = this.http.get(logout + "?client_id=no-such-client&ui_locales=fr%20en", "Accept",
				BROWSER_ACCEPT);
		assertThat(english.body()).contains("is not registered with this identity provider");
	}

	/**
	 * A consent answer that arrives without its session (it expired while the page was open) is
	 * refused as it is, not sent on as a GET: that put its CSRF token in the URL and answered the
	 * agency system with an error about a request it never made.
	 */
	@Test
	void whenAConsentAnswerArrivesWithoutTheSessionThenItIsRefusedNotSentOn() {
		HttpResponse<String> answer = this.http.postForm(authorizeEndpoint(),
				RawHttp.form("client_id", "web-app", "state", "consent-state-0123456789", "scope", "profile", "scope",
						"email", "_csrf", "csrf-token-0123456789"),
				"Accept", BROWSER_ACCEPT);
		assertThat(answer.statusCode()).as(describe(answer)).isEqualTo(403);
		assertThat(location(answer)).as(describe(answer)).isEmpty();
	}

	/**
	 * The consent page without its login (the session ended while it was open) says so: it was a
	 * redirect to the root, a "not found" page, and a new session holding the request.
	 */
	@Test
	void whenTheConsentPageIsOpenedWithoutTheLoginThenTheErrorPageSaysTheSessionEnded() {
		HttpResponse<String> page = this.http.get(baseUrl() + "/consent?client_id=web-app&state=st-0123456789&scope=openid",
				"Accept", BROWSER_ACCEPT);
		assertErrorPageWithoutRedirect(page, "Phiên đăng nhập đã kết thúc");
		assertThat(page.headers().firstValue("Set-Cookie")).as(describe(page)).isEmpty();
	}

	@Test
	void whenNonceIsTooLongThenInvalidRequestAtTheRedirectUri() {
		assertThat(assertRedirectedError(get(set("nonce", "n".repeat(AuthorizationRequests.LONGEST_NONCE + 1))),
				"invalid_request")).containsEntry("error_description", "nonce is longer than 2048 characters once URL-encoded.");
	}

	@Test
	void whenParametersAreOddThenNoServerError() {
		assertHandledSafely(get(set("response_mode", "bogus")));
		assertHandledSafely(get(set("display", "bogus")));
		assertHandledSafely(get(set("login_hint", "<script>alert(1)</script>")));
		assertHandledSafely(get(set("acr_values", "\u0000\u0001")));
		assertHandledSafely(get(set("claims", "{not json")));
		// JSON, but not an object: "null" was a NullPointerException and a 500
		assertHandledSafely(get(set("claims", "null")));
		assertHandledSafely(get(set("claims", "[]")));
		assertHandledSafely(get(set("id_token_hint", "not.a.jwt")));
		assertHandledSafely(get(set("nonce", "n".repeat(5_000))));
		assertHandledSafely(get(set("scope", "")));
		assertHandledSafely(get(set("code_challenge", "short")));
	}

	@Test
	void whenQueryHasInvalidPercentEncodingThenNoServerError() {
		String query = encode(request((parameters) -> {
		}));
		assertHandledSafely(this.http.get(authorizeEndpoint() + "?" + query + "&state2=%FF%FE", "Accept",
				BROWSER_ACCEPT));
		assertHandledSafely(this.http.get(authorizeEndpoint() + "?" + query.replace("st-Ab12_x", "%C3%28"), "Accept",
				BROWSER_ACCEPT));
	}

	@Test
	void whenAuthorizationRequestIsPostedWithAWrongContentTypeThenNoServerError() {
		HttpResponse<String> response = this.http.post(authorizeEndpoint(), "application/json",
				"{\"client_id\":\"web-app\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8), "Accept",
				BROWSER_ACCEPT);
		assertHandledSafely(response);
		assertThat(location(response).orElse("")).doesNotStartWith("https://evil.example");
	}

	@Test
	void whenAuthorizeIsCalledWithOtherMethodsThenNoServerError() {
		for (String method : List.of("PUT", "DELETE", "PATCH")) {
			HttpResponse<String> response = this.http.method(method,
					authorizeEndpoint() + "?" + encode(request((parameters) -> {
					})), "Accept", BROWSER_ACCEPT);
			assertThat(response.statusCode()).as(describe(response)).isLessThan(500);
			assertNoInternals(response);
		}
	}

}
