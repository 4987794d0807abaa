package vn.thanglong.id.oidc;

import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.web.authentication.AuthenticationConverter;

/**
 * RFC 7009 section 2.1: a public client revokes its tokens naming itself by {@code client_id},
 * having no credentials to authenticate with (RFC 6749 section 2.1). The stock converters take a
 * public client only with a {@code code_verifier}, at the token endpoint, so a browser application
 * could not revoke its tokens at logout. Only at the revocation endpoint, and only when the
 * request carries no credentials of any kind; {@link PublicClientRevocationProvider} then checks
 * that the client is public.
 */
final class PublicClientRevocationConverter implements AuthenticationConverter {

	/** Marks the client authentication as this one, for its provider. */
	static final String MARKER = PublicClientRevocationConverter.class.getName();

	@Override
	public @Nullable Authentication convert(HttpServletRequest request) {
		if (!"POST".equals(request.getMethod()) || !AuthorizationRequests.path(request).endsWith("/oauth2/revoke")
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

}
