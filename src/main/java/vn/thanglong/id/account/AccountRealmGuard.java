package vn.thanglong.id.account;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Lets the account page of a realm see only a login made with that realm: a login of another
 * realm, or one whose ID token has expired, counts as no login, so the page starts a new
 * authorization request with its own realm. The expired case keeps the page honest: it shows
 * what the provider says now, and a provider session that ended elsewhere (another agency
 * system's logout, an idle timeout) is noticed within one ID token lifetime; while the
 * provider's session lasts, the new login is a silent round trip.
 */
final class AccountRealmGuard extends OncePerRequestFilter {

	private final Clock clock;

	private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();

	AccountRealmGuard(Clock clock) {
		this.clock = Objects.requireNonNull(clock, "clock");
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Authentication current = this.contexts.getContext().getAuthentication();
		if (current != null && loginFor(current, AccountPaths.realmOf(request).orElse(""))
			.filter((user) -> isCurrent(user, this.clock.instant()))
			.isEmpty()) {
			this.contexts.setContext(this.contexts.createEmptyContext());
		}
		chain.doFilter(request, response);
	}

	/** The account page's login with {@code realm}, if {@code authentication} is one. */
	static Optional<OidcUser> loginFor(Authentication authentication, String realm) {
		if (authentication instanceof OAuth2AuthenticationToken token
				&& realm.equals(token.getAuthorizedClientRegistrationId())
				&& token.getPrincipal() instanceof OidcUser user) {
			return Optional.of(user);
		}
		return Optional.empty();
	}

	static boolean isCurrent(OidcUser user, Instant now) {
		Instant expiresAt = user.getIdToken().getExpiresAt();
		return expiresAt == null || now.isBefore(expiresAt);
	}

}
