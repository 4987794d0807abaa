package vn.thanglong.id.account;

import java.util.concurrent.atomic.AtomicReference;

import org.jspecify.annotations.Nullable;

/**
 * The {@code {base}} of every URL the account page uses: its redirect URIs, registered with the
 * provider, and the provider endpoints it calls. It is the configured public base URL, or
 * {@code http://localhost:{port}} once the server knows its port (a random one in tests).
 * Every URL of the flow is built from this one base, so the whole login happens on one host
 * and the browser keeps one session cookie through it.
 */
final class AccountBaseUrl {

	private final AtomicReference<@Nullable String> base = new AtomicReference<>();

	private final boolean configured;

	AccountBaseUrl(@Nullable String publicBaseUrl) {
		this.configured = publicBaseUrl != null;
		this.base.set(publicBaseUrl);
	}

	/** Fixes the base from the server's own address, unless a public base URL was configured. */
	void serverStarted(String scheme, int port) {
		if (!this.configured) {
			this.base.set(scheme + "://localhost:" + port);
		}
	}

	String base() {
		String value = this.base.get();
		if (value == null) {
			throw new IllegalStateException("the account page's base URL is known once the web server has started");
		}
		return value;
	}

	/** The realm's issuer identifier (OIDC Discovery 1.0 section 4.3: it is the prefix of every endpoint). */
	String issuer(String realm) {
		return base() + "/realms/" + realm;
	}

	String accountPage(String realm) {
		return issuer(realm) + AccountPaths.ACCOUNT;
	}

	String login(String realm) {
		return issuer(realm) + AccountPaths.LOGIN;
	}

	String callback(String realm) {
		return issuer(realm) + AccountPaths.CALLBACK;
	}

	String loggedOut(String realm) {
		return issuer(realm) + AccountPaths.LOGGED_OUT;
	}

}
