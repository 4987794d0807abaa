package vn.thanglong.id.identity;

import java.util.Map;

/**
 * A password credential of one realm, and the claims released for its person.
 *
 * @param id the account's own identifier, never shown to relying parties
 * @param personId the person the account belongs to: the login's principal, from which the
 * {@code sub} derives, the same however the person logs in
 * @param claims the stored profile as standard OIDC claims (OIDC Core section 5.1)
 */
public record UserAccount(String id, String personId, String realm, String username, boolean enabled,
		Map<String, Object> claims) {

	public UserAccount {
		claims = Map.copyOf(claims);
	}

}
