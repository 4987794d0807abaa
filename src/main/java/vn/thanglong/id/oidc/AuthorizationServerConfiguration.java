package vn.thanglong.id.oidc;

import java.time.Clock;
import java.time.Duration;
import java.util.Set;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import jakarta.servlet.DispatcherType;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.web.servlet.ServletContextInitializer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionOperations;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.session.SessionRegistry;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.oauth2.server.authorization.JdbcOAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.authentication.ClientSecretAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationConsentAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2TokenIntrospectionAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2TokenRevocationAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.JwtClientAssertionAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.context.AuthorizationServerContextHolder;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.DelegatingOAuth2TokenGenerator;
import org.springframework.security.oauth2.server.authorization.token.JwtGenerator;
import org.springframework.security.oauth2.server.authorization.token.OAuth2AccessTokenGenerator;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenGenerator;
import org.springframework.security.oauth2.server.resource.BearerTokenErrors;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.logout.LogoutFilter;
import org.springframework.security.web.authentication.preauth.AbstractPreAuthenticatedProcessingFilter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;

import vn.thanglong.id.identity.PersonClaims;
import vn.thanglong.id.identity.SubjectIdentifiers;
import vn.thanglong.id.identity.UserAccounts;
import vn.thanglong.id.keys.KeyRing;
import vn.thanglong.id.keys.RealmSecrets;
import vn.thanglong.id.realm.ClientSecretHasher;
import vn.thanglong.id.realm.ClientStore;
import vn.thanglong.id.realm.RealmRegistry;

/**
 * The authorization server: one issuer per realm ({@code {base}/realms/{realm}}), every
 * endpoint below it, configured through the stock configurer and extended through its hooks.
 */
@Configuration(proxyBeanMethods = false)
class AuthorizationServerConfiguration {

