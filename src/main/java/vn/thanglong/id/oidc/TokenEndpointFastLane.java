package vn.thanglong.id.oidc;

import java.io.IOException;
import java.util.Enumeration;
import java.util.Map;
import java.util.Objects;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenIntrospection;
import org.springframework.security.oauth2.server.authorization.authentication.ClientSecretAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientCredentialsAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2RefreshTokenAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2TokenIntrospectionAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2TokenIntrospectionAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.context.AuthorizationServerContext;
import org.springframework.security.oauth2.server.authorization.context.AuthorizationServerContextHolder;
import org.springframework.security.oauth2.server.authorization.http.converter.OAuth2TokenIntrospectionHttpMessageConverter;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenGenerator;
import org.springframework.security.oauth2.server.authorization.web.authentication.ClientSecretBasicAuthenticationConverter;
import org.springframework.security.oauth2.server.authorization.web.authentication.OAuth2ClientCredentialsAuthenticationConverter;
import org.springframework.security.oauth2.server.authorization.web.authentication.OAuth2RefreshTokenAuthenticationConverter;
import org.springframework.security.oauth2.server.authorization.web.authentication.OAuth2TokenIntrospectionAuthenticationConverter;
import org.springframework.security.web.authentication.AuthenticationConverter;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.authentication.WebAuthenticationDetailsSource;
import org.springframework.security.web.header.HeaderWriter;
import org.springframework.security.web.header.writers.HstsHeaderWriter;
import org.springframework.security.web.header.writers.XContentTypeOptionsHeaderWriter;
import org.springframework.security.web.header.writers.XXssProtectionHeaderWriter;
import org.springframework.security.web.header.writers.frameoptions.XFrameOptionsHeaderWriter;
import org.springframework.security.web.util.UrlUtils;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The busiest machine-to-machine requests, served without the security filter chain: a
 * {@code client_credentials} or {@code refresh_token} grant at the token endpoint and a call
 * to the introspection endpoint (RFC 7662), each from a client authenticating with HTTP Basic
 * (RFC 6749 section 2.3.1). The chain runs two dozen filters, each matching the request, for
 * what is here one client authentication and one grant.
 * <p>
 * Nothing is decided here that the chain would decide otherwise: the request is converted,
 * the client authenticated and the grant or introspection carried out by the authorization
 * server's own converters and providers, built from the same client repository, authorization
 * store, password encoder and token generator as the chain's, and errors of the grant are
 * answered by the chain's own error handler. A request this lane does not recognise in every
 * detail, and every request whose client authentication fails, goes on to the chain untouched,
 * which then gives the answer the standards prescribe (including {@code invalid_client} with
 * its {@code WWW-Authenticate} challenge). The security headers the chain writes are written
 * here too.
 */
final class TokenEndpointFastLane extends OncePerRequestFilter {

	private static final String TOKEN = "/oauth2/token";

	private static final String INTROSPECT = "/oauth2/introspect";

	private final AuthorizationServerSettings settings;

	private final AuthenticationConverter clientCredentialsOfRequest = new ClientSecretBasicAuthenticationConverter();

	private final AuthenticationProvider clientAuthentication;

	private final Map<String, Grant> grants;

	private final AuthenticationConverter introspectionRequests = new OAuth2TokenIntrospectionAuthenticationConverter();

	private final AuthenticationProvider introspection;

	private final AuthenticationSuccessHandler tokenResponses;

	private final AuthenticationFailureHandler errors;

	private final HttpMessageConverter<OAuth2TokenIntrospection> introspectionResponses = new OAuth2TokenIntrospectionHttpMessageConverter();

	private final WebAuthenticationDetailsSource details = new WebAuthenticationDetailsSource();

	private final HeaderWriter[] securityHeaders = { new XContentTypeOptionsHeaderWriter(),
			new XXssProtectionHeaderWriter(), new HstsHeaderWriter(),
			new XFrameOptionsHeaderWriter(XFrameOptionsHeaderWriter.XFrameOptionsMode.DENY) };

	TokenEndpointFastLane(AuthorizationServerSettings settings, RegisteredClientRepository clients,
			OAuth2AuthorizationService authorizations, PasswordEncoder clientSecrets,
			OAuth2TokenGenerator<?> tokens, AuthenticationSuccessHandler tokenResponses,
			AuthenticationFailureHandler errors) {
		this.settings = Objects.requireNonNull(settings, "settings");
		ClientSecretAuthenticationProvider secrets = new ClientSecretAuthenticationProvider(clients, authorizations);
		secrets.setPasswordEncoder(clientSecrets);
		this.clientAuthentication = secrets;
		this.grants = Map.of("client_credentials",
				new Grant(new OAuth2ClientCredentialsAuthenticationConverter(),
						new OAuth2ClientCredentialsAuthenticationProvider(authorizations, tokens)),
				"refresh_token", new Grant(new OAuth2RefreshTokenAuthenticationConverter(),
						new OAuth2RefreshTokenAuthenticationProvider(authorizations, tokens)));
		this.introspection = new PermittedIntrospectionProvider(
				new OAuth2TokenIntrospectionAuthenticationProvider(clients, authorizations));
		this.tokenResponses = Objects.requireNonNull(tokenResponses, "tokenResponses");
		this.errors = Objects.requireNonNull(errors, "errors");
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		// the stock converters read form parameters only: a request with a query string is the chain's
		if (!"POST".equals(request.getMethod()) || request.getQueryString() != null) {
			return true;
		}
		String path = AuthorizationRequests.path(request);
		return !(path.endsWith(TOKEN) || path.endsWith(INTROSPECT)) || Issuers.realmOfPath(path).isEmpty();
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		// an unreadable body was answered before (NulParameterFilter): the container reports it only once
		boolean token = AuthorizationRequests.path(request).endsWith(TOKEN);
		Grant grant = token ? grantOf(request) : null;
		if ((token && grant == null) || !plainBasicAuthentication(request)) {
			chain.doFilter(request, response);
			return;
		}
		AuthorizationServerContextHolder.setContext(context(request, token ? TOKEN : INTROSPECT));
		try {
			Authentication client = authenticatedClient(request, grant);
			if (client != null) {
				SecurityContextHolder.getContext().setAuthentication(client);
				for (HeaderWriter writer : this.securityHeaders) {
					writer.writeHeaders(request, response);
				}
				if (token) {
					issue(request, response, grant);
				}
				else {
					introspect(request, response);
				}
				return;
			}
		}
		finally {
			SecurityContextHolder.clearContext();
			AuthorizationServerContextHolder.resetContext();
		}
		chain.doFilter(request, response);
	}

