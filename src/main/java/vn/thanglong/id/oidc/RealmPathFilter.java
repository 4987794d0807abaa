package vn.thanglong.id.oidc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import com.nimbusds.jose.util.JSONObjectUtils;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import vn.thanglong.id.keys.KeyRing;
import vn.thanglong.id.realm.RealmRegistry;

/**
 * Realm resolution by exact path, in front of everything else. A request under
 * {@code /realms/{realm}/} for an unknown realm, or a protocol endpoint anywhere but directly
 * under a known realm's issuer, answers 404 with a JSON error; no issuer is ever derived from
 * any other path. The JWKS document is served from its pre-rendered form here, without going
 * through the security filter chain, and so is the RFC 9728 protected-resource metadata of each
 * resource of a realm (its userinfo endpoint, its admin API and its SCIM API), which names the
 * realm's issuer as the authorization server (there is no resource at the root, so the bare
 * well-known path is 404).
 */
final class RealmPathFilter extends OncePerRequestFilter {

	/**
	 * The endpoints served under a realm's issuer. The stock server's pushed authorization,
	 * device and client registration endpoints are not among them: they are not advertised, and
	 * their paths are 404 like any other, not a challenge to authenticate.
	 */
	static final List<String> ENDPOINTS = List.of("/oauth2/authorize", "/oauth2/token", "/oauth2/jwks",
			"/oauth2/revoke", "/oauth2/introspect", "/userinfo", "/connect/logout", "/.well-known/openid-configuration");

	private static final String WELL_KNOWN = "/.well-known/";

	/** The methods of the metadata documents and the JWKS, which anyone may read. */
	private static final String PUBLIC_DOCUMENT_METHODS = "GET, HEAD";

	private static final String RFC8414_PREFIX = "/.well-known/oauth-authorization-server";

	/** RFC 9728 section 3.1: the resource's path follows the well-known suffix. */
	static final String RFC9728_PREFIX = "/.well-known/oauth-protected-resource";

	/** A protected resource of every realm: its userinfo endpoint. */
	static final String USERINFO = "/userinfo";

	/** A realm's protected resources, by path under its issuer. */
	private static final List<String> RESOURCES = List.of(USERINFO, ResourceAudiences.ADMIN_API,
			ResourceAudiences.SCIM);

	private final RealmRegistry realms;

	private final KeyRing keys;

	RealmPathFilter(RealmRegistry realms, KeyRing keys) {
		this.realms = Objects.requireNonNull(realms, "realms");
		this.keys = Objects.requireNonNull(keys, "keys");
	}

	@Override
	protected void doFilterInternal(HttpServletRequest received, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String path = AuthorizationRequests.path(received);
		if (received.getServerName() == null || received.getServerName().isEmpty()) {
			// an empty Host (RFC 9112 section 3.2) and no public base URL: every advertised URL and the
			// issuer itself would be "http://:8080/..."
			ProtocolEntryPoints.writeError(received, response, HttpServletResponse.SC_BAD_REQUEST, "invalid_request",
					"The request names no host (Host header).");
			return;
		}
		HttpServletRequest request = headAsGet(received, path);
		Optional<String> realm = Issuers.realmOfPath(path);
		if (realm.isPresent() && !this.realms.exists(realm.get())) {
			notFound(response);
			return;
		}
		if (path.equals(RFC9728_PREFIX) || path.startsWith(RFC9728_PREFIX + "/")) {
			protectedResourceMetadata(request, response, path.substring(RFC9728_PREFIX.length()));
			return;
		}
		if (realm.isEmpty() && path.startsWith(WELL_KNOWN) && !path.startsWith(RFC8414_PREFIX + "/")) {
			// RFC 8615: only the documents this server publishes
			notFound(response);
			return;
		}
		if (path.startsWith(RFC8414_PREFIX + "/")) {
			String issuerPath = path.substring(RFC8414_PREFIX.length());
			Optional<String> named = Issuers.realmOfPath(issuerPath);
			if (named.isEmpty() || !this.realms.exists(named.get()) || !issuerPath.equals(Issuers.REALMS + named.get())) {
				notFound(response);
				return;
			}
		}
		else {
			for (String endpoint : ENDPOINTS) {
				if (path.endsWith(endpoint)
						&& (realm.isEmpty() || !path.equals(Issuers.REALMS + realm.get() + endpoint))) {
					notFound(response);
					return;
				}
			}
			if (realm.isPresent() && isStrayProtocolPath(path.substring((Issuers.REALMS + realm.get()).length()))) {
				// below /oauth2/ and /connect/ nothing but the endpoints: /oauth2/tokenX is no endpoint to log in to
				notFound(response);
				return;
			}
		}
		String allowed = allowedMethods(path);
		if (PUBLIC_DOCUMENT_METHODS.equals(allowed) && "OPTIONS".equals(request.getMethod())
				&& request.getHeader("Access-Control-Request-Method") != null) {
			// a CORS preflight (Fetch section 3.2.2) for a public document, readable from any origin
			response.setHeader("Access-Control-Allow-Origin", "*");
			response.setHeader("Access-Control-Allow-Methods", PUBLIC_DOCUMENT_METHODS);
			// any header a library adds (the wildcard, as nothing is sent with credentials)
			response.setHeader("Access-Control-Allow-Headers", "*");
			response.setHeader("Access-Control-Max-Age", "600");
			response.setStatus(HttpServletResponse.SC_NO_CONTENT);
			return;
		}
		if (allowed != null && !List.of(allowed.split(", ")).contains(request.getMethod())) {
			methodNotAllowed(request, response, allowed);
			return;
		}
		if (realm.isPresent() && path.endsWith("/oauth2/jwks")) {
			response.setHeader("Access-Control-Allow-Origin", "*");
			ResponseBodies.write(response, HttpServletResponse.SC_OK, "application/jwk-set+json", "public, max-age=300",
					this.keys.jwksJson(realm.get()).getBytes(StandardCharsets.UTF_8));
			return;
		}
		chain.doFilter(request, response);
	}