	@Bean
	@Order(1)
	SecurityFilterChain authorizationServerSecurityFilterChain(HttpSecurity http,
			RealmRegisteredClientRepository clients, OAuth2AuthorizationService authorizations,
			OAuth2AuthorizationConsentService consents, RealmKeySources keySources, UserAccounts users, Clock clock,
			ClientSecretHasher clientSecrets, KeyRing keyRing, JdbcClient jdbcClient, Subjects subjects, PersonClaims personClaims,
			ActingOrganizations organizations, AuthorizationServerSettings settings, OAuth2TokenGenerator<?> tokens,
			SessionGrants sessionGrants)
			throws Exception {
		OAuth2ErrorResponder errors = new OAuth2ErrorResponder();
		UserInfoErrorResponder userInfoErrors = new UserInfoErrorResponder();
		ClientAssertionDecoders assertionDecoders = new ClientAssertionDecoders(jdbcClient, clock);
		ClientRedirects redirects = new ClientRedirects(clients);
		DefaultBearerTokenResolver headerOnly = new DefaultBearerTokenResolver();
		DefaultBearerTokenResolver headerOrBody = new DefaultBearerTokenResolver();
		// RFC 6750 section 2.2: userinfo also accepts the token in a form-encoded body; at the token,
		// introspection and revocation endpoints an access_token parameter is no credential (and
		// RFC 6749 section 3.2 says unknown parameters are ignored)
		headerOrBody.setAllowFormEncodedBodyParameter(true);
		BearerTokenResolver bearer = (request) -> {
			if (request.getHeader("Authorization") != null
					&& !TokenEndpointFastLane.single(request.getHeaders("Authorization"))) {
				// RFC 9110 section 11.6.2: one Authorization field; the resolver would read the first only
				throw new OAuth2AuthenticationException(BearerTokenErrors.invalidRequest("Send one Authorization header."));
			}
			if (!AuthorizationRequests.path(request).endsWith("/userinfo")) {
				return headerOnly.resolve(request);
			}
			if (AuthorizationRequests.queryNamesAny(request.getQueryString(), Set.of("access_token"))) {
				// RFC 6750 section 2.3 is not offered (the token would be in logs and history): said, not ignored,
				// alone or next to another token
				throw new OAuth2AuthenticationException(BearerTokenErrors.invalidRequest(
						"Send the access token in the Authorization header or a form-encoded body, not in the URL."));
			}
			return headerOrBody.resolve(request);
		};
		http.securityMatcher("/realms/*/oauth2/**", "/realms/*/userinfo", "/realms/*/connect/**",
				"/realms/*/.well-known/**", "/.well-known/**")
			.oauth2AuthorizationServer((server) -> server
			.registeredClientRepository(clients)
			.authorizationService(authorizations)
			.authorizationConsentService(consents)
			.authorizationServerSettings(settings)
			.tokenGenerator(tokens)
			.authorizationEndpoint((endpoint) -> endpoint.consentPage("/consent")
				.authenticationProviders((providers) -> providers.forEach((provider) -> {
					if (provider instanceof OAuth2AuthorizationCodeRequestAuthenticationProvider requests) {
						requests.setAuthorizationConsentRequired(new ConsentPolicy(organizations));
					}
					if (provider instanceof OAuth2AuthorizationConsentAuthenticationProvider consent) {
						consent.setAuthorizationConsentCustomizer(organizations::onConsent);
					}
				}))
				.authorizationResponseHandler(AuthorizationResponses.success())
				.errorResponseHandler(AuthorizationResponses.failure()))
			.clientAuthentication((authentication) -> authentication.errorResponseHandler(errors)
				.authenticationConverter(new NamedPublicClientConverter())
				.authenticationProviders((providers) -> {
					providers.forEach((provider) -> {
						if (provider instanceof ClientSecretAuthenticationProvider secrets) {
							secrets.setPasswordEncoder(clientSecrets);
						}
						if (provider instanceof JwtClientAssertionAuthenticationProvider assertions) {
							assertions.setJwtDecoderFactory(assertionDecoders);
						}
					});
					// before the stock public-client provider, which would demand a code_verifier
					providers.add(0, new NamedPublicClientProvider(clients));
				}))
			.tokenEndpoint((endpoint) -> endpoint.errorResponseHandler(errors)
				.accessTokenResponseHandler(new TokenResponses()))
			.tokenIntrospectionEndpoint((endpoint) -> endpoint.errorResponseHandler(errors)
				.authenticationProviders((providers) -> providers.replaceAll(
						(provider) -> (provider instanceof OAuth2TokenIntrospectionAuthenticationProvider)
								? new PermittedIntrospectionProvider(provider) : provider)))
			.tokenRevocationEndpoint((endpoint) -> endpoint.errorResponseHandler(errors)
				.authenticationProviders((providers) -> providers.replaceAll(
						(provider) -> (provider instanceof OAuth2TokenRevocationAuthenticationProvider)
								? new OwnTokenRevocationProvider(provider) : provider)))
			.authorizationServerMetadataEndpoint((metadata) -> metadata
				.authorizationServerMetadataCustomizer((builder) -> builder.claims(ProviderMetadata::adjust)))
			.oidc((oidc) -> oidc
				.providerConfigurationEndpoint((configuration) -> configuration
					.providerConfigurationCustomizer((builder) -> builder.claims(ProviderMetadata::adjust)))
				.logoutEndpoint((logout) -> logout
					.logoutRequestConverters((converters) -> {
						converters.clear();
						converters.add(new LogoutRequestConverter());
					})
					.authenticationProviders((providers) -> {
						providers.clear();
						providers.add(new RpInitiatedLogoutProvider(keyRing, clients, subjects));
					})
					.logoutResponseHandler(new LogoutResponses(clock, sessionGrants))
					.errorResponseHandler(LogoutRefusal.page()))
				.userInfoEndpoint((userInfo) -> userInfo.userInfoMapper(new UserInfoMapper(users, subjects, clients, personClaims, organizations))
					.errorResponseHandler(userInfoErrors))))
			.authorizeHttpRequests((authorize) -> authorize.anyRequest().authenticated())
			// before the endpoints (the end-session one sits before LogoutFilter): a POST without the session
			.addFilterBefore(new SessionlessPostFilter(), LogoutFilter.class)
			.addFilterBefore(new ConsentCsrfFilter(), AbstractPreAuthenticatedProcessingFilter.class)
			.addFilterBefore(new AuthorizationRequestPrecheckFilter(redirects), AbstractPreAuthenticatedProcessingFilter.class)
			.addFilterBefore(new ReauthenticationFilter(clock, clients, subjects, new IdTokenHints(keyRing), redirects),
					AbstractPreAuthenticatedProcessingFilter.class)
			.addFilterBefore(new ClientAuthenticationPrecheckFilter(clients, clientSecrets), AbstractPreAuthenticatedProcessingFilter.class)
			// the login and consent pages resume authorization requests from the session themselves
			.requestCache((cache) -> cache.disable())
			.exceptionHandling((exceptions) -> exceptions
				.defaultAuthenticationEntryPointFor(new RealmLoginEntryPoint(redirects),
						PathPatternRequestMatcher.withDefaults().matcher("/realms/*/oauth2/authorize"))
				.defaultAuthenticationEntryPointFor(userInfoErrors,
						PathPatternRequestMatcher.withDefaults().matcher("/realms/*/userinfo"))
				.defaultAuthenticationEntryPointFor(ProtocolEntryPoints.clientEndpoints(), AnyRequestMatcher.INSTANCE))
			.oauth2ResourceServer((resourceServer) -> resourceServer.bearerTokenResolver(bearer)
				// an unusable token at userinfo: the same fixed challenge as a revoked one, never the decoder's message
				.authenticationEntryPoint(userInfoErrors::onAuthenticationFailure)
				// RFC 9728 metadata: one document per realm, served by RealmPathFilter before this chain
				// (the stock one describes the host as a whole and names no authorization server)
				.jwt((jwt) -> jwt.decoder(realmJwtDecoder(keySources))));
		return http.build();
	}

