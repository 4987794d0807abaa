package vn.thanglong.id.oidc;

import java.io.IOException;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;

/**
 * Userinfo errors as RFC 6750 section 3 and OIDC Core section 5.3.3 want them: a
 * {@code WWW-Authenticate: Bearer} challenge naming the error, 401 for an unusable token and
 * 403 for a token without the {@code openid} scope; a request without a token gets the bare
 * challenge (no error code, RFC 6750 section 3.1). Every challenge names the realm's RFC 9728
 * protected-resource metadata (section 5.1), which RealmPathFilter serves.
 */
final class UserInfoErrorResponder implements AuthenticationFailureHandler, AuthenticationEntryPoint {

	@Override
	public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException exception) throws IOException {
		String error = (exception instanceof OAuth2AuthenticationException oauth2) ? oauth2.getError().getErrorCode()
				: OAuth2ErrorCodes.INVALID_TOKEN;
		int status = OAuth2ErrorCodes.INSUFFICIENT_SCOPE.equals(error) ? HttpServletResponse.SC_FORBIDDEN
				: OAuth2ErrorCodes.INVALID_REQUEST.equals(error) ? HttpServletResponse.SC_BAD_REQUEST
						: HttpServletResponse.SC_UNAUTHORIZED;
		response.setHeader("WWW-Authenticate", challenge(request) + ", error=\"" + error + "\"");
		ResponseBodies.writeJson(response, status, "{\"error\":\"" + error + "\"}");
	}

	/** No token at all. */
	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException exception)
			throws IOException {
		response.setHeader("WWW-Authenticate", challenge(request));
		response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
	}

	private static String challenge(HttpServletRequest request) {
		Optional<String> realm = Issuers.realmOfPath(AuthorizationRequests.path(request));
		String challenge = "Bearer realm=\"" + realm.orElse("thanglong-id") + "\"";
		if (realm.isEmpty()) {
			return challenge;
		}
		String metadata = RealmPathFilter.metadataLocation(request, realm.get(), RealmPathFilter.USERINFO);
		return challenge + ", resource_metadata=\"" + metadata + "\"";
	}

}
