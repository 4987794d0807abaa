package vn.thanglong.id.scim;

import java.io.IOException;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.access.BearerTokenAccessDeniedHandler;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

import vn.thanglong.id.oidc.ResourceAudiences;

/**
 * 401 and 403 of the SCIM endpoints: the {@code WWW-Authenticate} challenge of RFC 6750
 * section 3, and a SCIM error body (RFC 7644 section 3.12) so that SCIM clients can read it.
 * The detail is fixed: why a token failed goes no further than the debug log.
 */
final class ScimSecurityResponses implements AuthenticationEntryPoint, AccessDeniedHandler {

	private final AuthenticationEntryPoint challenge = ResourceAudiences.challenge(ResourceAudiences.SCIM);

	private final BearerTokenAccessDeniedHandler denial = new BearerTokenAccessDeniedHandler();

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException exception) throws IOException, ServletException {
		this.challenge.commence(request, response, exception);
		write(response, 401, "a valid bearer access token of this realm is required");
	}

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException exception)
			throws IOException {
		this.denial.handle(request, response, exception);
		// RFC 6750 section 3: the scope the resource needs, as the admin API's challenge names it
		response.setHeader("WWW-Authenticate",
				"Bearer error=\"insufficient_scope\", error_description=\"The access token lacks scope scim.\", scope=\"scim\"");
		write(response, 403, "the access token lacks scope scim");
	}

	private static void write(HttpServletResponse response, int status, String detail) throws IOException {
		response.setStatus(status);
		response.setContentType(ScimJson.SCIM.toString());
		response.getOutputStream().write(ScimJson.write(ScimJson.error(status, null, detail)));
	}

}
