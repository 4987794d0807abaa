package vn.thanglong.id.identity;

import java.util.Map;

/**
 * A user of one realm.
 *
 * @param id the stable identifier, also the public {@code sub}
 * @param claims the stored profile as standard OIDC claims (OIDC Core section 5.1)
 */
public record UserAccount(String id, String realm, String username, boolean enabled, Map<String, Object> claims) {

	public UserAccount {
		claims = Map.copyOf(claims);
	}

}
