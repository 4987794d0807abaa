package vn.thanglong.id.account;

import java.net.URI;
import java.nio.file.Path;
import java.util.regex.Pattern;

import com.microsoft.playwright.Page;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.openid.connect.sdk.AuthenticationResponse;
import com.nimbusds.openid.connect.sdk.AuthenticationResponseParser;
import org.junit.jupiter.api.Test;

import vn.thanglong.id.support.Browser;
import vn.thanglong.id.support.BrowserProviderIT;
import vn.thanglong.id.support.RelyingParty;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The built-in account page as a citizen uses it: it logs in through the realm's own login
 * page like any agency system, shows who the user is, logs out through the realm's
 * end-session endpoint, and never shows one realm's user on another realm's page.
 */
class AccountPageBrowserIT extends BrowserProviderIT {

	private static final String NAME = "Lê Thị Hoa";


	private URI account(String realm) {
		return URI.create(issuer(realm) + "/account");
	}

	/** Opens the account page of e2e and logs in there as the e2e citizen. */
	private void logIn(Browser.Session session) {
		session.open(account("e2e"));
		assertThat(session.page().url()).startsWith(issuer("e2e") + "/login");
		session.login("citizen", "Correct-Horse-42");
		session.page().waitForURL(issuer("e2e") + "/account");
	}

	@Test
	void whenCitizenOpensAccountPageThenLogsInAtRealmAndSeesNameAndClaims() throws Exception {
		try (Browser.Session session = browser.newSession()) {
			logIn(session);
			Page page = session.page();

			assertThat(page.locator("html").getAttribute("lang")).isEqualTo("vi");
			assertThat(page.textContent("h1")).contains(NAME);
			assertThat(claim(page, "name")).isEqualTo(NAME);
			String subject = page.textContent("#sub").strip();
			assertThat(subject).isNotBlank().isNotEqualTo("citizen");
			assertThat(claim(page, "iss")).isEqualTo(issuer("e2e"));
			assertThat(claim(page, "aud")).isEqualTo("account-console");
			assertThat(claim(page, "acr")).isEqualTo("http://eidas.europa.eu/LoA/low");
			assertThat(claim(page, "amr")).isEqualTo("Mật khẩu (pwd)");
			assertThat(claim(page, "auth_time")).contains("(UTC+7)");
			assertThat(claim(page, "email")).isEqualTo("hoa.le@example.gov.vn (đã xác minh)");
			assertThat(claim(page, "phone_number")).isEqualTo("+84987654321 (chưa xác minh)");
			assertThat(claim(page, "address")).contains("Tràng Tiền");
			assertThat(page.content()).doesNotContain("??");
			Path screenshot = Path.of("target", "screenshots", "account-360.png");
			page.screenshot(new Page.ScreenshotOptions().setPath(screenshot).setFullPage(true));

			page.click("header a");
			page.waitForURL(Pattern.compile(".*/account\\?lang=en$"));
			assertThat(page.locator("html").getAttribute("lang")).isEqualTo("en");
			assertThat(page.textContent("h1")).isEqualTo("Hello, " + NAME);
			assertThat(page.textContent("#logout")).isEqualTo("Log out");
			assertThat(page.content()).doesNotContain("??");

			// the page's own login did not replace the provider's: an agency system gets single sign-on
			RelyingParty spa = RelyingParty.discover(issuer("e2e"), "spa", null, "https://spa.example.test/callback",
					JWSAlgorithm.ES256);
			RelyingParty.Flow flow = spa.start("openid profile");
			session.open(flow.uri());
			AuthenticationResponse response = AuthenticationResponseParser.parse(session.awaitCallback());
			assertThat(response.indicatesSuccess()).as("single sign-on after the account page's login").isTrue();
			assertThat(response.getState()).isEqualTo(flow.state());
		}
	}

	@Test
	void whenCitizenLogsOutThenProviderSessionEndsAndAccountPageAsksForLoginAgain() {
		try (Browser.Session session = browser.newSession()) {
			logIn(session);
			Page page = session.page();

			page.click("#logout");
			page.waitForURL(Pattern.compile(Pattern.quote(issuer("e2e") + "/account/logged-out?state=") + "[\\w-]+"));
			assertThat(page.textContent("h1")).isEqualTo("Bạn đã đăng xuất");
			assertThat(page.content()).doesNotContain(NAME);

			session.open(account("e2e"));
			assertThat(page.url()).as("the provider's session is gone").startsWith(issuer("e2e") + "/login");
			assertThat(page.content()).doesNotContain(NAME);

			page.navigate(issuer("e2e") + "/account/logged-out");
			page.click("#login-again");
			page.waitForURL(Pattern.compile(Pattern.quote(issuer("e2e") + "/login?continue=") + "[\\w-]{22}"));
		}
	}

	@Test
	void whenAccountPageOfOtherRealmIsOpenedThenItAsksForLoginThereAndShowsNoE2eData() {
		try (Browser.Session session = browser.newSession()) {
			logIn(session);
			Page page = session.page();

			session.open(account("other"));
			assertThat(page.url()).startsWith(issuer("other") + "/login");
			assertThat(page.content()).doesNotContain(NAME);

			session.login("citizen", "Other-Realm-Pass-1");
			page.waitForURL(issuer("other") + "/account");
			assertThat(claim(page, "name")).isEqualTo("Người dùng khác");
			assertThat(claim(page, "iss")).isEqualTo(issuer("other"));
			assertThat(page.content()).doesNotContain(NAME);
		}
	}

	@Test
	void whenCallbackArrivesWithoutPendingLoginThenFailedPageOffersToTryAgain() {
		try (Browser.Session session = browser.newSession()) {
			Page page = session.page();
			page.navigate(issuer("e2e") + "/account/callback?code=forged&state=forged");

			assertThat(page.url()).isEqualTo(issuer("e2e") + "/account/failed");
			assertThat(page.textContent("h1")).isEqualTo("Chưa đăng nhập được");
			page.click("#retry");
			page.waitForURL(Pattern.compile(Pattern.quote(issuer("e2e") + "/login?continue=") + "[\\w-]{22}"));
		}
	}

	@Test
	void whenAccountPageOfUnknownRealmIsOpenedThenNotFound() {
		try (Browser.Session session = browser.newSession()) {
			var response = session.page().navigate(baseUrl() + "/realms/nowhere/account");
			assertThat(response.status()).isEqualTo(404);
		}
	}

	private static String claim(Page page, String name) {
		return page.textContent("dd[data-claim=" + name + "]").strip();
	}

}
