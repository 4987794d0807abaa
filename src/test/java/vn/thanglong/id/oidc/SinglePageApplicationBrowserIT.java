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
 * registered redirect URI, redeems the code and reads userinfo with {@code fetch}, and the
 * browser itself enforces CORS. A page of any other origin cannot read those answers.
 */
class SinglePageApplicationBrowserIT extends BrowserProviderIT {

	private static final String SPA = "https://spa.example.test";

	/** The page's script: the code exchange and the userinfo call, their outcome written into #out. */
	private static String page(String tokenEndpoint, String userInfo, String verifier) {
		return """
				<html><body><pre id="out">pending</pre><script>
				(async () => {
				  const out = document.getElementById('out');
				  try {
				    const code = new URLSearchParams(location.search).get('code');
				    const token = await fetch('%s', { method: 'POST',
				      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
				      body: new URLSearchParams({ grant_type: 'authorization_code', code: code || 'none',
				        redirect_uri: '%s/callback', client_id: 'spa', code_verifier: '%s' }) });
				    const tokens = await token.json();
				    const info = await fetch('%s', { headers: { Authorization: 'Bearer ' + (tokens.access_token || 'none') } });
				    const claims = info.status === 200 ? await info.json() : {};
				    out.textContent = JSON.stringify({ token: token.status, idToken: !!tokens.id_token,
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
		RelyingParty spa = RelyingParty.discover(issuer("e2e"), "spa", null, SPA + "/callback", JWSAlgorithm.ES256);
		RelyingParty.Flow flow = spa.start("openid profile");
		try (Browser.Session session = browser.newSession()) {
			serve(session, SPA, page(issuer("e2e") + "/oauth2/token", issuer("e2e") + "/userinfo",
					flow.verifier().getValue()));
			session.open(flow.uri());
			session.login("citizen", "Correct-Horse-42");
			Map<String, Object> result = outcome(session);
			assertThat(result.get("token")).as("%s", result).isEqualTo(200L);
			assertThat(result.get("idToken")).isEqualTo(true);
			assertThat(result.get("userinfo")).as("%s", result).isEqualTo(200L);
			assertThat((String) result.get("sub")).isNotBlank();
		}
	}

	/** RFC 7009 section 2.1: a public client revokes its own tokens naming itself; it could not at all. */
	@Test
	void whenThePublicClientRevokesItsAccessTokenByClientIdThenItIsInactive() throws Exception {
		RelyingParty spa = RelyingParty.discover(issuer("e2e"), "spa", null, SPA + "/callback", JWSAlgorithm.ES256);
		RelyingParty webApp = RelyingParty.discover(issuer("e2e"), "web-app", AuthorizationCodeFlowBrowserIT.WEB_SECRET,
				"https://rp.example.test/callback", JWSAlgorithm.RS256);
		RelyingParty.Flow flow = spa.start("openid profile");
		try (Browser.Session session = browser.newSession()) {
			session.open(flow.uri());
			session.login("citizen", "Correct-Horse-42");
			com.nimbusds.oauth2.sdk.AuthorizationCode code = com.nimbusds.openid.connect.sdk.AuthenticationResponseParser
				.parse(session.awaitCallback()).toSuccessResponse().getAuthorizationCode();
			com.nimbusds.oauth2.sdk.token.AccessToken accessToken = spa.redeem(flow, code).getAccessToken();
			assertThat(webApp.introspect(accessToken).toSuccessResponse().isActive()).isTrue();

			// a confidential client cannot do the same: naming it proves nothing
			com.nimbusds.oauth2.sdk.http.HTTPResponse named = new com.nimbusds.oauth2.sdk.TokenRevocationRequest(
					spa.provider().getRevocationEndpointURI(), new com.nimbusds.oauth2.sdk.id.ClientID("web-app"),
					accessToken).toHTTPRequest().send();
			assertThat(named.getStatusCode()).as(named.getBody()).isEqualTo(401);
			assertThat(webApp.introspect(accessToken).toSuccessResponse().isActive()).isTrue();

			com.nimbusds.oauth2.sdk.http.HTTPResponse revoked = spa.revoke(accessToken);
			assertThat(revoked.getStatusCode()).as(revoked.getBody()).isEqualTo(200);
			assertThat(webApp.introspect(accessToken).toSuccessResponse().isActive()).isFalse();
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
