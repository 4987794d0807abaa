package vn.thanglong.id.oidc;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;

import vn.thanglong.id.authn.PageHeaders;

/**
 * An end-session request refused (RP-Initiated Logout 1.0 section 4: the error page, never a
 * redirect to an unchecked address), with the reason the page tells the person, as a message
 * key: the agency system's set-up is at fault, not the person, and the page says what to fix.
 */
final class LogoutRefusal extends OAuth2AuthenticationException {

	private static final long serialVersionUID = 1L;

	static final String REASON_HINT = "error.reason.logout-hint";

	static final String REASON_HINT_CLIENT = "error.reason.logout-hint-client";

	static final String REASON_REDIRECT_URI = "error.reason.logout-redirect-uri";

	static final String REASON_REDIRECT_UNCHECKED = "error.reason.logout-redirect-unchecked";

	static final String REASON_REPEATED = "error.reason.repeated";

	private static final String SPEC = "https://openid.net/specs/openid-connect-rpinitiated-1_0.html#RPLogout";

	private final String reason;

	LogoutRefusal(String code, String description, String reason) {
		super(new OAuth2Error(code, description, SPEC));
		this.reason = reason;
	}

	static LogoutRefusal invalidRequest(String description, String reason) {
		return new LogoutRefusal(OAuth2ErrorCodes.INVALID_REQUEST, description, reason);
	}

	String reason() {
		return this.reason;
	}

	/** Shows the error page, with the reason when the refusal is one of these. */
	static AuthenticationFailureHandler page() {
		return LogoutRefusal::show;
	}

	private static void show(HttpServletRequest request, HttpServletResponse response, AuthenticationException exception)
			throws IOException {
		PageHeaders.sendErrorPage(request, response,
				(exception instanceof LogoutRefusal refusal) ? refusal.reason() : null);
	}

}
