package vn.thanglong.id.oidc;

import java.util.Objects;

import org.jspecify.annotations.Nullable;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

/**
 * The client of a {@link NamedPublicClientConverter} request: a registered public client
 * (authentication method {@code none}) of the realm. Nothing is proved, and nothing needs to be:
 * whoever holds a token can use it, so letting them end it gives nothing away, and a refresh
 * token is itself the credential of its grant. The providers that follow act only on a token
 * issued to this client: the revocation provider revokes nothing else (RFC 7009 section 2.1), the
 * refresh provider answers {@code invalid_grant} for another client's refresh token, and
 * {@code unauthorized_client} when the client is not registered for the grant. A confidential
 * client must authenticate as usual: naming it is {@code invalid_client}.
 */
final class NamedPublicClientProvider implements AuthenticationProvider {

	private final RegisteredClientRepository clients;

	NamedPublicClientProvider(RegisteredClientRepository clients) {
		this.clients = Objects.requireNonNull(clients, "clients");
	}

	@Override
	public @Nullable Authentication authenticate(Authentication authentication) {
		OAuth2ClientAuthenticationToken request = (OAuth2ClientAuthenticationToken) authentication;
		if (!ClientAuthenticationMethod.NONE.equals(request.getClientAuthenticationMethod())
				|| !Boolean.TRUE.equals(request.getAdditionalParameters().get(NamedPublicClientConverter.MARKER))) {
			return null;
		}
		RegisteredClient client = this.clients.findByClientId(String.valueOf(request.getPrincipal()));
		if (client == null || !client.getClientAuthenticationMethods().contains(ClientAuthenticationMethod.NONE)) {
			throw new OAuth2AuthenticationException(new OAuth2Error(OAuth2ErrorCodes.INVALID_CLIENT,
					OAuth2ErrorResponder.CLIENT_AUTHENTICATION_FAILED, null));
		}
		return new OAuth2ClientAuthenticationToken(client, ClientAuthenticationMethod.NONE, null);
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return OAuth2ClientAuthenticationToken.class.isAssignableFrom(authentication);
	}

}
