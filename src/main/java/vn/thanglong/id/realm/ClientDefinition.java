package vn.thanglong.id.realm;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * One agency system (relying party) of a realm, as declared in
 * {@code realm-config/<realm>/clients/*.yaml}. Its secret is never part of this record.
 *
 * @param clientId the OAuth 2.0 client identifier, unique within the realm
 * @param name the agency system's name, shown on the consent page
 * @param authMethod how the client authenticates at the token endpoint
 * @param redirectUris exact redirect URIs (RFC 9700 section 4.1.3: exact matching)
 * @param postLogoutRedirectUris exact URIs allowed after RP-initiated logout
 * @param grantTypes {@code authorization_code}, {@code refresh_token}, {@code client_credentials}
 * @param scopes the scopes the client may request
 * @param consentRequired whether the user is asked for consent
 * @param idTokenSignedResponseAlg {@code RS256} or {@code ES256}
 * @param jwksUri where the client publishes its keys ({@code private_key_jwt})
 * @param jwks the client's public keys inline, as a JWK Set document
 */
public record ClientDefinition(String clientId, String name, ClientAuthMethod authMethod,
		List<String> redirectUris, List<String> postLogoutRedirectUris, Set<String> grantTypes,
		Set<String> scopes, boolean consentRequired, String idTokenSignedResponseAlg,
		Duration accessTokenLifetime, Duration refreshTokenLifetime, Duration authorizationCodeLifetime,
		Duration idTokenLifetime, @Nullable String jwksUri, @Nullable String jwks) {

	public ClientDefinition {
		redirectUris = List.copyOf(redirectUris);
		postLogoutRedirectUris = List.copyOf(postLogoutRedirectUris);
		grantTypes = Set.copyOf(grantTypes);
		scopes = Set.copyOf(scopes);
	}

	public boolean isPublic() {
		return this.authMethod == ClientAuthMethod.NONE;
	}

}
