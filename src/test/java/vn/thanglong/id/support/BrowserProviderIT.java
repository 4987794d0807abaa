package vn.thanglong.id.support;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The running provider ({@link ProviderIT}) and one real Chromium per test class. */
public abstract class BrowserProviderIT extends ProviderIT {

	protected static Browser browser;

	@BeforeAll
	static void startBrowser() {
		browser = new Browser();
	}

	@AfterAll
	static void stopBrowser() {
		browser.close();
	}

}
