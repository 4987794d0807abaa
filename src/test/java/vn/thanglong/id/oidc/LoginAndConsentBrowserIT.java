package vn.thanglong.id.oidc;

import java.net.URI;
import java.util.Map;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.openid.connect.sdk.AuthenticationResponse;
import com.nimbusds.openid.connect.sdk.AuthenticationResponseParser;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.Prompt;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import org.junit.jupiter.api.Test;

import vn.thanglong.id.support.Browser;
import vn.thanglong.id.support.BrowserProviderIT;
import vn.thanglong.id.support.RelyingParty;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Login and consent pages in a real browser: re-authentication on demand ({@code prompt=login},
 * {@code max_age}), consent remembered per client and scopes, POST authorization requests,
 * languages, no user enumeration, realms kept apart, ES256 ID tokens for a public client.
 */
class LoginAndConsentBrowserIT extends BrowserProviderIT {


	private RelyingParty webApp() {
		return RelyingParty.discover(issuer("e2e"), "web-app", AuthorizationCodeFlowBrowserIT.WEB_SECRET,
				"https://rp.example.test/callback", JWSAlgorithm.RS256);
	}

	private RelyingParty spa() {
		return RelyingParty.discover(issuer("e2e"), "spa", null, "https://spa.example.test/callback",
				JWSAlgorithm.ES256);
	}

	private static AuthorizationCode code(URI callback) throws Exception {
		AuthenticationResponse response = AuthenticationResponseParser.parse(callback);
		assertThat(response.indicatesSuccess()).as("authorization response %s", callback).isTrue();
		return response.toSuccessResponse().getAuthorizationCode();
	}

	private static IDTokenClaimsSet idToken(RelyingParty rp, RelyingParty.Flow flow, AuthorizationCode code) {
		com.nimbusds.oauth2.sdk.http.HTTPResponse http = rp.exchange(flow, code);
		TokenResponse response = RelyingParty.parseTokens(http);
		assertThat(response.indicatesSuccess()).as("%s for code %s of %s", http.getBody(), code, flow.uri()).isTrue();
		return rp.validateIdToken(((OIDCTokenResponse) response).getOIDCTokens().getIDToken(), flow.nonce());
	}

	@Test
	void whenPublicClientRegisteredForEs256ThenIdTokenIsEs256AndValidatesWithoutSecret() throws Exception {
		RelyingParty rp = spa();
		RelyingParty.Flow flow = rp.start("openid profile");
		try (Browser.Session session = browser.newSession()) {
			session.open(flow.uri());
			session.login("citizen", "Correct-Horse-42");
			IDTokenClaimsSet claims = idToken(rp, flow, code(session.awaitCallback()));
			assertThat(claims.getAudience()).extracting(Object::toString).containsExactly("spa");
		}
	}

	@Test
	void whenPromptLoginThenUserLogsInAgainAndAuthTimeAdvances() throws Exception {
		RelyingParty rp = spa();
		try (Browser.Session session = browser.newSession()) {
			RelyingParty.Flow first = rp.start("openid");
			session.open(first.uri());
			session.login("citizen", "Correct-Horse-42");
			IDTokenClaimsSet before = idToken(rp, first, code(session.awaitCallback()));

			// a second request with an existing session: no login page (SSO)
			RelyingParty.Flow sso = rp.start("openid");
			session.open(sso.uri());
			URI ssoCallback = session.awaitCallback();
			assertThat(AuthenticationResponseParser.parse(ssoCallback).getState()).isEqualTo(sso.state());
			assertThat(idToken(rp, sso, code(ssoCallback)).getAuthenticationTime())
				.isEqualTo(before.getAuthenticationTime());

			Thread.sleep(1100);
			RelyingParty.Flow again = rp.start("openid", (builder) -> builder.prompt(new Prompt("login")));
			session.open(again.uri());
			assertThat(session.page().url()).contains("/realms/e2e/login");
			session.login("citizen", "Correct-Horse-42");
			IDTokenClaimsSet after = idToken(rp, again, code(session.awaitCallback()));
			assertThat(after.getAuthenticationTime()).isAfter(before.getAuthenticationTime());
		}
	}

