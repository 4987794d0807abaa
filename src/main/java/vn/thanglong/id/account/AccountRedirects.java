package vn.thanglong.id.account;

import java.io.IOException;
import java.util.Objects;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;

/**
 * Where the account page sends the browser around its login: without a login, to start one
 * in the realm of the path; after it, to the realm's account page; after a failed one, to a
 * page that offers to try again. The request cache is not used: the page has one entry point
 * per realm, and the provider's own chains share the session's saved-request slot.
 */
final class AccountRedirects implements AuthenticationEntryPoint, AuthenticationSuccessHandler,
		AuthenticationFailureHandler {

	private static final Logger log = LoggerFactory.getLogger(AccountRedirects.class);

	private final AccountBaseUrl base;

	AccountRedirects(AccountBaseUrl base) {
		this.base = Objects.requireNonNull(base, "base");
	}

	/**
	 * Absolute, to the base: the authorization request is kept in the session of the host that
	 * starts it, and the provider returns to the registered redirect URI on the base.
	 */
	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException authException) throws IOException {
		String realm = AccountPaths.realmOf(request).orElse(null);
		if (realm == null) {
			response.sendError(HttpServletResponse.SC_NOT_FOUND);
			return;
		}
		response.sendRedirect(this.base.login(realm));
	}

	@Override
	public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
			Authentication authentication) throws IOException {
		String realm = ((OAuth2AuthenticationToken) authentication).getAuthorizedClientRegistrationId();
		response.sendRedirect(request.getContextPath() + AccountPaths.path(realm, AccountPaths.ACCOUNT));
	}

	/**
	 * The error code goes to the log only: the page names no cause (an {@code error} returned to
	 * the redirect URI is attacker-controllable text, RFC 6749 section 4.1.2.1).
	 */
	@Override
	public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException exception) throws IOException {
		String realm = AccountPaths.realmOf(request).orElse(null);
		if (realm == null) {
			response.sendError(HttpServletResponse.SC_NOT_FOUND);
			return;
		}
		String code = (exception instanceof OAuth2AuthenticationException oauth2) ? oauth2.getError().getErrorCode()
				: exception.getClass().getSimpleName();
		log.info("Realm '{}': account page login did not complete: {}", realm, code);
		response.sendRedirect(request.getContextPath() + AccountPaths.path(realm, AccountPaths.FAILED));
	}

}
