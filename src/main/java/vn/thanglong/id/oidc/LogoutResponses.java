package vn.thanglong.id.oidc;

import java.io.IOException;
import java.io.Serializable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.authorization.oidc.authentication.OidcLogoutAuthenticationToken;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.authentication.logout.LogoutHandler;

import vn.thanglong.id.authn.LoginFacts;

/**
 * What the end-session endpoint does with a checked request (RP-Initiated Logout 1.0 sections
 * 2 and 3). A valid hint of the logged-in user ends the session (and its grants,
 * {@link SessionGrants}) at once. A request to be
 * confirmed is kept in the session and the user is sent to the realm's logout page, which asks;
 * with nobody logged in there is nothing to confirm. Then the browser goes to the registered
 * {@code post_logout_redirect_uri} with {@code state}, or to the realm's logout page, which
 * says the user is logged out.
 */
final class LogoutResponses implements AuthenticationSuccessHandler {

	/** The session attribute holding a {@link Pending} logout. */
	static final String PENDING = LogoutResponses.class.getName() + ".pending";

	private final LogoutHandler logout;

	private final Clock clock;

	LogoutResponses(Clock clock, LogoutHandler logout) {
		this.clock = Objects.requireNonNull(clock, "clock");
		this.logout = Objects.requireNonNull(logout, "logout");
	}

	@Override
	public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
			Authentication authentication) throws IOException {
		String realm = Issuers.realmOfPath(AuthorizationRequests.path(request)).orElseThrow();
		if (authentication instanceof LogoutConfirmationToken confirm) {
			String target = target(request, realm, confirm.postLogoutRedirectUri(), confirm.state());
			Authentication user = (Authentication) confirm.getPrincipal();
			if (LoginFacts.loggedInTo(user, realm)) {
				request.getSession().setAttribute(PENDING, new Pending(realm, user.getName(), this.clock.instant(),
						(confirm.clientName() != null) ? confirm.clientName() : confirm.clientId(), target));
				response.sendRedirect(logoutPage(request, realm));
				return;
			}
			response.sendRedirect(target);
			return;
		}
		OidcLogoutAuthenticationToken hinted = (OidcLogoutAuthenticationToken) authentication;
		if (hinted.isPrincipalAuthenticated()) {
			this.logout.logout(request, response, (Authentication) hinted.getPrincipal());
		}
		response.sendRedirect(target(request, realm, hinted.getPostLogoutRedirectUri(), hinted.getState()));
	}

	static String logoutPage(HttpServletRequest request, String realm) {
		return request.getContextPath() + Issuers.REALMS + realm + "/logout";
	}

	private static String target(HttpServletRequest request, String realm, @Nullable String postLogoutRedirectUri,
			@Nullable String state) {
		if (postLogoutRedirectUri == null) {
			return logoutPage(request, realm);
		}
		return (state != null) ? ClientRedirects.withQuery(postLogoutRedirectUri, Map.of("state", state))
				: postLogoutRedirectUri;
	}

	/**
	 * A logout the user has yet to confirm.
	 *
	 * @param realm the realm whose session it ends
	 * @param user the logged-in user who was asked
	 * @param askedAt when
	 * @param client the name of the agency system that asked, if any
	 * @param target where the browser goes afterwards, already checked
	 */
	record Pending(String realm, String user, Instant askedAt, @Nullable String client, String target)
			implements Serializable {

		/** How long the question stands: a logout left unanswered is not taken up later. */
		static final Duration VALID_FOR = Duration.ofMinutes(5);

		/** Whether it still stands for {@code user} of {@code realm} at {@code now}. */
		boolean standsFor(String realm, String user, Instant now) {
			return this.realm.equals(realm) && this.user.equals(user) && now.isBefore(this.askedAt.plus(VALID_FOR));
		}

	}

}