	@Test
	void whenMaxAgeExceededThenLoginAgainAndWithinMaxAgeNot() throws Exception {
		RelyingParty rp = spa();
		try (Browser.Session session = browser.newSession()) {
			RelyingParty.Flow first = rp.start("openid");
			session.open(first.uri());
			session.login("citizen", "Correct-Horse-42");
			idToken(rp, first, code(session.awaitCallback()));

			RelyingParty.Flow recent = rp.start("openid", (builder) -> builder.maxAge(3600));
			session.open(recent.uri());
			assertThat(idToken(rp, recent, code(session.awaitCallback())).getAuthenticationTime()).isNotNull();

			Thread.sleep(2100);
			RelyingParty.Flow stale = rp.start("openid", (builder) -> builder.maxAge(1));
			session.open(stale.uri());
			assertThat(session.page().url()).contains("/realms/e2e/login");
			session.login("citizen", "Correct-Horse-42");
			IDTokenClaimsSet claims = idToken(rp, stale, code(session.awaitCallback()));
			assertThat(claims.getAuthenticationTime().toInstant()).isAfter(java.time.Instant.now().minusSeconds(30));
		}
	}

	@Test
	void whenConsentGivenThenRememberedForSameScopesAndAskedAgainForNewOnes() throws Exception {
		RelyingParty rp = webApp();
		try (Browser.Session session = browser.newSession()) {
			RelyingParty.Flow first = rp.start("openid phone");
			session.open(first.uri());
			session.login("officer", "Officer-Pass-77");
			session.page().waitForURL("**/consent**");
			assertThat(session.page().content()).contains("Số điện thoại");
			session.page().click("#allow");
			code(session.awaitCallback());

			session.open(rp.start("openid phone").uri());
			code(session.awaitCallback());

			session.open(rp.start("openid phone address").uri());
			session.page().waitForURL("**/consent**");
			assertThat(session.page().content()).contains("Địa chỉ");
		}
	}

	/**
	 * OIDC Core section 11: the OP MUST always obtain consent for offline access, even for a client
	 * registered without consent; once given, it is remembered like any other.
	 */
	@Test
	void whenOfflineAccessIsAskedForThenTheUserConsentsEvenIfTheClientNeedsNoConsent() throws Exception {
		RelyingParty kiosk = RelyingParty.discover(issuer("e2e"), "kiosk", null, "https://kiosk.example.test/callback",
				JWSAlgorithm.RS256);
		try (Browser.Session session = browser.newSession()) {
			RelyingParty.Flow plain = kiosk.start("openid");
			session.open(plain.uri());
			session.login("officer", "Officer-Pass-77");
			code(session.awaitCallback());

			RelyingParty.Flow silent = kiosk.start("openid offline_access", (builder) -> builder.prompt(new Prompt("none")));
			session.open(silent.uri());
			AuthenticationResponse refused = AuthenticationResponseParser.parse(session.awaitCallback());
			assertThat(refused.indicatesSuccess()).isFalse();
			assertThat(refused.toErrorResponse().getErrorObject().getCode()).isEqualTo("consent_required");

			session.open(kiosk.start("openid offline_access").uri());
			session.page().waitForURL("**/consent**");
			assertThat(session.page().content()).contains("Duy trì truy cập khi bạn không trực tuyến");
			session.page().click("#allow");
			code(session.awaitCallback());

			session.open(kiosk.start("openid offline_access", (builder) -> builder.prompt(new Prompt("none"))).uri());
			code(session.awaitCallback());
		}
	}

	/** The stock endpoint never checked the consent form's CSRF token: a forged approval needed only the state. */
	@Test
	void whenTheConsentAnswerLacksItsCsrfTokenThenNothingIsGranted() throws Exception {
		RelyingParty rp = webApp();
		try (Browser.Session session = browser.newSession()) {
			// prompt=consent and openid alone: the consent this test gives changes what no other test asks for
			session.open(rp.start("openid", (builder) -> builder.prompt(new Prompt("consent"))).uri());
			session.login("officer", "Officer-Pass-77");
			session.page().waitForURL("**/consent**");
			session.page().evaluate("document.querySelectorAll('#consent-form input[name=_csrf]').forEach((i) => i.remove())");
			com.microsoft.playwright.Response answer = session.page()
				.waitForNavigation(() -> session.page().click("#allow"));
			assertThat(answer.status()).isEqualTo(403);
			assertThat(session.callback().get()).as("no redirect to the client").isNull();

			// the same form with its token still works
			session.open(rp.start("openid", (builder) -> builder.prompt(new Prompt("consent"))).uri());
			session.page().waitForURL("**/consent**");
			session.page().click("#allow");
			code(session.awaitCallback());
		}
	}

