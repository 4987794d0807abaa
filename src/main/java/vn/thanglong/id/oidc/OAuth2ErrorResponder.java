package vn.thanglong.id.oidc;

import java.io.IOException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.http.converter.OAuth2ErrorHttpMessageConverter;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.util.StringUtils;

/**
 * Error responses of the token, introspection and revocation endpoints (RFC 6749 section 5.2):
 * {@code invalid_client} is 401, with a {@code WWW-Authenticate} challenge when the client
 * tried HTTP Basic; every other error is 400; no error is cached.
 */
final class OAuth2ErrorResponder implements AuthenticationFailureHandler {

	private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(OAuth2ErrorResponder.class);

	private final HttpMessageConverter<OAuth2Error> converter = new OAuth2ErrorHttpMessageConverter();

	@Override
	public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException exception) throws IOException {
		if (!(exception instanceof OAuth2AuthenticationException)) {
			log.info("Client request refused: {}", exception.toString());
		}
		OAuth2Error error = plainly((exception instanceof OAuth2AuthenticationException oauth2) ? oauth2.getError()
				: new OAuth2Error(OAuth2ErrorCodes.INVALID_REQUEST), request);
		ServletServerHttpResponse http = new ServletServerHttpResponse(response);
		if (OAuth2ErrorCodes.INVALID_CLIENT.equals(error.getErrorCode())) {
			http.setStatusCode(HttpStatus.UNAUTHORIZED);
			String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
			if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
				String realm = Issuers.realmOfPath(AuthorizationRequests.path(request)).orElse("thanglong-id");
				http.getHeaders().set(HttpHeaders.WWW_AUTHENTICATE,
						"Basic realm=\"" + realm + "\", error=\"invalid_client\"");
			}
		}
		else {
			http.setStatusCode(HttpStatus.BAD_REQUEST);
		}
		http.getHeaders().setCacheControl("no-store");
		http.getHeaders().setPragma("no-cache");
		this.converter.write(Optional.of(error).get(), null, http);
	}

	/** What a client endpoint says of protocol parameters sent in the query string (RFC 6749 section 3.2). */
	static final String BODY_ONLY = "Send the parameters in the request body, form-encoded.";

	/** The one description of a failed client authentication, whatever failed in it. */
	static final String CLIENT_AUTHENTICATION_FAILED = "Client authentication failed.";

	/** The stock PKCE check's words for an {@code invalid_grant}, which blame client authentication. */
	private static final String STOCK_PKCE_PREFIX = "Client authentication failed: ";

	/**
	 * The stock converters' words for a missing, repeated or malformed parameter: "OAuth 2.0
	 * Parameter: code", and the same with "Token Introspection" or "Token Revocation".
	 */
	private static final Pattern STOCK_PARAMETER = Pattern
		.compile("OAuth 2\\.0 (?:Token Introspection |Token Revocation )?Parameter: ([a-z_]+)");

	/**
	 * How an {@code invalid_request} names its parameter and what is wrong with it. A name that is
	 * not a plain protocol name is not echoed: an {@code error_description} may only hold printable
	 * ASCII without {@code "} and {@code \\} (RFC 6749 section 4.1.2.1), and it is the caller's text.
	 */
	static String parameterProblem(String name, String problem) {
		return "The parameter " + (name.matches("[A-Za-z0-9_.-]{1,40}") ? name : "(unnamed)") + " " + problem + ".";
	}

	/**
	 * An {@code invalid_grant} of the stock PKCE check says what is wrong with the grant instead of
	 * "Client authentication failed: code_verifier": the client did authenticate, and a client
	 * library reading the description would look for the fault in its credentials. An
	 * {@code invalid_request} of the stock converters says whether its parameter is missing,
	 * repeated (RFC 6749 section 3.2: "Request and response parameters MUST NOT be included more
	 * than once") or not valid, instead of only naming it.
	 */
	static OAuth2Error plainly(OAuth2Error error, HttpServletRequest request) {
		String description = error.getDescription();
		if (description == null) {
			return described(error, request);
		}
		if (OAuth2ErrorCodes.INVALID_CLIENT.equals(error.getErrorCode()) && description.startsWith(STOCK_PKCE_PREFIX)) {
			// the stock words name what failed: client_id for an unknown client, client_secret or
			// authentication_method for a known one, which tells a caller which client ids exist
			return new OAuth2Error(error.getErrorCode(), CLIENT_AUTHENTICATION_FAILED, error.getUri());
		}
		Matcher parameter = STOCK_PARAMETER.matcher(description);
		if (OAuth2ErrorCodes.INVALID_REQUEST.equals(error.getErrorCode()) && parameter.matches()) {
			String name = parameter.group(1);
			String query = request.getQueryString();
			if (query != null && query.contains(name)) {
				// the stock converters read the body only, and drop a body parameter whose name the
				// query string holds: whatever the body said, the fault is the query
				return new OAuth2Error(error.getErrorCode(), BODY_ONLY, error.getUri());
			}
			String[] values = request.getParameterValues(name);
			String problem = (values != null && values.length > 1) ? "is repeated"
					: (values == null || values.length == 0 || !StringUtils.hasText(values[0])) ? "is missing"
							: "is not valid";
			return new OAuth2Error(error.getErrorCode(), parameterProblem(name, problem), error.getUri());
		}
		if (!OAuth2ErrorCodes.INVALID_GRANT.equals(error.getErrorCode()) || !description.startsWith(STOCK_PKCE_PREFIX)) {
			return error;
		}
		String said = switch (description.substring(STOCK_PKCE_PREFIX.length())) {
			case "code" -> "The authorization code is unknown, expired or already used.";
			case "code_verifier" -> "The code_verifier is missing or does not match the code_challenge.";
			case "code_challenge" -> "The authorization request had no code_challenge, so no code_verifier can redeem its code.";
			default -> "The authorization grant is invalid.";
		};
		return new OAuth2Error(error.getErrorCode(), said, error.getUri());
	}

	/** Words for the stock errors that come without any. */
	private static OAuth2Error described(OAuth2Error error, HttpServletRequest request) {
		String said = switch (error.getErrorCode()) {
			case OAuth2ErrorCodes.INVALID_SCOPE -> "The requested scope is more than this client, or this grant, may have.";
			case OAuth2ErrorCodes.INVALID_GRANT -> "refresh_token".equals(request.getParameter("grant_type"))
					? "The refresh token is unknown, expired, revoked or already used."
					: "The authorization grant is invalid.";
			case OAuth2ErrorCodes.INVALID_CLIENT -> CLIENT_AUTHENTICATION_FAILED;
			default -> null;
		};
		return (said != null) ? new OAuth2Error(error.getErrorCode(), said, error.getUri()) : error;
	}

}
