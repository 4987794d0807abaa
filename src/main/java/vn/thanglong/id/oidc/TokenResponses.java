package vn.thanglong.id.oidc;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AccessTokenAuthenticationToken;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import tools.jackson.databind.json.JsonMapper;

/**
 * Successful token responses (RFC 6749 section 5.1). {@code expires_in} is the token's own
 * lifetime ({@code exp - iat}), not the time left when the response is written, so a client
 * registered for 120 seconds is told 120; {@code Cache-Control: no-store} always.
 */
final class TokenResponses implements AuthenticationSuccessHandler {

	private final JsonMapper json = JsonMapper.shared();

	@Override
	public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
			Authentication authentication) throws IOException {
		OAuth2AccessTokenAuthenticationToken result = (OAuth2AccessTokenAuthenticationToken) authentication;
		OAuth2AccessToken accessToken = result.getAccessToken();
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("access_token", accessToken.getTokenValue());
		body.put("token_type", accessToken.getTokenType().getValue());
		if (accessToken.getIssuedAt() != null && accessToken.getExpiresAt() != null) {
			body.put("expires_in", Duration.between(accessToken.getIssuedAt(), accessToken.getExpiresAt()).toSeconds());
		}
		if (!accessToken.getScopes().isEmpty()) {
			body.put("scope", String.join(" ", accessToken.getScopes()));
		}
		OAuth2RefreshToken refreshToken = result.getRefreshToken();
		if (refreshToken != null) {
			body.put("refresh_token", refreshToken.getTokenValue());
		}
		result.getAdditionalParameters().forEach(body::putIfAbsent);
		response.setStatus(HttpServletResponse.SC_OK);
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		response.setCharacterEncoding("UTF-8");
		response.setHeader("Cache-Control", "no-store");
		response.setHeader("Pragma", "no-cache");
		// one write with a known length: no chunked transfer encoding for a body this small
		byte[] bytes = this.json.writeValueAsBytes(body);
		response.setContentLength(bytes.length);
		response.getOutputStream().write(bytes);
	}

}
