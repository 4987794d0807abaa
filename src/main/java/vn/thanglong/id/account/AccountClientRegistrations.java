package vn.thanglong.id.account;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.IdTokenClaimNames;

import vn.thanglong.id.realm.RealmRegistry;

/**
 * The account page's client registration with each realm: the registration id is the realm's
 * name. The provider's metadata is written down from the issuer rather than discovered, so that
 * nothing is fetched at start-up; the endpoints are those the provider publishes in its
 * discovery document (OIDC Discovery 1.0 section 3).
 */
final class AccountClientRegistrations implements ClientRegistrationRepository {

	private final RealmRegistry realms;

	private final AccountBaseUrl base;

	private final Map<String, ClientRegistration> byRealm = new ConcurrentHashMap<>();

	AccountClientRegistrations(RealmRegistry realms, AccountBaseUrl base) {
		this.realms = Objects.requireNonNull(realms, "realms");
		this.base = Objects.requireNonNull(base, "base");
	}

	@Override
	public @Nullable ClientRegistration findByRegistrationId(String registrationId) {
		if (!this.realms.exists(registrationId)) {
			return null;
		}
		return this.byRealm.computeIfAbsent(registrationId, this::registration);
	}

	private ClientRegistration registration(String realm) {
		String issuer = this.base.issuer(realm);
		return ClientRegistration.withRegistrationId(realm)
			.clientId(AccountPaths.CLIENT_ID)
			.clientName(AccountPaths.CLIENT_ID)
			// a public client: Spring Security sends a PKCE S256 challenge (RFC 7636 section 4.3)
			.clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
			.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
			.redirectUri(this.base.callback(realm))
			.scope(AccountConsoleProvisioner.SCOPES)
			.issuerUri(issuer)
			.authorizationUri(issuer + "/oauth2/authorize")
			.tokenUri(issuer + "/oauth2/token")
			.jwkSetUri(issuer + "/oauth2/jwks")
			.userInfoUri(issuer + "/userinfo")
			.userNameAttributeName(IdTokenClaimNames.SUB)
			.providerConfigurationMetadata(Map.of("end_session_endpoint", endSessionEndpoint(issuer)))
			.build();
	}

	/** RP-Initiated Logout 1.0 section 2. */
	static String endSessionEndpoint(String issuer) {
		return issuer + "/connect/logout";
	}

}