	/**
	 * The consent page has the language switch too, and switching keeps the question: the same
	 * agency system and data, answered as before. (It had none; the login page's switch drops
	 * the query, which the consent page cannot do without.)
	 */
	@Test
	void whenTheLanguageIsSwitchedOnTheConsentPageThenTheSameQuestionIsAskedInEnglish() throws Exception {
		RelyingParty rp = webApp();
		RelyingParty.Flow flow = rp.start("openid", (builder) -> builder.prompt(new Prompt("consent")));
		try (Browser.Session session = browser.newSession()) {
			session.open(flow.uri());
			session.login("officer", "Officer-Pass-77");
			session.page().waitForURL("**/consent**");
			String vietnamese = session.page().textContent("h1");
			session.page().waitForNavigation(() -> session.page().click("header a[lang=en]"));
			assertThat(session.page().url()).contains("/consent?").contains("lang=en");
			assertThat(session.page().getAttribute("html", "lang")).isEqualTo("en");
			assertThat(session.page().textContent("h1")).contains("wants to access your information").isNotEqualTo(vietnamese);
			session.page().click("#allow");
			IDTokenClaimsSet claims = idToken(rp, flow, code(session.awaitCallback()));
			assertThat(claims.getNonce()).isEqualTo(flow.nonce());
		}
	}

	@Test
	void whenPromptConsentThenConsentPageShownAgainAndPromptNoneWithoutConsentThenConsentRequired() throws Exception {
		RelyingParty rp = webApp();
		try (Browser.Session session = browser.newSession()) {
			RelyingParty.Flow first = rp.start("openid email");
			session.open(first.uri());
			session.login("citizen", "Correct-Horse-42");
			if (session.callback().get() == null) {
				session.page().waitForURL("**/consent**");
				session.page().click("#allow");
			}
			code(session.awaitCallback());

			session.open(rp.start("openid email", (builder) -> builder.prompt(new Prompt("consent"))).uri());
			session.page().waitForURL("**/consent**");
			session.page().click("#allow");
			code(session.awaitCallback());

			RelyingParty.Flow silent = rp.start("openid email address",
					(builder) -> builder.prompt(new Prompt("none")));
			session.open(silent.uri());
			AuthenticationResponse response = AuthenticationResponseParser.parse(session.awaitCallback());
			assertThat(response.indicatesSuccess()).isFalse();
			assertThat(response.toErrorResponse().getErrorObject().getCode()).isEqualTo("consent_required");
			assertThat(response.toErrorResponse().getErrorObject().getDescription()).contains("consented")
				.doesNotContain("OAuth 2.0 Parameter");
			assertThat(response.toErrorResponse().getState()).isEqualTo(silent.state());
		}
	}

	@Test
	void whenUserDeniesConsentThenAccessDeniedAtRedirectUri() throws Exception {
		RelyingParty rp = webApp();
		RelyingParty.Flow flow = rp.start("openid email");
		try (Browser.Session session = browser.newSession()) {
			session.open(flow.uri());
			session.login("officer", "Officer-Pass-77");
			session.page().waitForURL("**/consent**");
			session.page().click("#deny");
			AuthenticationResponse response = AuthenticationResponseParser.parse(session.awaitCallback());
			assertThat(response.indicatesSuccess()).isFalse();
			assertThat(response.toErrorResponse().getErrorObject().getCode()).isEqualTo("access_denied");
			assertThat(response.toErrorResponse().getState()).isEqualTo(flow.state());
		}
	}

	@Test
	void whenAuthorizationRequestIsPostedThenItResumesAfterLogin() throws Exception {
		RelyingParty rp = spa();
		RelyingParty.Flow flow = rp.start("openid");
		try (Browser.Session session = browser.newSession()) {
			session.postForm(rp.provider().getAuthorizationEndpointURI(), flow.request().toParameters());
			session.page().waitForURL("**/login**");
			session.login("citizen", "Correct-Horse-42");
			IDTokenClaimsSet claims = idToken(rp, flow, code(session.awaitCallback()));
			assertThat(claims.getNonce()).isEqualTo(flow.nonce());
		}
	}

