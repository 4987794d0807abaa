package vn.thanglong.id.oidc;

import java.net.http.HttpResponse;
import java.util.List;

import org.junit.jupiter.api.Test;

import vn.thanglong.id.support.ProviderIT;
import vn.thanglong.id.support.RawHttp;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.thanglong.id.support.RawHttp.describe;
import static vn.thanglong.id.support.RawHttp.form;

/**
 * CORS at the endpoints a browser application calls (Fetch standard section 3.2): the realm's
 * registered origins get their preflight answered and the answers opened to them, nobody else.
 */
class CrossOriginIT extends ProviderIT {

	private static final String SPA = "https://spa.example.test";

	private final RawHttp http = new RawHttp();

	private HttpResponse<String> preflight(String endpoint, String origin, String method) {
		return this.http.method("OPTIONS", issuer("e2e") + endpoint, "Origin", origin,
				"Access-Control-Request-Method", method, "Access-Control-Request-Headers", "authorization");
	}

	@Test
	void whenARegisteredOriginAsksBeforeCallingThenThePreflightAllowsIt() {
		for (String endpoint : List.of("/oauth2/token", "/oauth2/revoke", "/userinfo")) {
			HttpResponse<String> response = preflight(endpoint, SPA, endpoint.equals("/userinfo") ? "GET" : "POST");
			assertThat(response.statusCode()).as(describe(response)).isEqualTo(204);
			assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).as(endpoint).contains(SPA);
			assertThat(response.headers().firstValue("Access-Control-Allow-Headers")).as(endpoint)
				.hasValueSatisfying((headers) -> assertThat(headers).containsIgnoringCase("authorization"));
			assertThat(response.headers().firstValue("Access-Control-Allow-Credentials")).as(endpoint).isEmpty();
		}
	}

	@Test
	void whenAnotherOriginAsksThenThePreflightIsRefusedWithoutCorsHeaders() {
		// an unregistered origin, a look-alike, the registered one over http, and an opaque origin
		for (String origin : List.of("https://rp.other.example.test", "https://spa.example.test.evil.test",
				"http://spa.example.test", "null")) {
			HttpResponse<String> response = preflight("/oauth2/token", origin, "POST");
			assertThat(response.statusCode()).as(origin + " " + describe(response)).isEqualTo(403);
			assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).as(origin).isEmpty();
		}
	}

	@Test
	void whenARegisteredOriginCallsThenTheAnswerNamesItAndOthersGetNone() {
		String body = form("grant_type", "authorization_code", "client_id", "spa", "code", "x", "code_verifier",
				"v".repeat(50), "redirect_uri", SPA + "/callback");
		HttpResponse<String> mine = this.http.postForm(issuer("e2e") + "/oauth2/token", body, "Origin", SPA);
		assertThat(mine.statusCode()).as(describe(mine)).isEqualTo(400);
		assertThat(mine.headers().firstValue("Access-Control-Allow-Origin")).contains(SPA);
		assertThat(mine.headers().allValues("Vary")).anySatisfy((vary) -> assertThat(vary).contains("Origin"));

		HttpResponse<String> theirs = this.http.postForm(issuer("e2e") + "/oauth2/token", body, "Origin",
				"https://evil.example.test");
		assertThat(theirs.statusCode()).as("served as before: %s", describe(theirs)).isEqualTo(400);
		assertThat(theirs.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
	}

	@Test
	void whenTheRealmIsUnknownThenThePreflightIsItsNotFound() {
		HttpResponse<String> response = this.http.method("OPTIONS", baseUrl() + "/realms/nope/oauth2/token", "Origin",
				SPA, "Access-Control-Request-Method", "POST");
		assertThat(response.statusCode()).as(describe(response)).isEqualTo(404);
	}

}
