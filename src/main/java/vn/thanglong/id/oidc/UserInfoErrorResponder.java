package vn.thanglong.id.oidc;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;

/**
 * Userinfo errors as RFC 6750 section 3 and OIDC Core section 5.3.3 want them: a
 * {@code WWW-Authenticate: Bearer} challenge naming the error, 401 for an unusable token and
 * 403 for a token without the {@code openid} scope.
 */
final class UserInfoErrorResponder implements AuthenticationFailureHandler {

	@Override
	public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException exception) throws IOException {
		String error = (exception instanceof OAuth2AuthenticationException oauth2) ? oauth2.getError().getErrorCode()
				: OAuth2ErrorCodes.INVALID_TOKEN;
		int status = OAuth2ErrorCodes.INSUFFICIENT_SCOPE.equals(error) ? HttpServletResponse.SC_FORBIDDEN
				: OAuth2ErrorCodes.INVALID_REQUEST.equals(error) ? HttpServletResponse.SC_BAD_REQUEST
						: HttpServletResponse.SC_UNAUTHORIZED;
		String realm = Issuers.realmOfPath(AuthorizationRequests.path(request)).orElse("thanglong-id");
		response.setHeader("WWW-Authenticate", "Bearer realm=\"" + realm + "\", error=\"" + error + "\"");
		ResponseBodies.writeJson(response, status, "{\"error\":\"" + error + "\"}");
	}

}
