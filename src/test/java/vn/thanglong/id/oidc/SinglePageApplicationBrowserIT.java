package vn.thanglong.id.oidc;

import java.util.Map;

import com.microsoft.playwright.Route;
import com.nimbusds.jose.JWSAlgorithm;
import org.junit.jupiter.api.Test;

import vn.thanglong.id.support.Browser;
import vn.thanglong.id.support.BrowserProviderIT;
import vn.thanglong.id.support.RelyingParty;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An agency system that runs in the browser (a public client with PKCE): its page, at its
 * registered redirect URI, redeems the code, refreshes its tokens and reads userinfo with
 * {@code fetch}, and the browser itself enforces CORS. A page of any other origin cannot read
 * those answers.
 */
class SinglePageApplicationBrowserIT extends BrowserProviderIT {

	private static final String SPA = "https://spa.example.test";

	/**
	 * The page's script: the code exchange, one refresh (naming itself by client_id) and the
	 * userinfo call with the refreshed access token, their outcome written into #out.
	 */
	private static String page(String tokenEndpoint, String userInfo, String verifier) {
		return """
				<html><body><pre id="out">pending</pre><script>
				(async () => {
				  const out = document.getElementById('out');
				  try {
				    const code = new URLSearchParams(location.search).get('code');
				    const token = await fetch('%1$s', { method: 'POST',
				      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
				      body: new URLSearchParams({ grant_type: 'authorization_code', code: code || 'none',
				        redirect_uri: '%2$s/callback', client_id: 'spa', code_verifier: '%3$s' }) });
				    const tokens = await token.json();
				    const refresh = await fetch('%1$s', { method: 'POST',
				      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
				      body: new URLSearchParams({ grant_type: 'refresh_token', client_id: 'spa',
				        refresh_token: tokens.refresh_token || 'none' }) });
				    const refreshed = await refresh.json();
				    const info = await fetch('%4$s', { headers: { Authorization: 'Bearer '
				      + (refreshed.access_token || tokens.access_token || 'none') } });
				    const claims = info.status === 200 ? await info.json() : {};
				    out.textContent = JSON.stringify({ token: token.status, idToken: !!tokens.id_token,
				      refresh: refresh.status, rotated: !!refreshed.refresh_token && refreshed.refresh_token !== tokens.refresh_token,
				      refreshedIdToken: !!refreshed.id_token,
				      userinfo: info.status, sub: claims.sub || null, challenge: info.headers.get('WWW-Authenticate') });
				  } catch (e) {
				    out.textContent = 'blocked: ' + e;
				  }
				  out.setAttribute('data-done', 'yes');
				})();
				</script></body></html>
				""".formatted(tokenEndpoint, SPA, verifier, userInfo);
	}

	private static void serve(Browser.Session session, String origin, String html) {
		// registered after the session's own route for *.example.test, so it answers first
		session.context().route(origin + "/**", (route) -> route.fulfill(new Route.FulfillOptions().setStatus(200)
			.setContentType("text/html")
			.setBody(html)));
	}

	private static Map<String, Object> outcome(Browser.Session session) {
		session.page().waitForSelector("#out[data-done=yes]");
		String text = session.page().textContent("#out");
		assertThat(text).as("the page's fetch calls").doesNotStartWith("blocked");
		return parse(text);
	}

	private static Map<String, Object> parse(String json) {
		try {
			return com.nimbusds.jose.util.JSONObjectUtils.parse(json);
		}
		catch (java.text.ParseException ex) {
			throw new AssertionError(json, ex);
		}
	}

	@Test
	void whenTheSpaRedeemsItsCodeInTheBrowserThenItReadsTokensAndUserinfo() throws Exception {
		RelyingParty spa = spa();
		RelyingParty.Flow flow = spa.start("openid profile");
		try (Browser.Session session = browser.newSession()) {
			serve(session, SPA, page(issuer("e2e") + "/oauth2/token", issuer("e2e") + "/userinfo",
					flow.verifier().getValue()));
			session.open(flow.uri());
			session.login("citizen", "Correct-Horse-42");
			Map<String, Object> result = outcome(session);
			assertThat(result.get("token")).as("%s", result).isEqualTo(200L);
			assertThat(result.get("idToken")).isEqualTo(true);
			assertThat(result.get("refresh")).as("the refresh, naming itself by client_id: %s", result).isEqualTo(200L);
			assertThat(result.get("rotated")).as("a new refresh token: %s", result).isEqualTo(true);
			assertThat(result.get("refreshedIdToken")).isEqualTo(true);
			assertThat(result.get("userinfo")).as("%s", result).isEqualTo(200L);
			assertThat((String) result.get("sub")).isNotBlank();
		}
	}

	private RelyingParty spa() {
		return RelyingParty.discover(issuer("e2e"), "spa", null, SPA + "/callback", JWSAlgorithm.ES256);
	}

