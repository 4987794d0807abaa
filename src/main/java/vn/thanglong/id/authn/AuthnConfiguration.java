package vn.thanglong.id.authn;

import java.io.IOException;
import java.time.Clock;
import java.util.Map;

import jakarta.servlet.FilterChain;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.core.Authentication;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AuthenticationFilter;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.csrf.CsrfAuthenticationStrategy;
import org.springframework.security.web.csrf.HttpSessionCsrfTokenRepository;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.savedrequest.NullRequestCache;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

import vn.thanglong.id.identity.UserAccounts;
import vn.thanglong.id.realm.ClientSecretHasher;
import vn.thanglong.id.realm.RealmPaths;

/** Wires password login and the pages around it. */
@Configuration(proxyBeanMethods = false)
class AuthnConfiguration {

	/**
	 * Argon2id at the OWASP parameters (19 MiB, 2 iterations, parallelism 1) for passwords, at
	 * most {@code idp.passwords.concurrent-hashes} at once (default: one per core); the
	 * {@code {sha256-salted}} form for client secrets.
	 */
	@Bean
	PasswordEncoder passwordEncoder(ClientSecretHasher clientSecretHasher,
			@Value("${idp.passwords.concurrent-hashes:0}") int concurrentHashes) {
		PasswordEncoder argon2 = new BoundedPasswordEncoder(new Argon2PasswordEncoder(16, 32, 1, 19 * 1024, 2),
				(concurrentHashes > 0) ? concurrentHashes : Runtime.getRuntime().availableProcessors());
		DelegatingPasswordEncoder encoder = new DelegatingPasswordEncoder("argon2",
				Map.of("argon2", argon2, ClientSecretHasher.ID, clientSecretHasher));
		return encoder;
	}

	/**
	 * No per-filter security observations: wrapping every filter of every request in an
	 * observation cost more CPU than issuing the token. HTTP request metrics stay.
	 */
	@Bean
	SecurityObservationSettings securityObservationSettings() {
		return SecurityObservationSettings.noObservations();
	}

	@Bean
	@Order(2)
	SecurityFilterChain pagesSecurityFilterChain(HttpSecurity http, UserAccounts users,
			PasswordEncoder passwordEncoder, Clock clock, JdbcClient jdbc) throws Exception {
		HttpSessionSecurityContextRepository contexts = new HttpSessionSecurityContextRepository();
		AuthenticationFilter login = new AuthenticationFilter(
				new ProviderManager(new RealmPasswordAuthenticationProvider(users, passwordEncoder, clock,
						new LoginThrottle(jdbc, clock))),
				AuthnConfiguration::convertLogin);
		RequestMatcher loginPost = PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, "/realms/*/login");
		login.setRequestMatcher(loginPost);
		login.setSecurityContextRepository(contexts);
		login.setSuccessHandler(new ResumeAfterLogin());
		login.setFailureHandler((request, response, exception) -> {
			String continuation = LoginContinuation.requested(request);
			// the same login page again, for the same request to resume
			redirect(response, request, "/realms/" + realmOf(request) + "/login?"
					+ ((exception instanceof LoginThrottledException) ? "throttled" : "error")
					+ ((continuation != null) ? "&" + LoginContinuation.PARAMETER + "=" + continuation : ""));
		});
		http.securityMatcher("/realms/*/login", "/realms/*/logout", "/consent", "/consent/**", "/", "/error", "/css/**", "/favicon.ico")
			.authorizeHttpRequests((authorize) -> authorize.requestMatchers("/consent", "/consent/**").authenticated()
				.anyRequest().permitAll())
			.securityContext((context) -> context.securityContextRepository(contexts))
			.addFilterAt(login, UsernamePasswordAuthenticationFilter.class)
			// nothing to resume after a login: the consent page is reached from an authorization request only
			.requestCache((cache) -> cache.requestCache(new NullRequestCache()))
			.exceptionHandling((exceptions) -> exceptions.authenticationEntryPoint((request, response, refused) -> {
				// the consent page without its login: the session ended while the page was open (or was never there)
				PageHeaders.sendErrorPage(request, response, "error.reason.session-ended");
			}))
			.headers((headers) -> headers.contentSecurityPolicy((csp) -> csp.policyDirectives(PageHeaders.POLICY))
				.referrerPolicy((referrer) -> referrer.policy(
						org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER)));
		return http.build();
	}

	/** Everything no other chain claims: health and metrics are open, the rest does not exist. */
	@Bean
	@Order(org.springframework.core.Ordered.LOWEST_PRECEDENCE)
	SecurityFilterChain fallbackSecurityFilterChain(HttpSecurity http) throws Exception {
		http.authorizeHttpRequests((authorize) -> authorize
			.requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info", "/actuator/prometheus")
			.permitAll()
			.anyRequest().denyAll())
			.csrf((csrf) -> csrf.disable())
			// nothing here is worth a session: no saved request, no cookie for a 404
			.requestCache((cache) -> cache.disable())
			.sessionManagement((sessions) -> sessions.sessionCreationPolicy(
					org.springframework.security.config.http.SessionCreationPolicy.NEVER))
			.exceptionHandling((exceptions) -> exceptions.authenticationEntryPoint((request, response, refused) -> {
				// as the README promises for every path that is no endpoint: 404 with a JSON error
				response.setStatus(HttpServletResponse.SC_NOT_FOUND);
				response.setContentType("application/json");
				response.setHeader("Cache-Control", "no-store");
				response.getOutputStream().write(
						"{\"error\":\"not_found\",\"error_description\":\"No such realm or endpoint.\"}"
							.getBytes(java.nio.charset.StandardCharsets.UTF_8));
			}));
		return http.build();
	}

	private static RealmPasswordToken convertLogin(HttpServletRequest request) {
		String username = request.getParameter("username");
		String password = request.getParameter("password");
		return new RealmPasswordToken(realmOf(request), (username != null) ? username.trim() : "",
				(password != null) ? password : "");
	}

	static String realmOf(HttpServletRequest request) {
		return RealmPaths.realmOf(request).orElse("");
	}

	/**
	 * Resumes the authorization request that led to the login, or opens the realm's account
	 * page, after noting the login among the session's ({@link SessionLogins}: its logout ends
	 * the grants made from it) and replacing the session's CSRF token. The request ends here: the login POST is not passed further down
	 * the chain. (The filter has already given the session a new identifier: session fixation.)
	 */
	static final class ResumeAfterLogin implements AuthenticationSuccessHandler {

		/** Every chain keeps its CSRF token in the session, as this repository does. */
		private final CsrfAuthenticationStrategy csrfTokens = new CsrfAuthenticationStrategy(
				new HttpSessionCsrfTokenRepository());

		@Override
		public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
				FilterChain chain, Authentication authentication) throws IOException {
			onAuthenticationSuccess(request, response, authentication);
		}

		@Override
		public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
				Authentication authentication) throws IOException {
			String realm = realmOf(request);
			// a form token handed out before the login (to someone else, perhaps) is good no longer
			this.csrfTokens.onAuthentication(authentication, request, response);
			SessionLogins.remember(request.getSession(), authentication);
			redirect(response, request, LoginContinuation.take(request, realm, LoginContinuation.requested(request))
				.orElse("/realms/" + realm + "/account"));
		}

	}

	private static void redirect(HttpServletResponse response, HttpServletRequest request, String path)
			throws IOException {
		response.sendRedirect(request.getContextPath() + path);
	}

}
