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
 * Serves each realm's discovery documents from memory after the first request, the first
 * answer exactly as every later one (public, cacheable for five minutes, readable from any
 * origin). They change only with the configuration, yet every relying party and every library
 * fetches them often; rendering them per request costs more than the rest of the work on that
 * path. Keyed by the full request URL, so a document is only ever served for the host it names;
 * the number of entries is capped because the {@code Host} header is the client's to choose.
 */
final class MetadataCacheFilter extends OncePerRequestFilter {

	static final int MAX_ENTRIES = 256;

	private final Map<String, byte[]> documents = new ConcurrentHashMap<>();

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		String path = AuthorizationRequests.path(request);
		return !"GET".equals(request.getMethod()) || !(path.endsWith("/.well-known/openid-configuration")
				|| path.startsWith("/.well-known/oauth-authorization-server/"));
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		// without the query string, which the endpoints ignore
		String key = request.getRequestURL().toString();
		byte[] cached = this.documents.get(key);
		if (cached != null) {
			serve(response, cached);
			return;
		}
		ContentCachingResponseWrapper capture = new ContentCachingResponseWrapper(response);
		chain.doFilter(request, capture);
		if (capture.getStatus() != HttpServletResponse.SC_OK || response.isCommitted()) {
			// an error (an unknown realm's 404) is sent as it is
			capture.copyBodyToResponse();
			return;
		}
		byte[] document = capture.getContentAsByteArray();
		if (this.documents.size() < MAX_ENTRIES) {
			this.documents.put(key, document);
		}
		// the rendering's headers (no-store, no CORS) go: the first answer is sent as every later one
		response.reset();
		serve(response, document);
	}

	private static void serve(HttpServletResponse response, byte[] document) throws IOException {
		response.setHeader("Access-Control-Allow-Origin", "*");
		response.setHeader("X-Content-Type-Options", "nosniff");
		ResponseBodies.write(response, HttpServletResponse.SC_OK, "application/json", "public, max-age=300", document);
	}

}
