package vn.thanglong.id.admin;

import java.io.IOException;
import java.util.List;
import java.util.Objects;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import tools.jackson.databind.json.JsonMapper;

import vn.thanglong.id.oidc.ResourceAudiences;
import vn.thanglong.id.realm.RealmPaths;

/**
 * The admin API's answers to a missing or bad token (401) and to a missing scope (403): the
 * {@code WWW-Authenticate: Bearer} challenge of RFC 6750 section 3 for the client library, and
 * a problem document (RFC 9457) for the person reading it. The stock access-denied handler does
 * not say which scope is missing; RFC 6750 section 3 lets the challenge name it.
 */
final class AdminSecurityErrors implements AuthenticationEntryPoint, AccessDeniedHandler {

	private final AuthenticationEntryPoint challenge = ResourceAudiences.challenge(ResourceAudiences.ADMIN_API);

	private final JsonMapper json;

	AdminSecurityErrors(JsonMapper json) {
		this.json = Objects.requireNonNull(json, "json");
	}

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException exception)
			throws IOException, ServletException {
		// sets 401 and the challenge, with error="invalid_token" when a token was presented
		this.challenge.commence(request, response, exception);
		write(response, Problem.of(ProblemType.UNAUTHORIZED,
				"A valid access token of this realm is required (Authorization: Bearer).", List.of()));
	}

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException exception)
			throws IOException {
		String scope = AdminArea.of(RealmPaths.pathOf(request)).map(AdminArea::scope).orElse("");
		response.setStatus(HttpServletResponse.SC_FORBIDDEN);
		response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"insufficient_scope\", "
				+ "error_description=\"The access token lacks the scope of this area.\", scope=\"" + scope + "\"");
		write(response, Problem.of(ProblemType.INSUFFICIENT_SCOPE, "This area needs the scope " + scope + ".", List.of()));
	}

	private void write(HttpServletResponse response, Problem problem) throws IOException {
		response.setContentType(Problem.MEDIA_TYPE);
		response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
		response.getOutputStream().write(this.json.writeValueAsBytes(problem));
	}

}