	/** The resource server the SPA's tokens are sent to: a public client cannot introspect (RFC 7662 section 2.1). */
	private RelyingParty recordsApi() {
		return RelyingParty.discover(issuer("e2e"), "records-api", IntrospectionRevocationIT.RECORDS_API_SECRET,
				"https://records.example.test/unused", JWSAlgorithm.RS256);
	}

	private RelyingParty webApp() {
		return RelyingParty.discover(issuer("e2e"), "web-app", AuthorizationCodeFlowBrowserIT.WEB_SECRET,
				"https://rp.example.test/callback", JWSAlgorithm.RS256);
	}

	private static com.nimbusds.oauth2.sdk.AuthorizationCode loginFor(Browser.Session session, RelyingParty.Flow flow) {
		session.open(flow.uri());
		session.login("citizen", "Correct-Horse-42");
		try {
			return com.nimbusds.openid.connect.sdk.AuthenticationResponseParser.parse(session.awaitCallback())
				.toSuccessResponse()
				.getAuthorizationCode();
		}
		catch (com.nimbusds.oauth2.sdk.ParseException ex) {
			throw new AssertionError(ex);
		}
	}

	private static com.nimbusds.oauth2.sdk.TokenErrorResponse refused(com.nimbusds.oauth2.sdk.http.HTTPResponse http) {
		com.nimbusds.oauth2.sdk.TokenResponse response = RelyingParty.parseTokens(http);
		assertThat(response.indicatesSuccess()).as(http.getBody()).isFalse();
		return response.toErrorResponse();
	}

	/**
	 * RFC 9700 section 4.14.2: a public client may hold refresh tokens that rotate. It redeems
	 * one naming itself by client_id (RFC 6749 section 6); each is good once, and a replayed one
	 * revokes the grant. No other client can redeem it, and a confidential client cannot refresh
	 * by naming itself.
	 */
	@Test
	void whenThePublicClientRefreshesByClientIdThenItsTokensRotateAndAReplayRevokesTheGrant() throws Exception {
		RelyingParty spa = spa();
		RelyingParty webApp = webApp();
		RelyingParty recordsApi = recordsApi();
		RelyingParty.Flow flow = spa.start("openid profile");
		try (Browser.Session session = browser.newSession()) {
			com.nimbusds.openid.connect.sdk.token.OIDCTokens tokens = spa.redeem(flow, loginFor(session, flow));
			com.nimbusds.oauth2.sdk.token.RefreshToken first = tokens.getRefreshToken();
			assertThat(first).as("a public client registered for refresh_token gets a refresh token").isNotNull();

			// another client cannot redeem it, with its own credentials or by naming the public client's owner
			assertThat(refused(webApp.token(new com.nimbusds.oauth2.sdk.RefreshTokenGrant(first))).getErrorObject()
				.getCode()).isEqualTo("invalid_grant");
			com.nimbusds.oauth2.sdk.http.HTTPResponse named = new com.nimbusds.oauth2.sdk.TokenRequest(
					spa.provider().getTokenEndpointURI(), new com.nimbusds.oauth2.sdk.id.ClientID("web-app"),
					new com.nimbusds.oauth2.sdk.RefreshTokenGrant(first), null)
				.toHTTPRequest()
				.send();
			assertThat(named.getStatusCode()).as("a confidential client must authenticate: %s", named.getBody())
				.isEqualTo(401);
			assertThat(refused(named).getErrorObject().getCode()).isEqualTo("invalid_client");

			com.nimbusds.oauth2.sdk.http.HTTPResponse http = spa.token(new com.nimbusds.oauth2.sdk.RefreshTokenGrant(first));
			com.nimbusds.oauth2.sdk.TokenResponse refreshed = RelyingParty.parseTokens(http);
			assertThat(refreshed.indicatesSuccess()).as(http.getBody()).isTrue();
			com.nimbusds.openid.connect.sdk.token.OIDCTokens second = ((com.nimbusds.openid.connect.sdk.OIDCTokenResponse) refreshed)
				.getOIDCTokens();
			assertThat(second.getRefreshToken()).isNotNull().isNotEqualTo(first);
			assertThat(spa.validateIdToken(second.getIDToken(), null).getAudience())
				.extracting(Object::toString).containsExactly("spa");
			assertThat(recordsApi.introspect(second.getAccessToken()).toSuccessResponse().isActive()).isTrue();

			// the used one again: refused, and the whole grant with it
			assertThat(refused(spa.token(new com.nimbusds.oauth2.sdk.RefreshTokenGrant(first))).getErrorObject()
				.getCode()).isEqualTo("invalid_grant");
			assertThat(recordsApi.introspect(second.getAccessToken()).toSuccessResponse().isActive()).isFalse();
			assertThat(refused(spa.token(new com.nimbusds.oauth2.sdk.RefreshTokenGrant(second.getRefreshToken())))
				.getErrorObject()
				.getCode()).isEqualTo("invalid_grant");
		}
	}

