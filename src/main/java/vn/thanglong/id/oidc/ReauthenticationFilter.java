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
import com.nimbusds.jwt.JWTClaimsSet;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.context.AuthorizationServerContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import vn.thanglong.id.authn.LoginFacts;

/**
 * Decides, before the authorization endpoint, whether the current login may be used:
 * a login of another realm never counts; {@code prompt=login} and an exceeded
 * {@code max_age} (OIDC Core section 3.1.2.1) send the user to log in again. The request then
 * proceeds as if nobody were logged in, and the login page resumes it; a session marker
 * records when re-authentication was demanded, so the resumed request is satisfied by a
 * login newer than that, and only once.
 * <p>
 * A request may name its user: by an {@code id_token_hint} (section 3.1.2.1) or by the
 * {@code sub} value (or values) of the {@code claims} parameter (section 5.5.1). It is answered
 * only for that user. Someone else logged in must log in again, or with {@code prompt=none} the client
 * gets {@code login_required}; and when the login this request asked for is someone else's
 * too, the client gets {@code login_required} rather than that person's tokens. A hint that is
 * no ID token of this realm issued to the client is {@code invalid_request}. An essential
 * {@code acr} (section 5.5.1.1) that no login here reaches is a failed authentication:
 * {@code unmet_authentication_requirements} (OpenID Connect Unmet Authentication
 * Requirements 1.0).
 */
final class ReauthenticationFilter extends OncePerRequestFilter {

	static final String DEMANDED_AT = ReauthenticationFilter.class.getName() + ".demandedAt";

	private final Clock clock;

	private final RealmRegisteredClientRepository clients;

	private final Subjects subjects;

	private final IdTokenHints hints;

	private final ClientRedirects redirects;

	ReauthenticationFilter(Clock clock, RealmRegisteredClientRepository clients, Subjects subjects, IdTokenHints hints,
			ClientRedirects redirects) {
		this.clock = Objects.requireNonNull(clock, "clock");
		this.clients = Objects.requireNonNull(clients, "clients");
		this.subjects = Objects.requireNonNull(subjects, "subjects");
		this.hints = Objects.requireNonNull(hints, "hints");
		this.redirects = Objects.requireNonNull(redirects, "redirects");
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !AuthorizationRequests.isAuthorizationRequest(request);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String realm = Issuers.realmOfPath(AuthorizationRequests.path(request)).orElse("");
		Authentication current = SecurityContextHolder.getContext().getAuthentication();
		Optional<LoginFacts> facts = (current != null) ? LoginFacts.of(current) : Optional.empty();
		if (facts.isPresent() && !facts.get().realm().equals(realm)) {
			facts = Optional.empty();
			actAnonymously();
		}
		RegisteredClient client = clientOf(request);
		if (client == null) {
			// the endpoint answers an unknown client with its error page
			chain.doFilter(request, response);
			return;
		}
		ClaimsRequest claims = ClaimsRequest.parse(request.getParameter(ClaimsRequest.PARAMETER))
			.orElse(ClaimsRequest.NONE);
		if (claims.essentialAcr() != null && !claims.essentialAcr().contains(LoginFacts.ACR_LOW)) {
			this.redirects.sendError(realm, request, response, "unmet_authentication_requirements",
					"No login here reaches the essential acr values requested; this provider offers "
							+ LoginFacts.ACR_LOW + ".");
			return;
		}
		Named named = named(realm, request, client, claims);
		if (named.problem() != null) {
			this.redirects.sendError(realm, request, response, "invalid_request", named.problem());
			return;
		}
		boolean otherUser = named.subjects() != null && facts.isPresent()
				&& !named.subjects().contains(this.subjects.of(client, facts.get().personId()));
		Set<String> prompt = AuthorizationRequests.prompt(request);
		// a request that names its user and finds nobody logged in asks for a login too, so that the
		// login it leads to is known as this request's own
		boolean demanded = prompt.contains("login") || maxAgeExceeded(request, facts) || otherUser
				|| (named.subjects() != null && facts.isEmpty());
		if (demanded && !prompt.contains("none")) {
			HttpSession session = request.getSession(true);
			Object demandedAt = session.getAttribute(DEMANDED_AT);
			if (facts.isPresent() && demandedAt instanceof Instant at && !facts.get().authTime().isBefore(at)) {
				session.removeAttribute(DEMANDED_AT);
				if (otherUser) {
					// logged in by this request, as someone else than the request names (section 3.1.2.1)
					this.redirects.sendError(realm, request, response, "login_required",
							"The user who logged in is not the one this request is for.");
					return;
				}
			}
			else {
				session.setAttribute(DEMANDED_AT, this.clock.instant());
				actAnonymously();
			}
		}
		else if (demanded && facts.isPresent()) {
			// prompt=none with a login that is too old or someone else's: login_required, through the entry point
			actAnonymously();
		}
		else if (!demanded && request.getSession(false) != null) {
			request.getSession(false).removeAttribute(DEMANDED_AT);
		}
		chain.doFilter(request, response);
	}

	private @Nullable RegisteredClient clientOf(HttpServletRequest request) {
		String clientId = request.getParameter("client_id");
		return (clientId != null && !clientId.isEmpty()) ? this.clients.findByClientId(clientId) : null;
	}

	/** The subjects the request may be for (one of them), as the client knows them, or a problem with how it names them. */
	private record Named(@Nullable Set<String> subjects, @Nullable String problem) {
	}

	private Named named(String realm, HttpServletRequest request, RegisteredClient client, ClaimsRequest claims) {
		Set<String> subjects = claims.subjects();
		String hint = request.getParameter("id_token_hint");
		if (hint != null && !hint.isEmpty()) {
			String issuer = AuthorizationServerContextHolder.getContext().getIssuer();
			Optional<JWTClaimsSet> verified = this.hints.verify(realm, issuer, hint)
				.filter((token) -> token.getAudience().contains(client.getClientId()));
			if (verified.isEmpty()) {
				return new Named(null, "id_token_hint is not an ID token this realm issued to the client.");
			}
			if (subjects != null && !subjects.contains(verified.get().getSubject())) {
				return new Named(null, "id_token_hint and the claims parameter name different users.");
			}
			subjects = Set.of(verified.get().getSubject());
		}
		return new Named(subjects, null);
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
