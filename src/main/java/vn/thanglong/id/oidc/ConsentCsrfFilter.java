package vn.thanglong.id.oidc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.CsrfTokenRepository;
import org.springframework.security.web.csrf.HttpSessionCsrfTokenRepository;
import org.springframework.security.web.csrf.XorCsrfTokenRequestAttributeHandler;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The consent form's answer ({@link AuthorizationRequests#isConsentAnswer}) must carry the CSRF token of the page that showed it, as every other
 * form here does. The stock configuration exempts the whole authorization endpoint from CSRF
 * protection, so the token the page sent was never checked; the one-time {@code state} and the
 * {@code SameSite=Lax} cookie were the only defence against a forged approval. Checked against
 * the session's token, which the pages' chain created when it rendered the consent page; a
 * missing or wrong one is 403, and nothing is granted.
 */
final class ConsentCsrfFilter extends OncePerRequestFilter {

	private final CsrfTokenRepository tokens = new HttpSessionCsrfTokenRepository();

	private final XorCsrfTokenRequestAttributeHandler masked = new XorCsrfTokenRequestAttributeHandler();

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !AuthorizationRequests.isConsentAnswer(request);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		CsrfToken expected = this.tokens.loadToken(request);
		String sent = (expected != null) ? this.masked.resolveCsrfTokenValue(request, expected) : null;
		if (sent == null || !MessageDigest.isEqual(expected.getToken().getBytes(StandardCharsets.UTF_8),
				sent.getBytes(StandardCharsets.UTF_8))) {
			response.sendError(HttpServletResponse.SC_FORBIDDEN);
			return;
		}
		chain.doFilter(request, response);
	}

}
