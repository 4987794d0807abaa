package vn.thanglong.id.oidc;

import java.util.Map;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.ModelAndView;

import vn.thanglong.id.authn.PageHeaders;

/**
 * Every error the container or the framework produces ({@code /error}): protocol endpoints
 * answer in the OAuth error format (RFC 6749 section 5.2) with a fixed description; pages get
 * the localised error page. Never a stack trace, never the exception's message.
 */
@Controller
final class ErrorResponses implements ErrorController {

	@RequestMapping("/error")
	Object error(HttpServletRequest request, HttpServletResponse response) {
		Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
		// no status: /error was asked for directly, and is no page of its own
		int status = (code instanceof Integer value) ? value : HttpServletResponse.SC_NOT_FOUND;
		HttpStatus httpStatus = HttpStatus.resolve(status);
		if (httpStatus == null) {
			httpStatus = HttpStatus.INTERNAL_SERVER_ERROR;
		}
		Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
		String path = (uri instanceof String text) ? text : "";
		String allowed = RealmPathFilter.allowedMethods(path);
		if (status == HttpServletResponse.SC_METHOD_NOT_ALLOWED && allowed != null) {
			// TRACE, refused by the connector before any filter with every method a servlet could have as Allow
			response.setHeader("Allow", allowed);
		}
		// a method refused (TRACE) gets the JSON error at every endpoint, as the other methods do
		boolean page = status != HttpServletResponse.SC_METHOD_NOT_ALLOWED && (path.endsWith(AuthorizationRequests.AUTHORIZE_PATH) || path.startsWith("/consent")
				|| (path.startsWith(Issuers.REALMS) && (path.endsWith("/connect/logout") || path.endsWith("/logout")))
				|| (path.endsWith("/login") && path.startsWith(Issuers.REALMS)) || acceptsHtmlOnly(request));
		if (page) {
			// the pages' chains write these for their own pages; an error page of the protocol chain needs them too
			PageHeaders.write(response);
			ModelAndView view = new ModelAndView("error", Map.of("status", status, "error",
					httpStatus.getReasonPhrase()));
			if (request.getAttribute(PageHeaders.ERROR_REASON) instanceof String reason) {
				view.addObject("reason", reason);
			}
			view.setStatus(httpStatus);
			return view;
		}
		return ResponseEntity.status(httpStatus)
			.contentType(MediaType.parseMediaType(contentType(path)))
			.header("Cache-Control", "no-store")
			.body(body(path, status));
	}

	/**
	 * The error in the dialect of the API the path belongs to: an RFC 9457 problem document for
	 * the admin API, a SCIM error (RFC 7644 section 3.12) for SCIM, the OAuth error otherwise.
	 */
	static String body(String path, int status) {
		return body(path, status, (status >= 500) ? "The server could not complete the request."
				: (status == HttpServletResponse.SC_NOT_FOUND) ? "No such resource or route."
						: (status == HttpServletResponse.SC_METHOD_NOT_ALLOWED) ? "The route does not accept this HTTP method."
								: "The request is malformed.");
	}

	/**
	 * {@link #body(String, int)} with {@code detail}, a fixed text of ours (it is not escaped), in
	 * the admin API's and SCIM's errors; the OAuth error keeps its fixed description.
	 */
	static String body(String path, int status, String detail) {
		HttpStatus known = HttpStatus.resolve(status);
		String reason = (known != null) ? known.getReasonPhrase() : "Error";
		if (isAdminApi(path)) {
			String type = switch (status) {
				case HttpServletResponse.SC_BAD_REQUEST -> "urn:thanglong-id:problem:malformed-request";
				case HttpServletResponse.SC_NOT_FOUND -> "urn:thanglong-id:problem:not-found";
				case HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE -> "urn:thanglong-id:problem:content-too-large";
				default -> "about:blank";
			};
			return "{\"type\":\"" + type + "\",\"title\":\"" + reason + "\",\"status\":" + status
					+ ",\"detail\":\"" + detail + "\"}";
		}
		if (isScim(path)) {
			return "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:Error\"],\"status\":\"" + status
					+ "\",\"detail\":\"" + detail + "\"}";
		}
		return body(status);
	}

	static String contentType(String path) {
		return isAdminApi(path) ? "application/problem+json" : isScim(path) ? "application/scim+json" : "application/json";
	}

	static boolean isAdminApi(String path) {
		return path.startsWith(Issuers.REALMS) && path.contains("/admin/api/");
	}

	static boolean isScim(String path) {
		return path.startsWith(Issuers.REALMS) && path.contains("/scim/v2/");
	}

	/**
	 * The JSON error for an HTTP status the container or the framework set: the error code of
	 * RFC 6749 section 5.2's shape and a fixed description, never the cause.
	 */
	static String body(int status) {
		if (status >= 500) {
			return "{\"error\":\"server_error\",\"error_description\":\"The server could not complete the request.\"}";
		}
		if (status == HttpServletResponse.SC_NOT_FOUND) {
			return "{\"error\":\"not_found\",\"error_description\":\"No such realm or endpoint.\"}";
		}
		if (status == HttpServletResponse.SC_METHOD_NOT_ALLOWED) {
			return "{\"error\":\"invalid_request\",\"error_description\":\"The endpoint does not accept this HTTP method.\"}";
		}
		return "{\"error\":\"invalid_request\",\"error_description\":\"The request is malformed.\"}";
	}

	private static boolean acceptsHtmlOnly(HttpServletRequest request) {
		String accept = request.getHeader("Accept");
		return accept != null && accept.contains("text/html");
	}

}
