package vn.thanglong.id.oidc;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.web.filter.OncePerRequestFilter;

import vn.thanglong.id.realm.ClientSecretHasher;
import vn.thanglong.id.realm.StoredClient;

/**
 * Checks the stock token endpoint leaves to the wrong place. A client must not use more than
 * one authentication method in a request (RFC 6749 section 2.3): HTTP Basic together with a
 * secret or an assertion in the body is {@code invalid_request}. A client that authenticates
 * with its secret but asks for a grant type it is not registered for gets
 * {@code unauthorized_client} (section 5.2), where the stock code would first try to redeem
 * the code or refresh token and answer {@code invalid_grant}; so does a public client naming
 * itself for a grant it lacks. A public client's code exchange without {@code code} or
 * {@code code_verifier} is {@code invalid_request}, and so is a token request with its
 * parameters in the query instead of the body.
 */
final class ClientAuthenticationPrecheckFilter extends OncePerRequestFilter {

	static final Set<String> SUPPORTED_GRANTS = Set.of("authorization_code", "refresh_token", "client_credentials");

	private final RealmRegisteredClientRepository clients;

	private final ClientSecretHasher secrets;

	ClientAuthenticationPrecheckFilter(RealmRegisteredClientRepository clients, ClientSecretHasher secrets) {
		this.clients = Objects.requireNonNull(clients, "clients");
		this.secrets = Objects.requireNonNull(secrets, "secrets");
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		String path = AuthorizationRequests.path(request);
		return !(path.endsWith("/oauth2/token") || path.endsWith("/oauth2/introspect") || path.endsWith("/oauth2/revoke"));
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		// an unreadable body was answered before (NulParameterFilter): the container reports it only once
		boolean tokenEndpoint = AuthorizationRequests.path(request).endsWith("/oauth2/token");
		if (tokenEndpoint && AuthorizationRequests.queryNamesAny(request.getQueryString(), TOKEN_PARAMETERS)) {
			// RFC 6749 section 3.2: the parameters are in the body; the stock code reads only the body and
			// answered a grant_type in the query with unsupported_grant_type
			ProtocolEntryPoints.writeError(request, response, HttpServletResponse.SC_BAD_REQUEST, "invalid_request",
					OAuth2ErrorResponder.BODY_ONLY);
			return;
		}
		Optional<String> repeated = tokenEndpoint ? repeatedParameter(request) : Optional.empty();
		if (repeated.isPresent()) {
			// checked before the client is authenticated: a public client's PKCE check reads the code first
			ProtocolEntryPoints.writeError(request, response, HttpServletResponse.SC_BAD_REQUEST, "invalid_request",
					OAuth2ErrorResponder.parameterProblem(repeated.get(), "is repeated"));
			return;
		}
		if (request.getHeader("Authorization") != null && !TokenEndpointFastLane.single(request.getHeaders("Authorization"))) {
			// RFC 9110 section 11.6.2: one Authorization field; the stock code would read the first only
			ProtocolEntryPoints.writeError(request, response, HttpServletResponse.SC_BAD_REQUEST, "invalid_request",
					"Send one Authorization header.");
			return;
		}
		String authorization = request.getHeader("Authorization");
		if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
			// an access token authenticates no client here (RFC 6749 section 2.3); without this the
			// chain's resource server read it and answered with a userinfo-style invalid_token
			ProtocolEntryPoints.writeError(request, response, HttpServletResponse.SC_UNAUTHORIZED, "invalid_client",
					"Authenticate the client with its registered method, not with an access token.");
			return;
		}
		boolean basic = isBasic(authorization);
		String[] basicCredentials = basic ? credentials(request) : null;
		if (basic && (basicCredentials == null || basicCredentials[0].isEmpty() || basicCredentials[1].isEmpty())) {
			// RFC 6749 section 5.2: the client tried Basic and failed, whatever was wrong with it (the stock
			// converter answers 400 invalid_request for a value it cannot split into an id and a secret)
			ProtocolEntryPoints.writeError(request, response, HttpServletResponse.SC_UNAUTHORIZED, "invalid_client",
					"The Basic credentials are not client_id:client_secret.");
			return;
		}
		boolean inBody = request.getParameter("client_secret") != null
				|| request.getParameter("client_assertion") != null;
		if (basic && inBody) {
			ProtocolEntryPoints.writeError(request, response, HttpServletResponse.SC_BAD_REQUEST, "invalid_request",
					"Use exactly one client authentication method.");
			return;
		}
		String namedClient = request.getParameter("client_id");
		if (basic && namedClient != null && !namedClient.isEmpty() && !namedClient.equals(basicCredentials[0])) {
			// which client is asking: the one authenticated, or the one named? Neither is taken on trust
			ProtocolEntryPoints.writeError(request, response, HttpServletResponse.SC_BAD_REQUEST, "invalid_request",
					"The parameter client_id names another client than the one authenticated.");
			return;
		}
		String grantType = request.getParameter("grant_type");
		Optional<String> empty = tokenEndpoint ? emptyRequiredParameter(request, grantType) : Optional.empty();
		if (empty.isPresent()) {
			// RFC 6749 section 3.1: a parameter sent without a value is treated as omitted
			ProtocolEntryPoints.writeError(request, response, HttpServletResponse.SC_BAD_REQUEST, "invalid_request",
					OAuth2ErrorResponder.parameterProblem(empty.get(), "is missing"));
			return;
		}
		if (tokenEndpoint && grantType != null && !SUPPORTED_GRANTS.contains(grantType)) {
			// the library also knows token exchange and the device grant; this server offers neither yet
			ProtocolEntryPoints.writeError(request, response, HttpServletResponse.SC_BAD_REQUEST,
					"unsupported_grant_type", "The grant type is not supported.");
			return;
		}
		if (tokenEndpoint && grantType != null && authenticatesWithoutGrant(request, grantType,
				basic ? basicCredentials : credentials(request))) {
			ProtocolEntryPoints.writeError(request, response, HttpServletResponse.SC_BAD_REQUEST, "unauthorized_client",
					"The client is not registered for this grant type.");
			return;
		}
		Optional<String> missing = (tokenEndpoint && "authorization_code".equals(grantType) && authorization == null
				&& !inBody) ? missingPublicClientParameter(request) : Optional.empty();
		if (missing.isPresent()) {
			// a public client proves itself by PKCE alone (RFC 7636 section 4.5); without the proof the stock
			// code finds no client authentication and would answer invalid_client with a Basic challenge
			ProtocolEntryPoints.writeError(request, response, HttpServletResponse.SC_BAD_REQUEST, "invalid_request",
					"The parameter " + missing.get() + " is missing.");
			return;
		}
		String assertion = request.getParameter("client_assertion");
		if (assertion != null && namedClient == null) {
			Optional<String> asserted = assertedClient(assertion);
			if (asserted.isEmpty()) {
				// RFC 7523 section 3.2: an assertion that is not valid is invalid_client (the stock converter,
				// wanting client_id, answered invalid_request without a word)
				ProtocolEntryPoints.writeError(request, response, HttpServletResponse.SC_UNAUTHORIZED, "invalid_client",
						"The client_assertion is not a signed JWT whose sub names the client.");
				return;
			}
			chain.doFilter(withClientId(request, asserted.get()), response);
			return;
		}
		chain.doFilter(request, response);
	}

	/** What a grant cannot do without, where it was sent empty: {@code grant_type}, the code, the refresh token. */
	private static Optional<String> emptyRequiredParameter(HttpServletRequest request, @Nullable String grantType) {
		String required = (grantType == null) ? null : switch (grantType) {
			case "" -> "grant_type";
			case "authorization_code" -> "code";
			case "refresh_token" -> "refresh_token";
			default -> null;
		};
		return ("".equals(grantType) || (required != null && "".equals(request.getParameter(required))))
				? Optional.of(required) : Optional.empty();
	}

	/** Whether the request authenticates with HTTP Basic (RFC 7617), credentials or not. */
	private static boolean isBasic(@Nullable String authorization) {
		return authorization != null && (authorization.equalsIgnoreCase("Basic")
				|| authorization.regionMatches(true, 0, "Basic ", 0, 6));
	}

	/** {@code code} or {@code code_verifier}, if a public client's code exchange lacks it. */
	private Optional<String> missingPublicClientParameter(HttpServletRequest request) {
		String clientId = request.getParameter("client_id");
		if (clientId == null) {
			return Optional.empty();
		}
		String realm = Issuers.realmOfPath(AuthorizationRequests.path(request)).orElse("");
		boolean publicClient = this.clients.findStored(realm, clientId)
			.filter((client) -> client.definition().isPublic())
			.isPresent();
		if (!publicClient) {
			return Optional.empty();
		}
		return java.util.stream.Stream.of("code", "code_verifier")
			.filter((name) -> request.getParameter(name) == null || request.getParameter(name).isEmpty())
			.findFirst();
	}

	/** The token request's own parameters, which belong in the body. */
	private static final Set<String> TOKEN_PARAMETERS = Set.of("grant_type", "code", "redirect_uri", "code_verifier",
			"refresh_token", "client_id", "client_secret", "client_assertion", "client_assertion_type", "scope");

	/**
	 * A parameter sent more than once (RFC 6749 section 3.2), other than {@code resource}, which
	 * RFC 8707 lets a client repeat ({@link OAuth2ErrorResponder#parameterProblem} echoes its name
	 * only when it is a plain one).
	 */
	private static Optional<String> repeatedParameter(HttpServletRequest request) {
		return request.getParameterMap()
			.entrySet()
			.stream()
			.filter((parameter) -> parameter.getValue().length > 1 && !"resource".equals(parameter.getKey()))
			.map(java.util.Map.Entry::getKey)
			.findFirst();
	}

	/**
	 * RFC 7523 section 3 and OIDC Core section 9 do not require {@code client_id} next to a
	 * client assertion; the stock converter does. The assertion's {@code sub} names the client:
	 * it only selects the client whose keys must then verify the assertion (and {@code iss} and
	 * {@code sub} are checked against that client afterwards).
	 */
	private static Optional<String> assertedClient(String assertion) {
		try {
			return Optional.ofNullable(com.nimbusds.jwt.SignedJWT.parse(assertion).getJWTClaimsSet().getSubject())
				.filter((subject) -> !subject.isEmpty());
		}
		catch (java.text.ParseException ex) {
			return Optional.empty();
		}
	}

	/** The request, naming {@code clientId} as its {@code client_id}. */
	private static HttpServletRequest withClientId(HttpServletRequest request, String clientId) {
		java.util.Map<String, String[]> parameters = new java.util.LinkedHashMap<>(request.getParameterMap());
		parameters.put("client_id", new String[] { clientId });
		return new jakarta.servlet.http.HttpServletRequestWrapper(request) {

			@Override
			public String getParameter(String name) {
				String[] values = parameters.get(name);
				return (values != null && values.length > 0) ? values[0] : null;
			}

			@Override
			public java.util.Map<String, String[]> getParameterMap() {
				return java.util.Collections.unmodifiableMap(parameters);
			}

			@Override
			public java.util.Enumeration<String> getParameterNames() {
				return java.util.Collections.enumeration(parameters.keySet());
			}

			@Override
			public String[] getParameterValues(String name) {
				return parameters.get(name);
			}

		};
	}

	/**
	 * True when the request's secret is right and the client lacks the grant type, or when a
	 * public client that names itself (it has nothing to prove) lacks it.
	 */
	private boolean authenticatesWithoutGrant(HttpServletRequest request, String grantType,
			String @Nullable [] credentials) {
		String realm = Issuers.realmOfPath(AuthorizationRequests.path(request)).orElse("");
		if (credentials == null) {
			String clientId = request.getParameter("client_id");
			return clientId != null && request.getHeader("Authorization") == null
					&& request.getParameter("client_assertion") == null
					&& this.clients.findStored(realm, clientId)
						.filter((client) -> client.definition().isPublic()
								&& !client.definition().grantTypes().contains(grantType))
						.isPresent();
		}
		Optional<StoredClient> client = this.clients.findStored(realm, credentials[0]);
		return client.isPresent() && client.get().definition().authMethod().usesSecret()
				&& !client.get().definition().grantTypes().contains(grantType)
				&& this.secrets.matches(credentials[1], client.get().secretHash());
	}

	private static String[] credentials(HttpServletRequest request) {
		String authorization = request.getHeader("Authorization");
		if (isBasic(authorization)) {
			try {
				String decoded = StandardCharsets.UTF_8.newDecoder()
					.decode(ByteBuffer.wrap(Base64.getDecoder().decode(authorization.substring(5).trim())))
					.toString();
				int colon = decoded.indexOf(':');
				if (colon < 0) {
					return null;
				}
				// RFC 6749 section 2.3.1: both parts are form-urlencoded inside Basic
				String id = URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8);
				String secret = URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8);
				// no client id or secret holds a control character (the stock converter answered 400 for one)
				return (id.chars().anyMatch(Character::isISOControl) || secret.chars().anyMatch(Character::isISOControl))
						? null : new String[] { id, secret };
			}
			catch (IllegalArgumentException | CharacterCodingException ex) {
				// not base64, not UTF-8, or a malformed escape
				return null;
			}
		}
		String id = request.getParameter("client_id");
		String secret = request.getParameter("client_secret");
		return (id != null && secret != null) ? new String[] { id, secret } : null;
	}

}
