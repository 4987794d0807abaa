package vn.thanglong.id.oidc;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationException;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.context.AuthorizationServerContextHolder;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.util.StringUtils;

import vn.thanglong.id.authn.PageHeaders;

/**
 * Authorization responses (RFC 6749 section 4.1.2) that carry the issuer: RFC 9207 adds
 * {@code iss} to every response, success or error, as the defence against mix-up attacks.
 * An error whose redirect URI could not be trusted (unknown client, unregistered
 * {@code redirect_uri}) is shown to the user and never redirected (RFC 6749 section 4.1.2.1).
 */
final class AuthorizationResponses {

	private AuthorizationResponses() {
	}

	static AuthenticationSuccessHandler success() {
		return (request, response, authentication) -> {
			OAuth2AuthorizationCodeRequestAuthenticationToken result = (OAuth2AuthorizationCodeRequestAuthenticationToken) authentication;
			Map<String, String> parameters = new LinkedHashMap<>();
			parameters.put("code", result.getAuthorizationCode().getTokenValue());
			if (StringUtils.hasText(result.getState())) {
				parameters.put("state", result.getState());
			}
			redirect(request, response, result.getRedirectUri(), parameters);
		};
	}

	/** The stock provider names the parameter it could not trust in the description. */
	private static String untrustedReason(OAuth2Error error) {
		String description = (error.getDescription() != null) ? error.getDescription() : "";
		if (description.contains(OAuth2ParameterNames.REDIRECT_URI)) {
			return ClientRedirects.REASON_REDIRECT_URI;
		}
		return description.contains(OAuth2ParameterNames.CLIENT_ID) ? ClientRedirects.REASON_CLIENT : null;
	}

	static AuthenticationFailureHandler failure() {
		return (request, response, exception) -> {
			OAuth2Error error = ((OAuth2AuthenticationException) exception).getError();
			OAuth2AuthorizationCodeRequestAuthenticationToken attempted = (exception instanceof OAuth2AuthorizationCodeRequestAuthenticationException failed)
					? failed.getAuthorizationCodeRequestAuthentication() : null;
			if (attempted == null || !StringUtils.hasText(attempted.getRedirectUri())) {
				PageHeaders.sendErrorPage(request, response, untrustedReason(error));
				return;
			}
			Map<String, String> parameters = new LinkedHashMap<>();
			parameters.put("error", error.getErrorCode());
			String description = plainly(error);
			if (StringUtils.hasText(description)) {
				parameters.put("error_description", description);
			}
			if (StringUtils.hasText(attempted.getState())) {
				parameters.put("state", attempted.getState());
			}
			redirect(request, response, attempted.getRedirectUri(), parameters);
		};
	}

	/** How the stock provider describes an error: it names the parameter at fault, and nothing more. */
	private static final String STOCK_PREFIX = "OAuth 2.0 Parameter: ";

	/**
	 * The error's description in words a developer reading the client's log understands: the
	 * stock "OAuth 2.0 Parameter: prompt" for {@code consent_required} says nothing of consent.
	 */
	static String plainly(OAuth2Error error) {
		String description = error.getDescription();
		if (description == null || !description.startsWith(STOCK_PREFIX)) {
			return description;
		}
		String parameter = description.substring(STOCK_PREFIX.length());
		return switch (error.getErrorCode()) {
			case "consent_required" -> "The user has not consented to this client and scope; ask without prompt=none.";
			case "login_required" -> "Nobody is logged in; ask without prompt=none.";
			case "invalid_scope" -> "The scope asks for what the client is not registered for.";
			case "access_denied" -> "The user denied the request.";
			default -> "The parameter " + parameter + " is missing or invalid.";
		};
	}

	private static void redirect(HttpServletRequest request, HttpServletResponse response, String redirectUri,
			Map<String, String> parameters) throws IOException {
		parameters.put("iss", AuthorizationServerContextHolder.getContext().getIssuer());
		response.sendRedirect(ClientRedirects.withQuery(redirectUri, parameters));
	}

}
