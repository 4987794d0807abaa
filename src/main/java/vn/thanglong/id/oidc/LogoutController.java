package vn.thanglong.id.oidc;

import java.io.IOException;
import java.time.Clock;
import java.util.Locale;
import java.util.Objects;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;

import vn.thanglong.id.authn.LoginFacts;
import vn.thanglong.id.realm.RealmRegistry;

/**
 * The realm's logout page (RP-Initiated Logout 1.0 section 2: the OP asks the user whether to
 * log out). Someone logged in to the realm is asked, naming the agency system that sent them if
 * one did; the answer is a POST protected against cross-site requests, so a link or an image
 * elsewhere cannot end a session. Anyone else is told they are logged out.
 */
@Controller
final class LogoutController {

	private final RealmRegistry realms;

	private final Clock clock;

	private final SessionGrants logout;

	LogoutController(RealmRegistry realms, Clock clock, SessionGrants logout) {
		this.realms = Objects.requireNonNull(realms, "realms");
		this.clock = Objects.requireNonNull(clock, "clock");
		this.logout = Objects.requireNonNull(logout, "logout");
	}

	@GetMapping("/realms/{realm}/logout")
	String page(@PathVariable String realm, HttpServletRequest request, Model model, Locale locale) {
		model.addAttribute("realm", realm);
		model.addAttribute("realmName", this.realms.find(realm).map((r) -> r.displayName(locale.getLanguage()))
			.orElse(realm));
		model.addAttribute("action", LogoutResponses.logoutPage(request, realm));
		Authentication user = loggedInTo(realm);
		if (user == null) {
			return "account-logged-out";
		}
		LogoutResponses.Pending pending = pending(request, realm, user);
		model.addAttribute("client", (pending != null) ? pending.client() : null);
		return "logout";
	}

	@PostMapping("/realms/{realm}/logout")
	void confirm(@PathVariable String realm, HttpServletRequest request, HttpServletResponse response)
			throws IOException {
		Authentication user = loggedInTo(realm);
		LogoutResponses.Pending pending = (user != null) ? pending(request, realm, user) : null;
		if (user != null) {
			this.logout.logout(request, response, user);
		}
		else if (request.getSession(false) != null) {
			request.getSession(false).removeAttribute(LogoutResponses.PENDING);
		}
		// 303: the browser follows with a GET, never re-posting the form to the agency system
		response.setStatus(HttpServletResponse.SC_SEE_OTHER);
		response.setHeader("Location",
				(pending != null) ? pending.target() : LogoutResponses.logoutPage(request, realm));
	}

	private static @Nullable Authentication loggedInTo(String realm) {
		Authentication current = SecurityContextHolder.getContext().getAuthentication();
		return LoginFacts.loggedInTo(current, realm) ? current : null;
	}

	/** The logout this user of the realm was asked about, if it still stands. */
	private LogoutResponses.@Nullable Pending pending(HttpServletRequest request, String realm, Authentication user) {
		HttpSession session = request.getSession(false);
		Object pending = (session != null) ? session.getAttribute(LogoutResponses.PENDING) : null;
		return (pending instanceof LogoutResponses.Pending found
				&& found.standsFor(realm, user.getName(), this.clock.instant())) ? found : null;
	}

}