	/** At logout the public client revokes its refresh token, and with it the grant. */
	@Test
	void whenThePublicClientRevokesItsRefreshTokenThenItCannotRefreshAgain() throws Exception {
		RelyingParty spa = spa();
		RelyingParty.Flow flow = spa.start("openid");
		try (Browser.Session session = browser.newSession()) {
			com.nimbusds.openid.connect.sdk.token.OIDCTokens tokens = spa.redeem(flow, loginFor(session, flow));
			com.nimbusds.oauth2.sdk.http.HTTPResponse revoked = spa.revoke(tokens.getRefreshToken());
			assertThat(revoked.getStatusCode()).as(revoked.getBody()).isEqualTo(200);
			assertThat(refused(spa.token(new com.nimbusds.oauth2.sdk.RefreshTokenGrant(tokens.getRefreshToken())))
				.getErrorObject()
				.getCode()).isEqualTo("invalid_grant");
		}
	}

	/** A public client registered for the code grant alone gets no refresh token, and may not refresh. */
	@Test
	void whenAPublicClientIsNotRegisteredForRefreshThenItGetsNoRefreshToken() throws Exception {
		RelyingParty kiosk = RelyingParty.discover(issuer("e2e"), "kiosk", null, "https://kiosk.example.test/callback",
				JWSAlgorithm.RS256);
		RelyingParty.Flow flow = kiosk.start("openid");
		try (Browser.Session session = browser.newSession()) {
			com.nimbusds.openid.connect.sdk.token.OIDCTokens tokens = kiosk.redeem(flow, loginFor(session, flow));
			assertThat(tokens.getAccessToken()).isNotNull();
			assertThat(tokens.getRefreshToken()).isNull();
			assertThat(refused(kiosk.token(new com.nimbusds.oauth2.sdk.RefreshTokenGrant(
					new com.nimbusds.oauth2.sdk.token.RefreshToken("x".repeat(40)))))
				.getErrorObject()
				.getCode()).isEqualTo("unauthorized_client");
		}
	}

	/** RFC 7009 section 2.1: a public client revokes its own tokens naming itself; it could not at all. */
	@Test
	void whenThePublicClientRevokesItsAccessTokenByClientIdThenItIsInactive() throws Exception {
		RelyingParty spa = spa();
		RelyingParty webApp = webApp();
		RelyingParty recordsApi = recordsApi();
		RelyingParty.Flow flow = spa.start("openid profile");
		try (Browser.Session session = browser.newSession()) {
			com.nimbusds.oauth2.sdk.token.AccessToken accessToken = spa.redeem(flow, loginFor(session, flow)).getAccessToken();
			assertThat(recordsApi.introspect(accessToken).toSuccessResponse().isActive()).isTrue();

			// a confidential client cannot do the same: naming it proves nothing
			com.nimbusds.oauth2.sdk.http.HTTPResponse named = new com.nimbusds.oauth2.sdk.TokenRevocationRequest(
					spa.provider().getRevocationEndpointURI(), new com.nimbusds.oauth2.sdk.id.ClientID("web-app"),
					accessToken).toHTTPRequest().send();
			assertThat(named.getStatusCode()).as(named.getBody()).isEqualTo(401);
			assertThat(recordsApi.introspect(accessToken).toSuccessResponse().isActive()).isTrue();

			com.nimbusds.oauth2.sdk.http.HTTPResponse revoked = spa.revoke(accessToken);
			assertThat(revoked.getStatusCode()).as(revoked.getBody()).isEqualTo(200);
			assertThat(recordsApi.introspect(accessToken).toSuccessResponse().isActive()).isFalse();
		}
	}

	@Test
	void whenAPageOfAnotherOriginCallsTheEndpointsThenTheBrowserKeepsTheAnswersFromIt() {
		try (Browser.Session session = browser.newSession()) {
			serve(session, "https://evil.example.test", page(issuer("e2e") + "/oauth2/token",
					issuer("e2e") + "/userinfo", "v".repeat(50)));
			session.open(java.net.URI.create("https://evil.example.test/callback?code=stolen"));
			session.page().waitForSelector("#out[data-done=yes]");
			assertThat(session.page().textContent("#out")).startsWith("blocked: TypeError");
		}
	}

	@Test
	void whenTheSpaSendsABadTokenToUserinfoThenItCanReadTheChallenge() {
		try (Browser.Session session = browser.newSession()) {
			serve(session, SPA, page(issuer("e2e") + "/oauth2/token", issuer("e2e") + "/userinfo", "v".repeat(50)));
			session.open(java.net.URI.create(SPA + "/callback?code=not-a-code"));
			Map<String, Object> result = outcome(session);
			assertThat(result.get("token")).as("%s", result).isEqualTo(400L);
			assertThat(result.get("userinfo")).isEqualTo(401L);
			assertThat((String) result.get("challenge")).startsWith("Bearer").contains("invalid_token");
		}
	}

}
