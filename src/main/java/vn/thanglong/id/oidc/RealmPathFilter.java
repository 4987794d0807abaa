package vn.thanglong.id.oidc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

import vn.thanglong.id.keys.KeyRing;
import vn.thanglong.id.realm.RealmRegistry;

/**
 * Realm resolution by exact path, in front of everything else. A request under
 * {@code /realms/{realm}/} for an unknown realm, or a protocol endpoint anywhere but directly
 * under a known realm's issuer, answers 404 with a JSON error; no issuer is ever derived from
 * any other path. The JWKS document is served from its pre-rendered form here, without going
 * through the security filter chain.
 */
final class RealmPathFilter extends OncePerRequestFilter {

	static final List<String> ENDPOINTS = List.of("/oauth2/authorize", "/oauth2/par", "/oauth2/device_authorization",
			"/oauth2/device_verification", "/oauth2/token", "/oauth2/jwks", "/oauth2/revoke", "/oauth2/introspect",
			"/connect/register", "/userinfo", "/connect/logout", "/.well-known/openid-configuration",
			"/.well-known/oauth-authorization-server");

	private static final String RFC8414_PREFIX = "/.well-known/oauth-authorization-server";

	private final RealmRegistry realms;

	private final KeyRing keys;

	RealmPathFilter(RealmRegistry realms, KeyRing keys) {
		this.realms = Objects.requireNonNull(realms, "realms");
		this.keys = Objects.requireNonNull(keys, "keys");
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String path = AuthorizationRequests.path(request);
		Optional<String> realm = Issuers.realmOfPath(path);
		if (realm.isPresent() && !this.realms.exists(realm.get())) {
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
		}
		if (realm.isPresent() && path.endsWith("/oauth2/jwks") && "GET".equals(request.getMethod())) {
			response.setHeader("Access-Control-Allow-Origin", "*");
			ResponseBodies.write(response, HttpServletResponse.SC_OK, "application/jwk-set+json", "public, max-age=300",
					this.keys.jwksJson(realm.get()).getBytes(StandardCharsets.UTF_8));
			return;
		}
		chain.doFilter(request, response);
	}

	private static void notFound(HttpServletResponse response) throws IOException {
		ResponseBodies.writeJson(response, HttpServletResponse.SC_NOT_FOUND,
				"{\"error\":\"not_found\",\"error_description\":\"No such realm or endpoint.\"}");
	}

}