	/** One issuer per realm, resolved from the request path. */
	@Bean
	AuthorizationServerSettings authorizationServerSettings() {
		return AuthorizationServerSettings.builder().multipleIssuersAllowed(true).build();
	}

	/**
	 * As the configurer would build it from the encoder and the customizer: JWT access and ID
	 * tokens, opaque access tokens for clients registered for them, and refresh tokens, which
	 * public clients get too ({@link RotatingRefreshTokens}). A bean so
	 * that {@link TokenEndpointFastLane} issues with the very same generator.
	 */
	@Bean
	OAuth2TokenGenerator<?> tokenGenerator(JwtEncoder encoder, OAuth2TokenCustomizer<JwtEncodingContext> customizer,
			Clock clock) {
		JwtGenerator jwt = new JwtGenerator(encoder);
		jwt.setJwtCustomizer(customizer);
		return new DelegatingOAuth2TokenGenerator(jwt, new OAuth2AccessTokenGenerator(), new RotatingRefreshTokens(clock));
	}

	/** Tomcat's own error reports (before any servlet runs) in JSON, as ContainerErrorReports says. */
	@Bean
	org.springframework.boot.web.server.WebServerFactoryCustomizer<org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory> containerErrorReports() {
		return (factory) -> factory.addContextCustomizers((context) -> {
			if (context.getParent() instanceof org.apache.catalina.core.StandardHost host) {
				host.setErrorReportValveClass(ContainerErrorReports.class.getName());
			}
		});
	}

	/**
	 * {@code Expect: 100-continue} (RFC 9110 section 10.1.1) is answered with 100 only when the
	 * request's body is first read, not as soon as its headers arrive: a request refused on its
	 * headers alone (a body too large, no credentials) is not invited to upload the body first.
	 */
	@Bean
	org.springframework.boot.web.server.WebServerFactoryCustomizer<org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory> continueOnlyWhenRead() {
		return (factory) -> factory.addConnectorCustomizers(
				(connector) -> connector.setProperty("continueResponseTiming", "onRead"));
	}

	@Bean
	BrowserOrigins browserOrigins(ClientStore clients, Clock clock) {
		return new BrowserOrigins(clients, clock);
	}