	private void issue(HttpServletRequest request, HttpServletResponse response, Grant grant) throws IOException,
			ServletException {
		try {
			Authentication grantRequest = grant.requests().convert(request);
			if (grantRequest == null) {
				// as the chain's token endpoint answers a grant no converter takes
				throw new OAuth2AuthenticationException(new OAuth2Error(OAuth2ErrorCodes.UNSUPPORTED_GRANT_TYPE,
						"OAuth 2.0 Parameter: grant_type", null));
			}
			if (grantRequest instanceof AbstractAuthenticationToken withDetails) {
				withDetails.setDetails(this.details.buildDetails(request));
			}
			this.tokenResponses.onAuthenticationSuccess(request, response, grant.provider().authenticate(grantRequest));
		}
		catch (AuthenticationException refused) {
			refuse(request, response, refused);
		}
	}

	private void introspect(HttpServletRequest request, HttpServletResponse response)
			throws IOException, ServletException {
		try {
			Authentication introspectionRequest = this.introspectionRequests.convert(request);
			OAuth2TokenIntrospectionAuthenticationToken result = (OAuth2TokenIntrospectionAuthenticationToken) this.introspection
				.authenticate(introspectionRequest);
			response.setHeader("Cache-Control", "no-store");
			response.setHeader("Pragma", "no-cache");
			this.introspectionResponses.write(result.getTokenClaims(), null, new ServletServerHttpResponse(response));
		}
		catch (AuthenticationException refused) {
			refuse(request, response, refused);
		}
	}

	/**
	 * As the chain answers: a refused grant or introspection through its error handler, any other
	 * authentication failure as its exception translation does, through the client endpoints'
	 * entry point.
	 */
	private void refuse(HttpServletRequest request, HttpServletResponse response, AuthenticationException refused)
			throws IOException, ServletException {
		SecurityContextHolder.clearContext();
		if (refused instanceof OAuth2AuthenticationException) {
			this.errors.onAuthenticationFailure(request, response, refused);
		}
		else {
			ProtocolEntryPoints.clientEndpoints().commence(request, response, refused);
		}
	}

	/** The grant this lane serves, if the request names exactly one grant type and it is one of them. */
	private Grant grantOf(HttpServletRequest request) {
		String[] grantTypes = request.getParameterValues("grant_type");
		return (grantTypes != null && grantTypes.length == 1) ? this.grants.get(grantTypes[0]) : null;
	}

	/**
	 * HTTP Basic and nothing else that authenticates or names a client (RFC 6749 section 2.3: one
	 * method only; a {@code client_id} in the body is the chain's to compare with the credentials).
	 */
	private static boolean plainBasicAuthentication(HttpServletRequest request) {
		String authorization = request.getHeader("Authorization");
		return authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)
				&& single(request.getHeaders("Authorization"))
				&& request.getParameter("client_secret") == null && request.getParameter("client_assertion") == null
				&& request.getParameter("client_assertion_type") == null && request.getParameter("client_id") == null;
	}

	static boolean single(Enumeration<String> values) {
		values.nextElement();
		return !values.hasMoreElements();
	}

	/**
	 * The client, authenticated by its secret, or null when the chain must answer: the
	 * credentials are malformed or wrong, or the client is not registered for the grant.
	 */
	private Authentication authenticatedClient(HttpServletRequest request, Grant grant) {
		try {
			Authentication credentials = this.clientCredentialsOfRequest.convert(request);
			if (credentials == null) {
				return null;
			}
			Authentication client = this.clientAuthentication.authenticate(credentials);
			if (!(client instanceof OAuth2ClientAuthenticationToken authenticated) || !authenticated.isAuthenticated()) {
				return null;
			}
			RegisteredClient registered = authenticated.getRegisteredClient();
			if (grant != null && (registered == null || registered.getAuthorizationGrantTypes()
				.stream()
				.noneMatch((type) -> type.getValue().equals(request.getParameter("grant_type"))))) {
				return null;
			}
			return client;
		}
		catch (OAuth2AuthenticationException refused) {
			return null;
		}
	}

	/** As the chain resolves the issuer: the request's URL, without the endpoint's path. */
	private AuthorizationServerContext context(HttpServletRequest request, String endpoint) {
		String issuer = UriComponentsBuilder.fromUriString(UrlUtils.buildFullRequestUrl(request))
			.replacePath(request.getRequestURI().replace(endpoint, ""))
			.replaceQuery(null)
			.fragment(null)
			.build()
			.toUriString();
		AuthorizationServerSettings settings = this.settings;
		return new AuthorizationServerContext() {

			@Override
			public String getIssuer() {
				return issuer;
			}

			@Override
			public AuthorizationServerSettings getAuthorizationServerSettings() {
				return settings;
			}

		};
	}

	private record Grant(AuthenticationConverter requests, AuthenticationProvider provider) {
	}

}
