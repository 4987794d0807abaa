package vn.thanglong.id.account;

import java.time.Clock;

import org.springframework.boot.web.server.Ssl;
import org.springframework.boot.web.server.autoconfigure.ServerProperties;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.client.oidc.authentication.OidcIdTokenDecoderFactory;
import org.springframework.security.oauth2.client.oidc.authentication.OidcIdTokenValidator;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.web.HttpSessionOAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.jwt.JwtDecoderFactory;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.savedrequest.NullRequestCache;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.transaction.support.TransactionOperations;

import vn.thanglong.id.authn.PageHeaders;
import vn.thanglong.id.realm.ClientStore;
import vn.thanglong.id.realm.RealmRegistry;

/**
 * Wires the built-in account page of each realm: an OIDC client of its own realm (code flow
 * with PKCE against the realm's issuer, as any agency system would), registered with the realm
 * at start-up, with its own security chain.
 */
@Configuration(proxyBeanMethods = false)
class AccountConfiguration {

	/**
	 * The session attribute of the account page's login. The provider's own login lives under
	 * Spring Security's default attribute in the same session; a separate one keeps the page's
	 * login (an OIDC client's view of the user) from ever replacing or standing in for it.
	 */
	static final String ACCOUNT_CONTEXT_KEY = "TLID_ACCOUNT_CONTEXT";

	@Bean
	AccountBaseUrl accountBaseUrl(AccountProperties properties) {
		return new AccountBaseUrl(properties.publicBaseUrl());
	}

	@Bean
	AccountConsoleProvisioner accountConsoleProvisioner(RealmRegistry realms, ClientStore clients,
			AccountBaseUrl base, TransactionOperations transactions, ServerProperties server) {
		return new AccountConsoleProvisioner(realms, clients, base, transactions,
				Ssl.isEnabled(server.getSsl()) ? "https" : "http");
	}

	@Bean
	AccountViews accountViews(MessageSource messages) {
		return new AccountViews(messages);
	}

	/**
	 * The stock ID token checks (OIDC Core section 3.1.3.7) on the application's clock. The
	 * OAuth2 login configurer picks this factory up by its type.
	 */
	@Bean
	JwtDecoderFactory<ClientRegistration> accountIdTokenDecoderFactory(Clock clock) {
		OidcIdTokenDecoderFactory factory = new OidcIdTokenDecoderFactory();
		factory.setJwtValidatorFactory((registration) -> {
			JwtTimestampValidator timestamps = new JwtTimestampValidator();
			timestamps.setClock(clock);
			OidcIdTokenValidator idToken = new OidcIdTokenValidator(registration);
			idToken.setClock(clock);
			return JwtValidators.createDefaultWithValidators(timestamps, idToken);
		});
		return factory;
	}

	@Bean
	@Order(3)
	SecurityFilterChain accountSecurityFilterChain(HttpSecurity http, RealmRegistry realms, AccountBaseUrl base,
			Clock clock) throws Exception {
		HttpSessionSecurityContextRepository contexts = new HttpSessionSecurityContextRepository();
		contexts.setSpringSecurityContextKey(ACCOUNT_CONTEXT_KEY);
		// in the session, hence in Redis with several nodes; the stock default keeps them in one node's memory
		HttpSessionOAuth2AuthorizedClientRepository authorizedClients = new HttpSessionOAuth2AuthorizedClientRepository();
		AccountClientRegistrations registrations = new AccountClientRegistrations(realms, base);
		AccountRedirects redirects = new AccountRedirects(base);
		AccountLogout logout = new AccountLogout(base, authorizedClients);
		String account = "/realms/*" + AccountPaths.ACCOUNT;
		http.securityMatcher(account, account + "/**")
			.authorizeHttpRequests((authorize) -> authorize
				.requestMatchers("/realms/*" + AccountPaths.LOGIN, "/realms/*" + AccountPaths.CALLBACK,
						"/realms/*" + AccountPaths.LOGGED_OUT, "/realms/*" + AccountPaths.FAILED)
				.permitAll()
				.anyRequest().authenticated())
			.securityContext((context) -> context.securityContextRepository(contexts))
			.requestCache((cache) -> cache.requestCache(new NullRequestCache()))
			.oauth2Login((login) -> login.clientRegistrationRepository(registrations)
				.authorizedClientRepository(authorizedClients)
				.securityContextRepository(contexts)
				.authorizationEndpoint((endpoint) -> endpoint
					.authorizationRequestResolver(new AccountAuthorizationRequestResolver(registrations)))
				.loginProcessingUrl("/realms/*" + AccountPaths.CALLBACK)
				.successHandler(redirects)
				.failureHandler(redirects))
			.logout((out) -> out
				.logoutRequestMatcher(PathPatternRequestMatcher.withDefaults()
					.matcher(HttpMethod.POST, "/realms/*" + AccountPaths.LOGOUT))
				// the session also holds the provider's own login: only the provider ends that
				.invalidateHttpSession(false)
				.clearAuthentication(true)
				.addLogoutHandler(logout)
				.logoutSuccessHandler(logout))
			.addFilterBefore(new AccountRealmGuard(clock), AnonymousAuthenticationFilter.class)
			.exceptionHandling((exceptions) -> exceptions.authenticationEntryPoint(redirects))
			.headers((headers) -> headers.contentSecurityPolicy((csp) -> csp.policyDirectives(PageHeaders.POLICY))
				.referrerPolicy((referrer) -> referrer.policy(ReferrerPolicy.NO_REFERRER)));
		return http.build();
	}

}
