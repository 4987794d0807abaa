package vn.thanglong.id.account;

import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

import vn.thanglong.id.realm.RealmPaths;

/** The account page's paths below a realm's issuer path {@code /realms/{realm}}. */
final class AccountPaths {

	/** The account page's client identifier, the same in every realm. */
	static final String CLIENT_ID = "account-console";

	static final String ACCOUNT = "/account";

	/** Starts the authorization request (code flow with PKCE) for the realm of the path. */
	static final String LOGIN = ACCOUNT + "/login";

	/** The redirect URI: receives the authorization response. */
	static final String CALLBACK = ACCOUNT + "/callback";

	static final String LOGOUT = ACCOUNT + "/logout";

	/** The post-logout redirect URI (RP-Initiated Logout 1.0 section 3). */
	static final String LOGGED_OUT = ACCOUNT + "/logged-out";

	/** Where a login that did not complete ends. */
	static final String FAILED = ACCOUNT + "/failed";

	private static final PathPattern UNDER_ACCOUNT = PathPatternParser.defaultInstance
		.parse("/realms/{realm}" + ACCOUNT + "/**");

	private static final PathPattern LOGIN_PATH = PathPatternParser.defaultInstance.parse("/realms/{realm}" + LOGIN);

	private AccountPaths() {
	}

	/** The realm of a request to {@code /realms/{realm}/account} or below it. */
	static Optional<String> realmOf(HttpServletRequest request) {
		return realm(UNDER_ACCOUNT, request);
	}

	/** The realm of a request to {@code /realms/{realm}/account/login}. */
	static Optional<String> realmOfLogin(HttpServletRequest request) {
		return realm(LOGIN_PATH, request);
	}

	static String path(String realm, String suffix) {
		return "/realms/" + realm + suffix;
	}

	private static Optional<String> realm(PathPattern pattern, HttpServletRequest request) {
		PathPattern.PathMatchInfo match = pattern.matchAndExtract(PathContainer.parsePath(RealmPaths.pathOf(request)));
		return Optional.ofNullable(match).map((info) -> info.getUriVariables().get("realm"));
	}

}
