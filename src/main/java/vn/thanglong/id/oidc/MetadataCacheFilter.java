package vn.thanglong.id.oidc;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * Serves each realm's discovery documents from memory after the first request. They change
 * only with the configuration, yet every relying party and every library fetches them often;
 * rendering them per request costs more than the rest of the work on that path. Keyed by the
 * full request URL, so a document is only ever served for the host it names; the number of
 * entries is capped because the {@code Host} header is the client's to choose.
 */
final class MetadataCacheFilter extends OncePerRequestFilter {

	static final int MAX_ENTRIES = 256;

	private final Map<String, byte[]> documents = new ConcurrentHashMap<>();

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		String path = AuthorizationRequests.path(request);
		return !"GET".equals(request.getMethod()) || request.getQueryString() != null
				|| !(path.endsWith("/.well-known/openid-configuration")
						|| path.startsWith("/.well-known/oauth-authorization-server/"));
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String key = request.getRequestURL().toString();
		byte[] cached = this.documents.get(key);
		if (cached != null) {
			response.setHeader("Access-Control-Allow-Origin", "*");
			ResponseBodies.write(response, HttpServletResponse.SC_OK, "application/json", "public, max-age=300", cached);
			return;
		}
		ContentCachingResponseWrapper capture = new ContentCachingResponseWrapper(response);
		chain.doFilter(request, capture);
		if (capture.getStatus() == HttpServletResponse.SC_OK && this.documents.size() < MAX_ENTRIES) {
			this.documents.put(key, capture.getContentAsByteArray());
		}
		capture.copyBodyToResponse();
	}

}
