package vn.thanglong.id.account;

import java.util.List;

/**
 * What the account page shows about the logged-in user.
 *
 * @param name the name to greet the user with
 * @param subject the {@code sub} the realm issued to the account page (OIDC Core section 2)
 * @param idToken selected ID token claims: who issued the login, for whom, when and how
 * @param userInfo the claims the userinfo endpoint released (OIDC Core section 5.3)
 */
record AccountView(String name, String subject, List<Claim> idToken, List<Claim> userInfo) {

	AccountView {
		idToken = List.copyOf(idToken);
		userInfo = List.copyOf(userInfo);
	}

	/**
	 * One claim as displayed.
	 *
	 * @param name the claim's name as in the token
	 * @param label its name in the page's language
	 * @param values one line per value: a list or an address shows one line each
	 */
	record Claim(String name, String label, List<String> values) {

		Claim {
			values = List.copyOf(values);
		}

	}

}