	private void protectedResourceMetadata(HttpServletRequest request, HttpServletResponse response, String resourcePath)
			throws IOException {
		Optional<String> realm = Issuers.realmOfPath(resourcePath);
		String resource = realm.map((name) -> resourcePath.substring((Issuers.REALMS + name).length())).orElse("");
		if (realm.isEmpty() || !this.realms.exists(realm.get()) || !RESOURCES.contains(resource)) {
			notFound(response);
			return;
		}
		if (!"GET".equals(request.getMethod())) {
			methodNotAllowed(request, response, "GET, HEAD");
			return;
		}
		String issuer = ServletUriComponentsBuilder.fromContextPath(request).path(Issuers.REALMS + realm.get())
			.build().toUriString();
		Map<String, Object> metadata = new LinkedHashMap<>();
		// the identifier an access token for it carries as its audience (ResourceAudiences)
		metadata.put("resource", issuer + resource);
		metadata.put("authorization_servers", List.of(issuer));
		switch (resource) {
			case USERINFO -> metadata.put("scopes_supported", List.of("openid"));
			case ResourceAudiences.SCIM -> metadata.put("scopes_supported", List.of("scim"));
			// the admin API's scopes are admin:{area}, one per area, listed in its OpenAPI document
			default -> {
			}
		}
		// only userinfo reads a token from a form body too (OIDC Core section 5.3.1)
		metadata.put("bearer_methods_supported", USERINFO.equals(resource) ? List.of("header", "body") : List.of("header"));
		metadata.put("tls_client_certificate_bound_access_tokens", false);
		ResponseBodies.write(response, HttpServletResponse.SC_OK, "application/json", "public, max-age=300",
				JSONObjectUtils.toJSONString(metadata).getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * A HEAD request for a metadata document (discovery, RFC 8414 and RFC 9728 metadata, JWKS)
	 * as the GET it stands for (RFC 9110 section 9.3.2: the same answer without its body, which
	 * Tomcat leaves out for a HEAD request). The stock endpoints match GET only, so a HEAD fell
	 * through to client authentication and got invalid_client.
	 */
	private static HttpServletRequest headAsGet(HttpServletRequest request, String path) {
		boolean metadata = path.endsWith("/.well-known/openid-configuration") || path.endsWith("/oauth2/jwks")
				|| path.startsWith(RFC8414_PREFIX + "/") || path.startsWith(RFC9728_PREFIX + "/");
		if (!"HEAD".equals(request.getMethod()) || !metadata) {
			return request;
		}
		return new HttpServletRequestWrapper(request) {

			@Override
			public String getMethod() {
				return "GET";
			}

		};
	}

	/**
	 * Where the RFC 9728 metadata of {@code resource} (a path under the realm's issuer) of the
	 * realm in the request's path is, for the {@code resource_metadata} of a challenge.
	 */
	static String metadataLocation(HttpServletRequest request, String realm, String resource) {
		return ServletUriComponentsBuilder.fromContextPath(request)
			.path(RFC9728_PREFIX + Issuers.REALMS + realm + resource)
			.build()
			.toUriString();
	}

	/** A path below a realm's {@code /oauth2/}, {@code /connect/} or {@code /.well-known/} that is none of its endpoints. */
	private static boolean isStrayProtocolPath(String belowIssuer) {
		return (belowIssuer.startsWith("/oauth2/") || belowIssuer.startsWith("/connect/")
				|| belowIssuer.startsWith(WELL_KNOWN)) && !ENDPOINTS.contains(belowIssuer);
	}

	/**
	 * The methods an endpoint of a realm answers, as the {@code Allow} header lists them, or null
	 * for a path that is no such endpoint. HEAD on the metadata and the JWKS is a GET by then.
	 */
	static @Nullable String allowedMethods(String path) {
		if (path.startsWith(RFC8414_PREFIX + "/") || path.startsWith(RFC9728_PREFIX + "/")
				|| path.endsWith("/.well-known/openid-configuration")
				|| path.endsWith("/oauth2/jwks")) {
			return PUBLIC_DOCUMENT_METHODS;
		}
		if (path.endsWith("/oauth2/token") || path.endsWith("/oauth2/introspect") || path.endsWith("/oauth2/revoke")) {
			return "POST";
		}
		if (path.endsWith("/oauth2/authorize") || path.endsWith(USERINFO) || path.endsWith("/connect/logout")) {
			return "GET, POST";
		}
		return null;
	}

	/** RFC 9110 section 15.5.6: 405 with the methods the endpoint does answer. */
	private static void methodNotAllowed(HttpServletRequest request, HttpServletResponse response, String allowed)
			throws IOException {
		response.setHeader("Allow", allowed);
		ProtocolEntryPoints.writeError(request, response, HttpServletResponse.SC_METHOD_NOT_ALLOWED, "invalid_request",
				"The endpoint does not accept this HTTP method.");
	}

	private static void notFound(HttpServletResponse response) throws IOException {
		ResponseBodies.writeJson(response, HttpServletResponse.SC_NOT_FOUND,
				ErrorResponses.body(HttpServletResponse.SC_NOT_FOUND));
	}

}
