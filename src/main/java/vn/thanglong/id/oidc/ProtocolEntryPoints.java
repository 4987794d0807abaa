package vn.thanglong.id.oidc;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;

import vn.thanglong.id.authn.PageHeaders;

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

	/**
	 * Answers {@code invalid_request} when the request's parameters cannot be read (the error page, with
	 * the reason, at the authorization and end-session endpoints, which browsers are sent to). Tomcat
	 * refuses a body over its {@code max-post-size} (2 MB unless configured) or one it cannot
	 * parse by throwing at every {@code getParameter}, which would end as its HTML error page and
	 * an ERROR with a stack trace in the log.
	 * @return whether the answer was written
	 */
	static boolean refusedUnreadableParameters(HttpServletRequest request, HttpServletResponse response)
			throws IOException {
		try {
			request.getParameterMap();
			return false;
		}
		catch (IllegalStateException ex) {
			String path = AuthorizationRequests.path(request);
			if (path.endsWith(AuthorizationRequests.AUTHORIZE_PATH) || path.endsWith("/connect/logout")) {
				// a browser's request: the error page, saying why
				PageHeaders.sendErrorPage(request, response, ClientRedirects.REASON_UNREADABLE);
				return true;
			}
			writeError(request, response, HttpServletResponse.SC_BAD_REQUEST, "invalid_request",
					decodes(request.getQueryString())
							? "The request body is not a form this server reads (too large or malformed)."
							: "The query string is not one this server reads (malformed percent-encoding).");
			return true;
		}
	}

	/** Whether every name and value of {@code query} is well percent-encoded UTF-8 (none is). */
	private static boolean decodes(@Nullable String query) {
		if (query == null) {
			return true;
		}
		try {
			for (String part : query.split("[&=]")) {
				StandardCharsets.UTF_8.newDecoder()
					.decode(ByteBuffer.wrap(URLDecoder.decode(part, StandardCharsets.ISO_8859_1)
						.getBytes(StandardCharsets.ISO_8859_1)));
			}
			return true;
		}
		catch (IllegalArgumentException | CharacterCodingException ex) {
			return false;
		}
	}

}
