package vn.thanglong.id.oidc;

import java.io.IOException;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.web.filter.OncePerRequestFilter;

import vn.thanglong.id.realm.RealmRegistry;

/**
 * CORS (the Fetch standard, section 3.2) for the endpoints a single-page application calls from
 * its own origin: the token endpoint and revocation (public clients with PKCE, RFC 9700
 * section 2.1.1) and userinfo. A preflight from one of the realm's {@link BrowserOrigins} is
 * answered here; an actual request from one gets {@code Access-Control-Allow-Origin} naming that
 * origin (never {@code *}, never credentials: these endpoints take no cookies). A request from
 * any other origin is served as before, without those headers, so the browser keeps its answer
 * from the page; a preflight from one is 403. Discovery and the JWKS are public and answer
 * {@code *} where they are served.
 */
final class CrossOriginFilter extends OncePerRequestFilter {

	private static final String ALLOWED_HEADERS = "Authorization, Content-Type";

	/** The endpoints, under a realm's issuer, a browser may call from another origin. */
	private static final Set<String> ENDPOINTS = Set.of("/oauth2/token", "/oauth2/revoke", RealmPathFilter.USERINFO);

	private final RealmRegistry realms;

	private final BrowserOrigins origins;

	CrossOriginFilter(RealmRegistry realms, BrowserOrigins origins) {
		this.realms = Objects.requireNonNull(realms, "realms");
		this.origins = Objects.requireNonNull(origins, "origins");
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return request.getHeader("Origin") == null || endpoint(AuthorizationRequests.path(request)) == null;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String path = AuthorizationRequests.path(request);
		String realm = Issuers.realmOfPath(path).orElseThrow();
		if (!this.realms.exists(realm)) {
			// RealmPathFilter's 404
			chain.doFilter(request, response);
			return;
		}
		String origin = request.getHeader("Origin");
		boolean allowed = this.origins.allows(realm, origin);
		response.addHeader("Vary", "Origin");
		boolean preflight = "OPTIONS".equals(request.getMethod())
				&& request.getHeader("Access-Control-Request-Method") != null;
		if (preflight) {
			if (!allowed) {
				ProtocolEntryPoints.writeError(request, response, HttpServletResponse.SC_FORBIDDEN, "invalid_request",
						"This origin is not one of the realm's agency systems.");
				return;
			}
			response.setHeader("Access-Control-Allow-Origin", origin);
			// the methods the endpoint answers at all
			response.setHeader("Access-Control-Allow-Methods", RealmPathFilter.allowedMethods(path));
			response.setHeader("Access-Control-Allow-Headers", ALLOWED_HEADERS);
			response.setHeader("Access-Control-Max-Age", "600");
			response.setStatus(HttpServletResponse.SC_NO_CONTENT);
			return;
		}
		if (allowed) {
			response.setHeader("Access-Control-Allow-Origin", origin);
			// a userinfo error is in its challenge (RFC 6750 section 3)
			response.setHeader("Access-Control-Expose-Headers", "WWW-Authenticate");
		}
		chain.doFilter(request, response);
	}

	/** The endpoint a browser may call across origins that {@code path} is, directly under a realm, or null. */
	private static @Nullable String endpoint(String path) {
		Optional<String> realm = Issuers.realmOfPath(path);
		if (realm.isEmpty()) {
			return null;
		}
		String endpoint = path.substring((Issuers.REALMS + realm.get()).length());
		return ENDPOINTS.contains(endpoint) ? endpoint : null;
	}

}
