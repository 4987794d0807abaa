package vn.thanglong.id.oidc;

import java.security.Principal;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.web.authentication.logout.LogoutHandler;
import org.springframework.security.web.authentication.logout.SecurityContextLogoutHandler;

import vn.thanglong.id.authn.LoginFacts;
import vn.thanglong.id.authn.SessionLogins;

/**
 * Logging out ends the session and the grants its logins made: every authorization (code,
 * access token, refresh token) whose user logged in through this browser session
 * ({@link SessionLogins}, also as another person at the same computer) is revoked, unless it was granted {@code offline_access}, which
 * exists to outlive the login (OIDC Core section 11; Back-Channel Logout 1.0 section 2.7:
 * refresh tokens without it should be revoked, with it should not). Agency systems that hold
 * a refresh token of the session then get {@code invalid_grant} and send the user to log in,
 * instead of carrying on as the person who left the computer. Grants of the same person made in
 * another browser stay.
 * <p>
 * Then the stock handler clears the login and invalidates the session.
 */
final class SessionGrants implements LogoutHandler {

	private static final Logger log = LoggerFactory.getLogger(SessionGrants.class);

	private final JdbcClient jdbc;

	private final OAuth2AuthorizationService authorizations;

	private final SecurityContextLogoutHandler session = new SecurityContextLogoutHandler();

	SessionGrants(JdbcClient jdbc, OAuth2AuthorizationService authorizations) {
		this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
		this.authorizations = Objects.requireNonNull(authorizations, "authorizations");
	}

	@Override
	public void logout(HttpServletRequest request, HttpServletResponse response,
			@Nullable Authentication authentication) {
		Optional<LoginFacts> login = (authentication != null) ? LoginFacts.of(authentication) : Optional.empty();
		if (login.isPresent()) {
			Set<String> logins = SessionLogins.of(request.getSession(false), authentication);
			revokeGrantsOf(logins, SessionLogins.personsIn(logins, login.get().realm()));
		}
		this.session.logout(request, response, authentication);
	}

	/**
	 * Revokes the grants of {@code persons} made by one of {@code logins}, but for offline ones:
	 * of everyone this browser logged in as in the realm, not only of the one logged in last.
	 */
	private void revokeGrantsOf(Set<String> logins, Set<String> persons) {
		int revoked = 0;
		for (String person : persons) {
			for (String id : this.jdbc.sql("select id from oauth2_authorization where principal_name = ?")
				.param(person)
				.query(String.class)
				.list()) {
				OAuth2Authorization grant = this.authorizations.findById(id);
				if (grant != null && ofOneOf(grant, logins)
						&& !grant.getAuthorizedScopes().contains(ConsentPolicy.OFFLINE_ACCESS)) {
					this.authorizations.remove(grant);
					revoked++;
				}
			}
		}
		if (revoked > 0) {
			log.info("Logout revoked {} grants of the session", revoked);
		}
	}

	private static boolean ofOneOf(OAuth2Authorization grant, Set<String> logins) {
		Principal principal = grant.getAttribute(Principal.class.getName());
		return principal instanceof Authentication user && SessionLogins.isOneOf(logins, user);
	}

}
