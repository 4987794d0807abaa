package vn.thanglong.id.session;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Ends a session once it is older than its absolute lifetime, however busy it has been (OWASP
 * ASVS 5.0 section 7.3: an idle timeout alone lets a session that is used every half hour live
 * for ever). The request then goes on without it: whoever asks for a login is asked again.
 * A session keeps its creation instant when its id changes at login, in memory and in Redis.
 */
final class SessionLifetimeFilter extends OncePerRequestFilter {

	private final Duration maxLifetime;

	private final Clock clock;

	SessionLifetimeFilter(Duration maxLifetime, Clock clock) {
		this.maxLifetime = Objects.requireNonNull(maxLifetime, "maxLifetime");
		this.clock = Objects.requireNonNull(clock, "clock");
		if (maxLifetime.isNegative() || maxLifetime.isZero()) {
			throw new IllegalArgumentException("idp.sessions.max-lifetime must be positive, not " + maxLifetime);
		}
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		HttpSession session = request.getSession(false);
		if (session != null) {
			try {
				if (this.clock.millis() - session.getCreationTime() >= this.maxLifetime.toMillis()) {
					session.invalidate();
				}
			}
			catch (IllegalStateException ex) {
				// invalidated meanwhile: nothing left to end
			}
		}
		chain.doFilter(request, response);
	}

}
