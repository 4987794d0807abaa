package vn.thanglong.id.oidc;

import java.io.IOException;
import java.util.Objects;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.web.servlet.i18n.SessionLocaleResolver;

import vn.thanglong.id.authn.LoginContinuation;
import vn.thanglong.id.authn.PageLocales;

/**
 * Sends a user without a session of this realm to the realm's login page, remembering the
 * authorization request (GET or POST) to resume afterwards. With {@code prompt=none} it
 * answers {@code login_required} to the client instead (OIDC Core section 3.1.2.6), but only
 * to a redirect URI registered for that client.
 */
final class RealmLoginEntryPoint implements AuthenticationEntryPoint {

	private final ClientRedirects redirects;

	RealmLoginEntryPoint(ClientRedirects redirects) {
		this.redirects = Objects.requireNonNull(redirects, "redirects");
	}

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException authException) throws IOException {
		String path = AuthorizationRequests.path(request);
		Optional<String> realm = Issuers.realmOfPath(path);
		if (realm.isEmpty()) {
			response.sendError(HttpServletResponse.SC_UNAUTHORIZED);
			return;
		}
		if (AuthorizationRequests.isAuthorizationRequest(request)) {
			if (AuthorizationRequests.prompt(request).contains("none")) {
				this.redirects.sendError(realm.get(), request, response, "login_required", "The user is not logged in.");
				return;
			}
			String continuation = LoginContinuation.remember(request, realm.get(), AuthorizationRequests.asGetPath(request));
			applyUiLocales(request);
			response.sendRedirect(request.getContextPath() + "/realms/" + realm.get() + "/login?"
					+ LoginContinuation.PARAMETER + "=" + continuation);
			return;
		}
		response.sendRedirect(request.getContextPath() + "/realms/" + realm.get() + "/login");
	}

	/** {@code ui_locales} (OIDC Core 3.1.2.1): the first language we speak becomes the session's. */
	private static void applyUiLocales(HttpServletRequest request) {
		PageLocales.spoken(request.getParameter("ui_locales"))
			.ifPresent((locale) -> request.getSession(true)
				.setAttribute(SessionLocaleResolver.LOCALE_SESSION_ATTRIBUTE_NAME, locale));
	}

}