	/**
	 * Two agency systems opened in two tabs both wait at the login page; the login in the first
	 * tab resumes the first tab's request. With one continuation per session it resumed the one
	 * the second tab made last, and the person landed at the other agency system.
	 */
	@Test
	void whenTwoTabsWaitAtTheLoginPageThenTheLoginResumesItsOwnTabsRequest() throws Exception {
		RelyingParty spa = spa();
		RelyingParty.Flow first = spa.start("openid");
		RelyingParty.Flow second = webApp().start("openid");
		try (Browser.Session session = browser.newSession()) {
			session.open(first.uri());
			session.page().waitForURL("**/login**");
			com.microsoft.playwright.Page otherTab = session.context().newPage();
			otherTab.navigate(second.uri().toString());
			otherTab.waitForURL("**/login**");

			session.login("citizen", "Correct-Horse-42");
			URI callback = session.awaitCallback();
			assertThat(callback.toString()).startsWith("https://spa.example.test/callback?");
			IDTokenClaimsSet claims = idToken(spa, first, code(callback));
			assertThat(claims.getNonce()).isEqualTo(first.nonce());
			otherTab.close();
		}
	}

	/**
	 * An authorization request posted with the session (from a page of this server) is taken as a
	 * POST, saved while the person logs in, and resumed; it is not sent on as a GET.
	 */
	@Test
	void whenAuthorizationRequestIsPostedWithTheSessionThenItResumesAfterLogin() throws Exception {
		RelyingParty rp = spa();
		RelyingParty.Flow flow = rp.start("openid");
		try (Browser.Session session = browser.newSession()) {
			session.open(URI.create(rp.provider().getIssuer().getValue() + "/login"));
			java.util.List<String> methods = new java.util.concurrent.CopyOnWriteArrayList<>();
			session.page().onRequest((request) -> {
				if (request.url().contains("/oauth2/authorize")) {
					methods.add(request.method());
				}
			});
			session.postFormFromThisPage(rp.provider().getAuthorizationEndpointURI(), flow.request().toParameters());
			session.page().waitForURL("**/login**");
			assertThat(methods).as("the posted request is not sent on").first().isEqualTo("POST");
			session.login("citizen", "Correct-Horse-42");
			IDTokenClaimsSet claims = idToken(rp, flow, code(session.awaitCallback()));
			assertThat(claims.getNonce()).isEqualTo(flow.nonce());
		}
	}

	/**
	 * An authorization request posted from another site arrives without the SameSite=Lax session
	 * cookie; it is sent on as a GET, which carries it: the login held is used, no login is asked.
	 */
	@Test
	void whenAuthorizationRequestIsPostedFromAnotherSiteThenTheLoginHeldIsUsed() throws Exception {
		RelyingParty rp = spa();
		try (Browser.Session session = browser.newSession()) {
			RelyingParty.Flow first = rp.start("openid");
			session.open(first.uri());
			session.login("citizen", "Correct-Horse-42");
			IDTokenClaimsSet login = idToken(rp, first, code(session.awaitCallback()));

			RelyingParty.Flow posted = rp.start("openid");
			session.postForm(rp.provider().getAuthorizationEndpointURI(), posted.request().toParameters());
			IDTokenClaimsSet claims = idToken(rp, posted, code(session.awaitCallback()));
			assertThat(claims.getNonce()).isEqualTo(posted.nonce());
			assertThat(claims.getAuthenticationTime()).isEqualTo(login.getAuthenticationTime());
		}
	}

	/**
	 * The longest state taken (counted percent-encoded: each of these characters is nine) comes
	 * back whole from a request posted before login, which is resumed as a GET; a longer one is
	 * refused on the error page, since it could not be sent back.
	 */
	@Test
	void whenStateIsAsLongAsAllowedThenItComesBackWholeAndALongerOneIsShownAsAnError() throws Exception {
		RelyingParty rp = spa();
		State longest = new State("ệ".repeat(227) + "abcde");
		RelyingParty.Flow flow = rp.start("openid", (builder) -> builder.state(longest));
		try (Browser.Session session = browser.newSession()) {
			session.postForm(rp.provider().getAuthorizationEndpointURI(), flow.request().toParameters());
			session.page().waitForURL("**/login**");
			session.login("citizen", "Correct-Horse-42");
			URI callback = session.awaitCallback();
			assertThat(AuthenticationResponseParser.parse(callback).getState()).isEqualTo(longest);
			idToken(rp, flow, code(callback));

			RelyingParty.Flow tooLong = rp.start("openid", (builder) -> builder.state(new State("ệ".repeat(228))));
			session.open(tooLong.uri());
			assertThat(session.page().url()).startsWith(rp.provider().getAuthorizationEndpointURI().toString());
			assertThat(session.page().content()).contains("state").contains("2048");
		}
	}

