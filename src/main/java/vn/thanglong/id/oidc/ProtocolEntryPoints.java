package vn.thanglong.id.oidc;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;

/**
 * What a caller without credentials gets at the endpoints that are not pages: the client
 * endpoints (token, introspection, revocation) answer 401 {@code invalid_client}
 * (RFC 6749 section 5.2, RFC 7662 section 2.3, RFC 7009 section 2.2.1), never a redirect to a
 * login page and never a session.
 */
final class ProtocolEntryPoints {

	private ProtocolEntryPoints() {
	}

	static AuthenticationEntryPoint clientEndpoints() {
		return (HttpServletRequest request, HttpServletResponse response, AuthenticationException exception) -> {
			writeError(request, response, HttpServletResponse.SC_UNAUTHORIZED, "invalid_client",
					"Client authentication is required.");
		};
	}

	static void writeError(HttpServletRequest request, HttpServletResponse response, int status, String error,
			String description) throws IOException {
		if (status == HttpServletResponse.SC_UNAUTHORIZED) {
			String realm = Issuers.realmOfPath(AuthorizationRequests.path(request)).orElse("thanglong-id");
			response.setHeader("WWW-Authenticate", "Basic realm=\"" + realm + "\"");
		}
		response.setHeader("Pragma", "no-cache");
		ResponseBodies.writeJson(response, status,
				"{\"error\":\"" + error + "\",\"error_description\":\"" + description + "\"}");
	}

}
