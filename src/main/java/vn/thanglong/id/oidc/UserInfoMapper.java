package vn.thanglong.id.oidc;

import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

import org.springframework.security.oauth2.core.oidc.OidcUserInfo;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.oidc.authentication.OidcUserInfoAuthenticationContext;

import vn.thanglong.id.identity.ScopeClaims;
import vn.thanglong.id.identity.UserAccounts;

/** Userinfo from the stored profile, limited to what the access token's scopes release (OIDC Core 5.3 and 5.4). */
final class UserInfoMapper implements Function<OidcUserInfoAuthenticationContext, OidcUserInfo> {

	private final UserAccounts users;

	UserInfoMapper(UserAccounts users) {
		this.users = Objects.requireNonNull(users, "users");
	}

	@Override
	public OidcUserInfo apply(OidcUserInfoAuthenticationContext context) {
		OAuth2Authorization authorization = context.getAuthorization();
		String subject = authorization.getPrincipalName();
		Map<String, Object> claims = this.users.findById(subject)
			.map((account) -> ScopeClaims.release(account, context.getAccessToken().getScopes()))
			.orElseGet(() -> Map.of("sub", subject));
		return new OidcUserInfo(claims);
	}

}
