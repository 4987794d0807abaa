package vn.thanglong.id.account;

import java.io.IOException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.web.authentication.logout.LogoutHandler;
import org.springframework.security.web.authentication.logout.LogoutSuccessHandler;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Logging out from the account page: the page forgets its own login and tokens (never the
 * provider's session directly: that is the provider's to end), then sends the browser to the
 * realm's end-session endpoint with the ID token as hint, which ends the provider's session and
 * returns to the registered post-logout redirect URI (RP-Initiated Logout 1.0 sections 2 and 3).
 * An expired ID token is still sent: the provider should accept it as a hint (section 2,
 * {@code id_token_hint}).
 */
final class AccountLogout implements LogoutHandler, LogoutSuccessHandler {

	private final AccountBaseUrl base;

	private final OAuth2AuthorizedClientRepository authorizedClients;

	private final SecureRandom random = new SecureRandom();

	AccountLogout(AccountBaseUrl base, OAuth2AuthorizedClientRepository authorizedClients) {
		this.base = Objects.requireNonNull(base, "base");
		this.authorizedClients = Objects.requireNonNull(authorizedClients, "authorizedClients");
	}

	/** Forgets the tokens of the page's realm; the login itself is cleared by the stock handler. */
	@Override
	public void logout(HttpServletRequest request, HttpServletResponse response,
			@Nullable Authentication authentication) {
		AccountPaths.realmOf(request).ifPresent((realm) -> {
			if (authentication != null) {
				this.authorizedClients.removeAuthorizedClient(realm, authentication, request, response);
			}
		});
	}

	@Override
	public void onLogoutSuccess(HttpServletRequest request, HttpServletResponse response,
			@Nullable Authentication authentication) throws IOException {
		String realm = AccountPaths.realmOf(request).orElse(null);
		if (realm == null) {
			response.sendError(HttpServletResponse.SC_NOT_FOUND);
			return;
		}
		// an expired ID token is still a valid hint, so only the realm is checked here
		Optional<OidcUser> user = (authentication != null) ? AccountRealmGuard.loginFor(authentication, realm)
				: Optional.empty();
		if (user.isEmpty()) {
			// no login of this realm here, hence no provider session of it in this browser either
			response.sendRedirect(request.getContextPath() + AccountPaths.path(realm, AccountPaths.LOGGED_OUT));
			return;
		}
		response.sendRedirect(endSessionRequest(realm, user.get().getIdToken().getTokenValue()));
	}

	/**
	 * A fresh random state goes with every request, as an agency system would send it. It is not
	 * checked on return: the logged-out page changes nothing and shows nothing personal, so a
	 * forged or replayed return gains nothing.
	 */
	String endSessionRequest(String realm, String idToken) {
		byte[] state = new byte[16];
		this.random.nextBytes(state);
		return UriComponentsBuilder
			.fromUriString(AccountClientRegistrations.endSessionEndpoint(this.base.issuer(realm)))
			.queryParam("id_token_hint", "{hint}")
			.queryParam("post_logout_redirect_uri", "{redirect}")
			.queryParam("state", "{state}")
			.encode()
			.buildAndExpand(Map.of("hint", idToken, "redirect", this.base.loggedOut(realm), "state",
					Base64.getUrlEncoder().withoutPadding().encodeToString(state)))
			.toUriString();
	}

}
