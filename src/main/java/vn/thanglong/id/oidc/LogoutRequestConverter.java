package vn.thanglong.id.oidc;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.oidc.authentication.OidcLogoutAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.oidc.web.authentication.OidcLogoutAuthenticationConverter;
import org.springframework.security.web.authentication.AuthenticationConverter;

import vn.thanglong.id.authn.LoginFacts;

/**
 * Reads an RP-Initiated Logout request (section 2). With an {@code id_token_hint} it is the
 * stock request; without one it is a {@link LogoutConfirmationToken}, since
 * {@code id_token_hint} is only RECOMMENDED and the user is then asked instead. Either way a
 * login of another realm is not the user to log out here: the request sees nobody logged in.
 */
final class LogoutRequestConverter implements AuthenticationConverter {

	static final String ID_TOKEN_HINT = "id_token_hint";

	static final String POST_LOGOUT_REDIRECT_URI = "post_logout_redirect_uri";

	private static final Authentication NOBODY = new AnonymousAuthenticationToken("anonymous", "anonymousUser",
			AuthorityUtils.createAuthorityList("ROLE_ANONYMOUS"));

	private final OidcLogoutAuthenticationConverter hinted = new OidcLogoutAuthenticationConverter();

	@Override
	public Authentication convert(HttpServletRequest request) {
		String realm = Issuers.realmOfPath(AuthorizationRequests.path(request)).orElse("");
		Authentication current = SecurityContextHolder.getContext().getAuthentication();
		boolean loggedInHere = LoginFacts.loggedInTo(current, realm);
		if (AuthorizationRequests.longerThan(request.getParameter(OAuth2ParameterNames.STATE),
				AuthorizationRequests.LONGEST_STATE)) {
			// it comes back in the Location of the redirect, which the container cannot write that long
			throw LogoutRefusal.invalidRequest(
					"state is longer than " + AuthorizationRequests.LONGEST_STATE + " characters once URL-encoded",
					ClientRedirects.REASON_STATE);
		}
		String[] hints = request.getParameterValues(ID_TOKEN_HINT);
		// an empty hint is no hint (RFC 6749 section 3.1), like the other empty parameters below
		if (hints != null && !(hints.length == 1 && hints[0].isEmpty())) {
			OidcLogoutAuthenticationToken hint = (OidcLogoutAuthenticationToken) this.hinted.convert(request);
			return loggedInHere ? hint : new OidcLogoutAuthenticationToken(hint.getIdTokenHint(), NOBODY,
					hint.getSessionId(), hint.getClientId(), hint.getPostLogoutRedirectUri(), hint.getState());
		}
		return LogoutConfirmationToken.received(loggedInHere ? current : NOBODY,
				single(request, OAuth2ParameterNames.CLIENT_ID), single(request, POST_LOGOUT_REDIRECT_URI),
				single(request, OAuth2ParameterNames.STATE));
	}

	/** Section 2: each parameter at most once; an empty value counts as absent. */
	private static @Nullable String single(HttpServletRequest request, String name) {
		String[] values = request.getParameterValues(name);
		if (values == null) {
			return null;
		}
		if (values.length != 1) {
			throw LogoutRefusal.invalidRequest(name + " is repeated", LogoutRefusal.REASON_REPEATED);
		}
		return values[0].isEmpty() ? null : values[0];
	}

}
