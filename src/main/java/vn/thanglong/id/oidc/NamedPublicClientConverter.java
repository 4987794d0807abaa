package vn.thanglong.id.oidc;

import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.web.authentication.AuthenticationConverter;

/**
 * A public client names itself by {@code client_id}, having no credentials to authenticate with
 * (RFC 6749 section 2.1), where it has nothing else to prove: when it revokes its tokens
 * (RFC 7009 section 2.1) and when it redeems a refresh token (RFC 6749 section 6, "or if the
 * client is not confidential, the client_id"). The stock converters take a public client only
 * with a {@code code_verifier}, at the code exchange, so a browser application could neither
 * revoke its tokens at logout nor refresh them. Only at the revocation endpoint and for the
 * {@code refresh_token} grant, and only when the request carries no credentials of any kind;
 * {@link NamedPublicClientProvider} then checks that the client is public.
 */
final class NamedPublicClientConverter implements AuthenticationConverter {

	/** Marks the client authentication as this one, for its provider. */
	static final String MARKER = NamedPublicClientConverter.class.getName();

	@Override
	public @Nullable Authentication convert(HttpServletRequest request) {
		if (!"POST".equals(request.getMethod()) || !namesItself(request)
				|| request.getHeader("Authorization") != null || request.getParameter("client_secret") != null
				|| request.getParameter("client_assertion") != null) {
			return null;
		}
		String[] clientIds = request.getParameterValues("client_id");
		if (clientIds == null || clientIds.length != 1 || clientIds[0].isEmpty()) {
			return null;
		}
		return new OAuth2ClientAuthenticationToken(clientIds[0], ClientAuthenticationMethod.NONE, null,
				Map.of(MARKER, true));
	}

	private static boolean namesItself(HttpServletRequest request) {
		String path = AuthorizationRequests.path(request);
		return path.endsWith("/oauth2/revoke")
				|| (path.endsWith("/oauth2/token") && "refresh_token".equals(request.getParameter("grant_type")));
	}

}
