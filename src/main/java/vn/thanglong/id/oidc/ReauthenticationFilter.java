package vn.thanglong.id.oidc;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import vn.thanglong.id.authn.LoginFacts;

/**
 * Decides, before the authorization endpoint, whether the current login may be used:
 * a login of another realm never counts; {@code prompt=login} and an exceeded
 * {@code max_age} (OIDC Core section 3.1.2.1) send the user to log in again. The request then
 * proceeds as if nobody were logged in, and the login page resumes it; a session marker
 * records when re-authentication was demanded, so the resumed request is satisfied by a
 * login newer than that, and only once.
 */
final class ReauthenticationFilter extends OncePerRequestFilter {

	static final String DEMANDED_AT = ReauthenticationFilter.class.getName() + ".demandedAt";

	private final Clock clock;

	ReauthenticationFilter(Clock clock) {
		this.clock = Objects.requireNonNull(clock, "clock");
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !AuthorizationRequests.isAuthorizationRequest(request);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Optional<String> realm = Issuers.realmOfPath(AuthorizationRequests.path(request));
		Authentication current = SecurityContextHolder.getContext().getAuthentication();
		Optional<LoginFacts> facts = (current != null) ? LoginFacts.of(current) : Optional.empty();
		if (facts.isPresent() && !facts.get().realm().equals(realm.orElse(""))) {
			facts = Optional.empty();
			actAnonymously();
		}
		Set<String> prompt = AuthorizationRequests.prompt(request);
		boolean demanded = prompt.contains("login") || maxAgeExceeded(request, facts);
		if (demanded && !prompt.contains("none")) {
			HttpSession session = request.getSession(true);
			Object demandedAt = session.getAttribute(DEMANDED_AT);
			if (facts.isPresent() && demandedAt instanceof Instant at && !facts.get().authTime().isBefore(at)) {
				session.removeAttribute(DEMANDED_AT);
			}
			else {
				session.setAttribute(DEMANDED_AT, this.clock.instant());
				actAnonymously();
			}
		}
		else if (demanded && facts.isPresent()) {
			// prompt=none with a login that is too old: login_required, through the entry point
			actAnonymously();
		}
		else if (!demanded && request.getSession(false) != null) {
			request.getSession(false).removeAttribute(DEMANDED_AT);
		}
		chain.doFilter(request, response);
	}

	private boolean maxAgeExceeded(HttpServletRequest request, Optional<LoginFacts> facts) {
		String maxAge = request.getParameter("max_age");
		if (maxAge == null || facts.isEmpty()) {
			return false;
		}
		try {
			long seconds = Long.parseLong(maxAge);
			// max_age=0 always asks for a fresh login (OIDC Core section 3.1.2.1)
			return seconds >= 0 && Duration.between(facts.get().authTime(), this.clock.instant()).getSeconds() >= seconds;
		}
		catch (NumberFormatException ex) {
			return false;
		}
	}

	private static void actAnonymously() {
		SecurityContextHolder.setContext(SecurityContextHolder.createEmptyContext());
	}

}
