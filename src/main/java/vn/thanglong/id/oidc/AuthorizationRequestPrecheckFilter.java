package vn.thanglong.id.oidc;

import java.io.IOException;
import java.util.Map;
import java.util.Objects;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

import vn.thanglong.id.authn.PageHeaders;

/**
 * Checks an authorization request for what the stock endpoint answers with an error page
 * although RFC 6749 section 4.1.2.1 wants the error sent to the client once its redirect URI
 * is trusted: a missing or unsupported {@code response_type}, a repeated parameter
 * (section 3.1), and request objects, which OIDC Core section 6 lets a provider refuse with
 * {@code request_not_supported} / {@code request_uri_not_supported} but never ignore, and a
 * {@code response_mode} other than the one advertised ({@code query}): answering in another mode
 * than the client asked for would hand it a response it does not look for; a {@code max_age}
 * that is no number of seconds; a {@code code_challenge} that is no S256 challenge; and a
 * {@code nonce} too long to keep. An untrusted client or redirect URI still gets the error page
 * (ClientRedirects), and so does a {@code state} too long to send back.
 */
final class AuthorizationRequestPrecheckFilter extends OncePerRequestFilter {

	private final ClientRedirects redirects;

	AuthorizationRequestPrecheckFilter(ClientRedirects redirects) {
		this.redirects = Objects.requireNonNull(redirects, "redirects");
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !AuthorizationRequests.path(request).endsWith(AuthorizationRequests.AUTHORIZE_PATH)
				|| !("GET".equals(request.getMethod()) || "POST".equals(request.getMethod()))
				|| AuthorizationRequests.isConsentAnswer(request);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String realm = Issuers.realmOfPath(AuthorizationRequests.path(request)).orElse("");
		if (isRepeated(request, "client_id") || isRepeated(request, "redirect_uri")) {
			// which client, or where to: nothing can be trusted, so nothing is redirected
			response.sendError(HttpServletResponse.SC_BAD_REQUEST, "invalid_request");
			return;
		}
		if (AuthorizationRequests.longerThan(request.getParameter("state"), AuthorizationRequests.LONGEST_STATE)) {
			// it could not be sent back, not even with an error: the client would find its state missing
			PageHeaders.sendErrorPage(request, response, ClientRedirects.REASON_STATE);
			return;
		}
		String problem = problem(request);
		if (problem == null) {
			chain.doFilter(request, response);
			return;
		}
		String[] error = problem.split("\\|", 2);
		this.redirects.sendError(realm, request, response, error[0], error[1]);
	}

	private static boolean isRepeated(HttpServletRequest request, String name) {
		String[] values = request.getParameterValues(name);
		return values != null && values.length > 1;
	}

	private static boolean present(HttpServletRequest request, String name) {
		String value = request.getParameter(name);
		return value != null && !value.isEmpty();
	}

	private static String problem(HttpServletRequest request) {
		for (Map.Entry<String, String[]> parameter : request.getParameterMap().entrySet()) {
			if (parameter.getValue().length > 1) {
				return "invalid_request|" + OAuth2ErrorResponder.parameterProblem(parameter.getKey(), "is repeated");
			}
		}
		String responseType = request.getParameter("response_type");
		if (responseType == null || responseType.isBlank()) {
			return "invalid_request|response_type is missing.";
		}
		if (!"code".equals(responseType)) {
			return "unsupported_response_type|Only response_type=code is supported.";
		}
		// RFC 6749 section 3.1: a parameter sent without a value is treated as omitted
		String responseMode = request.getParameter("response_mode");
		if (responseMode != null && !responseMode.isEmpty() && !ProviderMetadata.RESPONSE_MODE.equals(responseMode)) {
			return "invalid_request|The requested response_mode is not supported; only "
					+ ProviderMetadata.RESPONSE_MODE + " is.";
		}
		if (present(request, "request")) {
			return "request_not_supported|Request objects are not supported; send the parameters in the query or form.";
		}
		if (present(request, ClaimsRequest.PARAMETER)
				&& ClaimsRequest.parse(request.getParameter(ClaimsRequest.PARAMETER)).isEmpty()) {
			return "invalid_request|claims must be a JSON object with optional id_token and userinfo members (OIDC Core 5.5).";
		}
		if (AuthorizationRequests.longerThan(request.getParameter("nonce"), AuthorizationRequests.LONGEST_NONCE)) {
			return "invalid_request|nonce is longer than " + AuthorizationRequests.LONGEST_NONCE
					+ " characters once URL-encoded.";
		}
		String maxAge = request.getParameter("max_age");
		if (maxAge != null && !maxAge.isEmpty() && !maxAge.matches("[0-9]+")) {
			// OIDC Core section 3.1.2.1: a number of seconds; ignoring a malformed one would skip the check it asks
			// for (an empty one is absent, RFC 6749 section 3.1)
			return "invalid_request|max_age must be a non-negative number of seconds.";
		}
		String challenge = request.getParameter("code_challenge");
		if (challenge != null && !challenge.isEmpty() && !challenge.matches("[A-Za-z0-9_-]{43}")) {
			// RFC 7636 section 4.2: BASE64URL of a SHA-256, 43 characters; anything else no verifier can match
			return "invalid_request|code_challenge must be the BASE64URL-encoded SHA-256 of the code_verifier.";
		}
		if (present(request, "request_uri")) {
			// no pushed authorization requests either (RFC 9126: the endpoint is not served), so no reference
			// of any kind
			return "request_uri_not_supported|request_uri is not supported; send the parameters in the query or form.";
		}
		return null;
	}

}
