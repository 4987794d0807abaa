package vn.thanglong.id.oidc;

import java.io.IOException;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.authorization.context.AuthorizationServerContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.web.servlet.i18n.SessionLocaleResolver;
import org.springframework.web.util.UriComponentsBuilder;

import vn.thanglong.id.authn.LoginContinuation;
import vn.thanglong.id.realm.StoredClient;

/**
 * Sends a user without a session of this realm to the realm's login page, remembering the
 * authorization request (GET or POST) to resume afterwards. With {@code prompt=none} it
 * answers {@code login_required} to the client instead (OIDC Core section 3.1.2.6), but only
 * to a redirect URI registered for that client.
 */
final class RealmLoginEntryPoint implements AuthenticationEntryPoint {

	private final RealmRegisteredClientRepository clients;

	RealmLoginEntryPoint(RealmRegisteredClientRepository clients) {
		this.clients = Objects.requireNonNull(clients, "clients");
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
				Optional<String> redirect = registeredRedirectUri(realm.get(), request);
				if (redirect.isPresent()) {
					UriComponentsBuilder target = UriComponentsBuilder.fromUriString(redirect.get())
						.queryParam("error", "login_required")
						.queryParam("error_description", "{description}");
					if (request.getParameter("state") != null) {
						target.queryParam("state", "{state}");
					}
					target.queryParam("iss", "{iss}");
					response.sendRedirect(target.encode().buildAndExpand(java.util.Map.of(
							"description", "The user is not logged in.",
							"state", Objects.requireNonNullElse(request.getParameter("state"), ""),
							"iss", AuthorizationServerContextHolder.getContext().getIssuer())).toUriString());
					return;
				}
				response.sendError(HttpServletResponse.SC_BAD_REQUEST);
				return;
			}
			LoginContinuation.remember(request, realm.get(), AuthorizationRequests.asGetPath(request));
			applyUiLocales(request);
		}
		response.sendRedirect(request.getContextPath() + "/realms/" + realm.get() + "/login");
	}

	private Optional<String> registeredRedirectUri(String realm, HttpServletRequest request) {
		String clientId = request.getParameter("client_id");
		String redirectUri = request.getParameter("redirect_uri");
		if (clientId == null) {
			return Optional.empty();
		}
		Optional<StoredClient> client = this.clients.findStored(realm, clientId);
		if (client.isEmpty()) {
			return Optional.empty();
		}
		var registered = client.get().definition().redirectUris();
		if (redirectUri == null) {
			return (registered.size() == 1) ? Optional.of(registered.get(0)) : Optional.empty();
		}
		return registered.contains(redirectUri) ? Optional.of(redirectUri) : Optional.empty();
	}

	/** {@code ui_locales} (OIDC Core 3.1.2.1): the first language we speak becomes the page language. */
	private static void applyUiLocales(HttpServletRequest request) {
		String uiLocales = request.getParameter("ui_locales");
		if (uiLocales == null) {
			return;
		}
		for (String tag : uiLocales.split(" ")) {
			String language = Locale.forLanguageTag(tag).getLanguage();
			if ("vi".equals(language) || "en".equals(language)) {
				request.getSession(true).setAttribute(SessionLocaleResolver.LOCALE_SESSION_ATTRIBUTE_NAME,
						Locale.forLanguageTag(language));
				return;
			}
		}
	}

}
