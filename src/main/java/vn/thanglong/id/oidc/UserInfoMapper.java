package vn.thanglong.id.oidc;

import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

import org.springframework.security.oauth2.core.oidc.OidcUserInfo;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.oidc.authentication.OidcUserInfoAuthenticationContext;

import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

import vn.thanglong.id.identity.PersonClaims;
import vn.thanglong.id.identity.ScopeClaims;
import vn.thanglong.id.identity.UserAccounts;

/** Userinfo from the stored profile, limited to what the access token's scopes release (OIDC Core 5.3 and 5.4). */
final class UserInfoMapper implements Function<OidcUserInfoAuthenticationContext, OidcUserInfo> {

	private final UserAccounts users;

	private final Subjects subjects;

	private final RegisteredClientRepository clients;

	private final PersonClaims personClaims;

	private final ActingOrganizations organizations;

	UserInfoMapper(UserAccounts users, Subjects subjects, RegisteredClientRepository clients, PersonClaims personClaims,
			ActingOrganizations organizations) {
		this.organizations = Objects.requireNonNull(organizations, "organizations");
		this.personClaims = Objects.requireNonNull(personClaims, "personClaims");
		this.users = Objects.requireNonNull(users, "users");
		this.subjects = Objects.requireNonNull(subjects, "subjects");
		this.clients = Objects.requireNonNull(clients, "clients");
	}

	@Override
	public OidcUserInfo apply(OidcUserInfoAuthenticationContext context) {
		OAuth2Authorization authorization = context.getAuthorization();
		// the principal is the person (RealmPasswordAuthenticationProvider), whichever credential logged in
		String person = authorization.getPrincipalName();
		Map<String, Object> claims = new java.util.LinkedHashMap<>(this.users.findByPersonId(person)
			.map((account) -> ScopeClaims.release(account, context.getAccessToken().getScopes()))
			.orElseGet(() -> Map.of("sub", person)));
		RegisteredClient client = Objects.requireNonNull(this.clients.findById(authorization.getRegisteredClientId()));
		// OIDC Core section 5.3.2: the same sub as in the client's ID token
		claims.put("sub", this.subjects.of(client, person));
		claims.putAll(this.personClaims.release(person, context.getAccessToken().getScopes(), client.getClientId(), true));
		claims.putAll(this.organizations.claims(client, person, context.getAccessToken().getScopes()));
		return new OidcUserInfo(claims);
	}

}
