package vn.thanglong.id.identity;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which stored claims each scope releases: OIDC Core section 5.4. A claim the user's profile
 * does not hold is left out, never sent empty.
 */
public final class ScopeClaims {

	private static final Map<String, List<String>> BY_SCOPE = Map.of(
			"profile", List.of("name", "family_name", "given_name", "middle_name", "nickname", "preferred_username",
					"profile", "picture", "website", "gender", "birthdate", "zoneinfo", "locale", "updated_at"),
			"email", List.of("email", "email_verified"),
			"phone", List.of("phone_number", "phone_number_verified"),
			"address", List.of("address"));

	private ScopeClaims() {
	}

	/** The claims of {@code account} that {@code scopes} release, plus {@code sub} (the person's local id). */
	public static Map<String, Object> release(UserAccount account, Set<String> scopes) {
		Map<String, Object> out = new LinkedHashMap<>();
		out.put("sub", account.personId());
		for (String scope : scopes) {
			for (String claim : BY_SCOPE.getOrDefault(scope, List.of())) {
				Object value = "preferred_username".equals(claim)
						? account.claims().getOrDefault(claim, account.username()) : account.claims().get(claim);
				if (value != null) {
					out.put(claim, value);
				}
			}
		}
		return out;
	}

	/** The claim names a scope releases, for the consent page and discovery. */
	public static List<String> claimsOf(String scope) {
		return BY_SCOPE.getOrDefault(scope, List.of());
	}

}