	@Test
	void whenUsernameUnknownOrPasswordWrongThenTheSameMessage() {
		RelyingParty rp = spa();
		try (Browser.Session session = browser.newSession()) {
			session.open(rp.start("openid").uri());
			session.login("citizen", "wrong-password");
			String wrongPassword = session.page().textContent("[role=alert]");
			session.login("nobody-here", "wrong-password");
			String unknownUser = session.page().textContent("[role=alert]");
			assertThat(wrongPassword).isEqualTo(unknownUser).contains("không đúng");
			assertThat(session.page().url()).contains("/realms/e2e/login");
		}
	}

	@Test
	void whenUiLocalesEnThenLoginPageInEnglishAndLoginHintPrefilled() throws Exception {
		RelyingParty rp = spa();
		com.nimbusds.langtag.LangTag english = new com.nimbusds.langtag.LangTag("en");
		RelyingParty.Flow flow = rp.start("openid", (builder) -> builder
			.uiLocales(java.util.List.of(english))
			.loginHint("citizen"));
		try (Browser.Session session = browser.newSession()) {
			session.open(flow.uri());
			assertThat(session.page().textContent("h1")).contains("Log in to Test realm");
			assertThat(session.page().inputValue("#username")).isEqualTo("citizen");
			assertThat(session.page().getAttribute("html", "lang")).isEqualTo("en");
		}
	}

	@Test
	void whenLoggedInToOneRealmThenAnotherRealmAsksForItsOwnLogin() throws Exception {
		RelyingParty e2e = spa();
		RelyingParty other = RelyingParty.discover(issuer("other"), "web-app", "other-realm-web-app-secret-0123456789",
				"https://rp.example.test/callback", JWSAlgorithm.RS256);
		try (Browser.Session session = browser.newSession()) {
			RelyingParty.Flow flow = e2e.start("openid");
			session.open(flow.uri());
			session.login("citizen", "Correct-Horse-42");
			IDTokenClaimsSet e2eToken = idToken(e2e, flow, code(session.awaitCallback()));

			RelyingParty.Flow otherFlow = other.start("openid");
			session.open(otherFlow.uri());
			assertThat(session.page().url()).contains("/realms/other/login");
			session.login("citizen", "Other-Realm-Pass-1");
			IDTokenClaimsSet otherToken = idToken(other, otherFlow, code(session.awaitCallback()));
			assertThat(otherToken.getIssuer()).isNotEqualTo(e2eToken.getIssuer());
			assertThat(otherToken.getSubject()).isNotEqualTo(e2eToken.getSubject());
		}
	}


	@Test
	void whenClaimsParameterAsksForIdTokenClaimsThenThoseTheScopesCoverAreInTheIdTokenAndNoOthers() throws Exception {
		RelyingParty rp = spa();
		// OIDC Core 5.5: name is covered by the granted profile scope, email is not (spa may not ask for it)
		com.nimbusds.openid.connect.sdk.OIDCClaimsRequest claimsRequest = com.nimbusds.openid.connect.sdk.OIDCClaimsRequest
			.parse("{\"id_token\":{\"name\":null,\"email\":{\"essential\":true}}}");
		RelyingParty.Flow flow = rp.start("openid profile", (request) -> request.claims(claimsRequest));
		try (Browser.Session session = browser.newSession()) {
			session.open(flow.uri());
			session.login("citizen", "Correct-Horse-42");
			IDTokenClaimsSet claims = idToken(rp, flow, code(session.awaitCallback()));

			assertThat(claims.getStringClaim("name")).isEqualTo("Lê Thị Hoa");
			assertThat(claims.getClaim("email")).isNull();
			assertThat(claims.getClaim("given_name")).as("not asked for").isNull();
		}
	}

	@Test
	void whenClaimsParameterIsNotAJsonObjectThenInvalidRequestAtTheRedirectUri() throws Exception {
		RelyingParty rp = spa();
		RelyingParty.Flow flow = rp.start("openid");
		String uri = flow.uri() + "&claims=" + java.net.URLEncoder.encode("[\"name\"]", java.nio.charset.StandardCharsets.UTF_8);
		try (Browser.Session session = browser.newSession()) {
			session.open(URI.create(uri));
			AuthenticationResponse response = AuthenticationResponseParser.parse(session.awaitCallback());
			assertThat(response.indicatesSuccess()).isFalse();
			assertThat(response.toErrorResponse().getErrorObject().getCode()).isEqualTo("invalid_request");
		}
	}

}
