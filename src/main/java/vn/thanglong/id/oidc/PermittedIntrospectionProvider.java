package vn.thanglong.id.oidc;

import java.util.Collection;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenIntrospection;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2TokenIntrospectionAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;

/**
 * Which tokens a client may learn about at the introspection endpoint. RFC 7662 section 2.2
 * answers {@code {"active": false}} when "the protected resource is not allowed to introspect
 * this particular token", and section 4 leaves it to the server to decide which are: here a
 * client learns about a token that was issued to it, and about an access token that names it in
 * {@code aud} or that was issued to a client it is registered to introspect for
 * ({@code introspectsTokensOf}, a resource server of that agency system). A refresh token is
 * for its client alone: it is never sent to a resource server (RFC 6749 sections 1.5 and 10.4).
 * The stock provider answers any authenticated client of the realm about any token, and so would
 * tell one agency system another's pairwise {@code sub} (OIDC Core section 8), scopes and grant
 * times.
 * <p>
 * The stock provider runs first: it authenticates nothing itself (the client has authenticated
 * before), finds the token and says whether it is active; this one then withholds the answer from
 * a client it is not for, in the very words of an unknown token, and from any caller it cannot
 * name.
 */
final class PermittedIntrospectionProvider implements AuthenticationProvider {

	/** The client setting naming the clients whose tokens a client may introspect. */
	static final String INTROSPECTS_TOKENS_OF_SETTING = "vn.thanglong.id.introspects-tokens-of";

	private final AuthenticationProvider stock;

	PermittedIntrospectionProvider(AuthenticationProvider stock) {
		this.stock = Objects.requireNonNull(stock, "stock");
	}

	@Override
	public @Nullable Authentication authenticate(Authentication authentication) {
		Authentication result = this.stock.authenticate(authentication);
		if (!(result instanceof OAuth2TokenIntrospectionAuthenticationToken answer)
				|| !answer.getTokenClaims().isActive()) {
			// not found or not active: the stock answer says no more than active=false
			return result;
		}
		if (answer.getPrincipal() instanceof OAuth2ClientAuthenticationToken client && client.getRegisteredClient() != null
				&& mayLearnAbout(client.getRegisteredClient(), answer.getTokenClaims())) {
			return result;
		}
		return new OAuth2TokenIntrospectionAuthenticationToken(answer.getToken(),
				(Authentication) authentication.getPrincipal(), OAuth2TokenIntrospection.builder().build());
	}

	/** Whether {@code caller} may be told about the token described by {@code claims}. */
	static boolean mayLearnAbout(RegisteredClient caller, OAuth2TokenIntrospection claims) {
		String issuedTo = claims.getClientId();
		if (caller.getClientId().equals(issuedTo)) {
			return true;
		}
		if (claims.getTokenType() == null) {
			// the stock answer names a token type for access tokens only: this is a refresh token
			return false;
		}
		List<String> audience = claims.getAudience();
		if (audience != null && audience.contains(caller.getClientId())) {
			return true;
		}
		Object introspectsFor = caller.getClientSettings().getSetting(INTROSPECTS_TOKENS_OF_SETTING);
		return issuedTo != null && introspectsFor instanceof Collection<?> clients && clients.contains(issuedTo);
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return this.stock.supports(authentication);
	}

}
