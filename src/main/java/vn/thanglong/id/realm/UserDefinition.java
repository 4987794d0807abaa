package vn.thanglong.id.realm;

import java.util.Map;

/**
 * A user declared in a demo or test realm's {@code realm.yaml}.
 *
 * @param username the login name, unique within the realm
 * @param claims standard OIDC claims (OIDC Core section 5.1) of the user's profile
 */
public record UserDefinition(String username, Map<String, Object> claims) {

	public UserDefinition {
		claims = Map.copyOf(claims);
	}

}
