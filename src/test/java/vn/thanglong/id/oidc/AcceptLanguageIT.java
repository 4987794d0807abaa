package vn.thanglong.id.oidc;

import java.net.http.HttpResponse;
import java.util.List;

import org.junit.jupiter.api.Test;

import vn.thanglong.id.support.ProviderIT;
import vn.thanglong.id.support.RawHttp;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.thanglong.id.support.RawHttp.BROWSER_ACCEPT;
import static vn.thanglong.id.support.RawHttp.assertNoInternals;
import static vn.thanglong.id.support.RawHttp.describe;

/**
 * A browser of a person with many languages set sends a long {@code Accept-Language}; the
 * container refuses more than ten with an exception, which used to be a 500 on every page
 * and on most endpoints.
 */
class AcceptLanguageIT extends ProviderIT {

	/** Twelve languages, two ranges each, as Chromium writes them. */
	private static final String MANY = String.join(",", List.of("vi-VN", "vi;q=0.9", "en-US;q=0.8", "en;q=0.7",
			"fr-FR;q=0.6", "fr;q=0.5", "de-DE;q=0.4", "de;q=0.3", "ja-JP;q=0.2", "ja;q=0.2", "ko;q=0.2", "zh;q=0.1",
			"ru;q=0.1", "pt;q=0.1", "es;q=0.1", "it;q=0.1", "th;q=0.1", "lo;q=0.1", "km;q=0.1", "id;q=0.1"));

	private final RawHttp http = new RawHttp();

	@Test
	void whenABrowserSendsManyLanguagesThenThePagesAndEndpointsAnswerAsWithOne() {
		HttpResponse<String> login = this.http.get(issuer("e2e") + "/login", "Accept", BROWSER_ACCEPT,
				"Accept-Language", MANY);
		assertThat(login.statusCode()).as(describe(login)).isEqualTo(200);
		assertThat(login.body()).as("the pages stay Vietnamese by default").contains("lang=\"vi\"");

		assertAnswered(this.http.get(issuer("e2e") + "/userinfo", "Authorization", "Bearer not-a-token",
				"Accept-Language", MANY), 401);
		assertAnswered(this.http.postForm(issuer("e2e") + "/oauth2/revoke", "token=x", "Accept-Language", MANY), 401);
		assertAnswered(this.http.get(issuer("e2e") + "/connect/logout", "Accept", BROWSER_ACCEPT,
				"Accept-Language", MANY), 302);
		assertAnswered(this.http.get(baseUrl() + "/realms/e2e/no-such-page", "Accept-Language", MANY), 404);
		assertAnswered(this.http.get(baseUrl() + "/actuator/health", "Accept-Language", MANY), 200);
		// malformed and empty headers are read as no preference
		assertAnswered(this.http.get(issuer("e2e") + "/login", "Accept", BROWSER_ACCEPT, "Accept-Language",
				";;;q=x,*-*"), 200);
	}

	private static void assertAnswered(HttpResponse<String> response, int status) {
		assertThat(response.statusCode()).as(describe(response)).isEqualTo(status);
		assertNoInternals(response);
	}

}
