package vn.thanglong.id.oidc;

import java.io.IOException;
import java.util.Map;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a request whose query or form parameters hold a NUL character ({@code %00}): no
 * protocol value can contain one, and PostgreSQL cannot take one in a text value, so a code, a
 * token or a {@code state} with it used to reach the database and come back as a 500 with a
 * stack trace in the log, even at the revocation endpoint without any credentials. Answered
 * 400 before anything looks the value up: the JSON {@code invalid_request} at the protocol
 * endpoints, the error page for pages ({@link ErrorResponses}).
 * <p>
 * Being the first to read the parameters, it is also where a body the container cannot parse
 * (over {@code max-post-size}, malformed) is answered: the container reports that failure to
 * the first reader only, and later readers see whatever it parsed.
 */
final class NulParameterFilter extends OncePerRequestFilter {

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		// the container reports a body it cannot parse once, to the first reader: here
		if (RealmPathFilter.allowedMethods(AuthorizationRequests.path(request)) != null
				&& ProtocolEntryPoints.refusedUnreadableParameters(request, response)) {
			return;
		}
		Map<String, String[]> parameters;
		try {
			parameters = request.getParameterMap();
		}
		catch (IllegalStateException ex) {
			response.sendError(HttpServletResponse.SC_BAD_REQUEST);
			return;
		}
		if (holdsNul(parameters)) {
			response.sendError(HttpServletResponse.SC_BAD_REQUEST);
			return;
		}
		chain.doFilter(request, response);
	}

	static boolean holdsNul(Map<String, String[]> parameters) {
		for (Map.Entry<String, String[]> parameter : parameters.entrySet()) {
			if (parameter.getKey().indexOf('\0') >= 0) {
				return true;
			}
			for (String value : parameter.getValue()) {
				if (value != null && value.indexOf('\0') >= 0) {
					return true;
				}
			}
		}
		return false;
	}

}