	@Bean
	FilterRegistrationBean<CrossOriginFilter> crossOriginFilter(RealmRegistry realms, BrowserOrigins origins) {
		FilterRegistrationBean<CrossOriginFilter> registration = new FilterRegistrationBean<>(
				new CrossOriginFilter(realms, origins));
		// before the realm's path and methods are checked: a preflight is an OPTIONS request
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 5);
		return registration;
	}

	@Bean
	FilterRegistrationBean<TokenEndpointFastLane> tokenEndpointFastLane(AuthorizationServerSettings settings,
			RealmRegisteredClientRepository clients, OAuth2AuthorizationService authorizations,
			ClientSecretHasher clientSecrets, OAuth2TokenGenerator<?> tokens) {
		FilterRegistrationBean<TokenEndpointFastLane> registration = new FilterRegistrationBean<>(
				new TokenEndpointFastLane(settings, clients, authorizations, clientSecrets, tokens,
						new TokenResponses(), new OAuth2ErrorResponder()));
		// after the realm's path is checked, before sessions and the security filter chain
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 30);
		return registration;
	}

	@Bean
	RealmRegisteredClientRepository registeredClientRepository(ClientStore clients, RealmRegistry realms) {
		return new RealmRegisteredClientRepository(clients, realms);
	}

	@Bean
	OAuth2AuthorizationService authorizationService(JdbcOperations jdbc, JdbcClient jdbcClient,
			RealmRegisteredClientRepository clients, Clock clock, TransactionOperations transactions,
			SelfContainedAccessTokens selfContained, @Value("${spring.datasource.url:}") String databaseUrl,
			@Value("${idp.authorizations.relaxed-commit:true}") boolean relaxedCommit,
			@Value("${idp.authorizations.jwt-claims-in-rows:false}") boolean jwtClaimsInRows) {
		return new ReuseDetectingAuthorizationService(
				new AuthorizationRows(jdbc, clients, jwtClaimsInRows),
				jdbcClient, clock, clients::realmOfClient, transactions, databaseUrl.startsWith("jdbc:postgresql:"),
				relaxedCommit, selfContained);
	}

	/** The {@code sid} of ID tokens is the login's, not a registered session's ({@link NoSessionRegistry}). */
	@Bean
	SessionRegistry sessionRegistry() {
		return new NoSessionRegistry();
	}

	@Bean
	SessionGrants sessionGrants(JdbcClient jdbc, OAuth2AuthorizationService authorizations) {
		return new SessionGrants(jdbc, authorizations);
	}

	@Bean
	SelfContainedAccessTokens selfContainedAccessTokens(RevokedAccessTokens revocations, RealmKeySources keySources,
			RealmRegisteredClientRepository clients, Clock clock) {
		return new SelfContainedAccessTokens(revocations, keySources, clients, clock);
	}

	/** Also the {@link AccessTokenRevocations} the provider's own resource servers ask. */
	@Bean
	RevokedAccessTokens revokedAccessTokens(JdbcClient jdbc, Clock clock,
			@Value("${idp.revocations.refresh-interval:PT1S}") Duration interval) {
		// five missed looks in a row: the memory is no longer trusted until a look succeeds; a full
		// read about once a minute bounds what a revocation seen too late could slip past
		return new RevokedAccessTokens(jdbc, clock, interval.multipliedBy(5), 60);
	}

	/** How the admin API and SCIM authenticate their callers. */
	@Bean
	RealmBearerTokens realmBearerTokens(RealmKeySources keySources, RealmRegistry realms,
			AccessTokenRevocations revocations, ClientStore clients,
			@Value("${idp.public-base-url:}") String publicBaseUrl) {
		return new RealmBearerTokens(keySources, realms, revocations, clients, publicBaseUrl);
	}

	@Bean
	AuthorizationPurge authorizationPurge(JdbcClient jdbc, Clock clock,
			@Value("${idp.authorizations.purge-grace:PT1H}") Duration grace) {
		return new AuthorizationPurge(jdbc, clock, grace);
	}

	@Bean
	OAuth2AuthorizationConsentService authorizationConsentService(JdbcOperations jdbc,
			RegisteredClientRepository clients) {
		return new JdbcOAuth2AuthorizationConsentService(jdbc, clients);
	}

	@Bean
	RealmKeySources realmKeySources(KeyRing keyRing) {
		return new RealmKeySources(keyRing);
	}

	/** Published keys; the configurer builds the JWKS endpoint from this bean. */
	@Bean
	JWKSource<SecurityContext> jwkSource(RealmKeySources keySources) {
		return keySources.published();
	}

	/** Signs with the realm's active key of the algorithm the token asks for. */
	@Bean
	JwtEncoder jwtEncoder(RealmKeySources keySources) {
		return new NimbusJwtEncoder(keySources.signing());
	}

	/** Pairwise subjects derive from {@code {keys}/{realm}/pairwise-subject.key}, shared by every node. */
	@Bean
	Subjects subjects(RealmSecrets secrets) {
		return new Subjects(new SubjectIdentifiers((realm) -> secrets.secret(realm, "pairwise-subject")));
	}

	@Bean
	OAuth2TokenCustomizer<JwtEncodingContext> tokenClaimsCustomizer(Subjects subjects, PersonClaims personClaims,
			ActingOrganizations organizations, UserAccounts users) {
		return new TokenClaimsCustomizer(subjects, personClaims, organizations, users);
	}

	@Bean
	ActingOrganizations actingOrganizations(PersonClaims personClaims, OAuth2AuthorizationConsentService consents) {
		return new ActingOrganizations(personClaims, consents);
	}

	@Bean
	FilterRegistrationBean<RealmPathFilter> realmPathFilter(RealmRegistry realms, KeyRing keys) {
		FilterRegistrationBean<RealmPathFilter> registration = new FilterRegistrationBean<>(
				new RealmPathFilter(realms, keys));
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
		return registration;
	}

	/**
	 * Refuses to start when a client asks for ID tokens signed with an algorithm its realm has
	 * no active key for: otherwise the first login of that client would fail.
	 */
	@Bean
	SmartInitializingSingleton signingKeyCoverage(RealmRegistry realms, KeyRing keys) {
		return () -> realms.names().forEach((realm) -> realms.find(realm).orElseThrow().clients().forEach((client) -> {
			String alg = client.definition().idTokenSignedResponseAlg();
			if (keys.activeKey(realm, alg).isEmpty()) {
				throw new vn.thanglong.id.keys.KeyLoadingException("realm '" + realm + "': client '"
						+ client.definition().clientId() + "' wants " + alg + " ID tokens, but the realm has no active "
						+ alg + " key");
			}
		}));
	}

	@Bean
	FilterRegistrationBean<AcceptLanguageFilter> acceptLanguageFilter() {
		FilterRegistrationBean<AcceptLanguageFilter> registration = new FilterRegistrationBean<>(
				new AcceptLanguageFilter());
		// before anything asks for the request's locale, error pages included
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
		registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ERROR, DispatcherType.ASYNC);
		return registration;
	}

	@Bean
	FilterRegistrationBean<RequestBodyLimitFilter> requestBodyLimitFilter() {
		FilterRegistrationBean<RequestBodyLimitFilter> registration = new FilterRegistrationBean<>(
				new RequestBodyLimitFilter());
		// before anything reads a body
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 7);
		return registration;
	}

	@Bean
	FilterRegistrationBean<NulParameterFilter> nulParameterFilter() {
		FilterRegistrationBean<NulParameterFilter> registration = new FilterRegistrationBean<>(new NulParameterFilter());
		// before the fast lane and every endpoint that could look a value up
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 8);
		return registration;
	}

	@Bean
	FilterRegistrationBean<MetadataCacheFilter> metadataCacheFilter() {
		FilterRegistrationBean<MetadataCacheFilter> registration = new FilterRegistrationBean<>(new MetadataCacheFilter());
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
		return registration;
	}

	@Bean
	@ConditionalOnExpression("'${idp.public-base-url:}' != ''")
	FilterRegistrationBean<PublicBaseUrlFilter> publicBaseUrlFilter(@Value("${idp.public-base-url}") String baseUrl) {
		FilterRegistrationBean<PublicBaseUrlFilter> registration = new FilterRegistrationBean<>(
				new PublicBaseUrlFilter(baseUrl));
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
		return registration;
	}

	/**
	 * The container marks its session cookie Secure from the connection it was reached on (the load
	 * balancer's http hop), not from the wrapped request: behind an https public base URL, always.
	 */
	@Bean
	@ConditionalOnExpression("'${idp.public-base-url:}'.startsWith('https:')")
	ServletContextInitializer secureSessionCookieBehindTls() {
		return (servletContext) -> servletContext.getSessionCookieConfig().setSecure(true);
	}

	/** Bearer tokens at userinfo: signed by the realm being called, issued by it, not expired. */
	private static JwtDecoder realmJwtDecoder(RealmKeySources keySources) {
		return (token) -> {
			String issuer = AuthorizationServerContextHolder.getContext().getIssuer();
			String realm = Issuers.realmOf(issuer).orElseThrow(
					() -> new org.springframework.security.oauth2.jwt.BadJwtException("unknown issuer"));
			return keySources.decoderFor(realm, issuer).decode(token);
		};
	}

}
