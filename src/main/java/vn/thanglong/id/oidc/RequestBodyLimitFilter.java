package vn.thanglong.id.oidc;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.UrlPathHelper;

/**
 * Bodies of the admin API and SCIM are JSON documents of a few kilobytes, read whole into
 * memory: one of a gigabyte (or an endless chunked one) would take the heap of the node with
 * it. A body larger than {@link #LIMIT} is refused with 413 (RFC 9110 section 15.5.14) in the
 * API's own error format before anything reads it: at once when its {@code Content-Length}
 * says so, otherwise as soon as the first byte past the limit arrives; a body within it is
 * handed on as read. Every path is held to it, not only those that look like the APIs: the
 * container decodes {@code /admin/%61pi} into a route of the admin API. Form bodies (the
 * protocol endpoints') are bounded by the container ({@code maxPostSize}), which parses them
 * itself and so must read them first; a form sent to one of the APIs is held to the limit too.
 */
final class RequestBodyLimitFilter extends OncePerRequestFilter {

	/** One mebibyte: a hundred times the largest document the APIs take (a client with its JWKS). */
	static final int LIMIT = 1024 * 1024;

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		if (request.getContentLengthLong() < 0 && request.getHeader("Transfer-Encoding") == null) {
			// no body at all (RFC 9112 section 6.3): most requests, the GETs of discovery and the JWKS first
			return true;
		}
		String type = request.getContentType();
		boolean form = type != null
				&& type.toLowerCase(Locale.ROOT).startsWith(MediaType.APPLICATION_FORM_URLENCODED_VALUE);
		return form && !api(request);
	}

	/** Whether the request is for the admin API or SCIM, by its path as decoded for routing. */
	private static boolean api(HttpServletRequest request) {
		String path = UrlPathHelper.defaultInstance.getPathWithinApplication(request);
		return ErrorResponses.isAdminApi(path) || ErrorResponses.isScim(path);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		long declared = request.getContentLengthLong();
		if (declared > LIMIT) {
			refuse(request, response);
			return;
		}
		if (declared >= 0) {
			// the container delivers no more than the declared length
			chain.doFilter(request, response);
			return;
		}
		byte[] body = request.getInputStream().readNBytes(LIMIT + 1);
		if (body.length > LIMIT) {
			refuse(request, response);
			return;
		}
		chain.doFilter(new ReadBody(request, body), response);
	}

	private static void refuse(HttpServletRequest request, HttpServletResponse response) throws IOException {
		// decoded, as the routes are matched: the error is in the dialect of the API that would answer
		String path = UrlPathHelper.defaultInstance.getPathWithinApplication(request);
		response.setStatus(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
		response.setContentType(ErrorResponses.contentType(path));
		response.setHeader("Cache-Control", "no-store");
		// the rest of the body is not read: the connection closes after this answer
		response.setHeader("Connection", "close");
		response.getOutputStream().write(ErrorResponses.body(path, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE,
				"The request body is larger than " + LIMIT + " bytes.").getBytes(StandardCharsets.UTF_8));
	}

	/** The request with its body already read, up to the limit. */
	private static final class ReadBody extends HttpServletRequestWrapper {

		private final byte[] body;

		ReadBody(HttpServletRequest request, byte[] body) {
			super(request);
			this.body = body;
		}

		@Override
		public ServletInputStream getInputStream() {
			ByteArrayInputStream in = new ByteArrayInputStream(this.body);
			return new ServletInputStream() {

				@Override
				public int read() {
					return in.read();
				}

				@Override
				public int read(byte[] buffer, int offset, int length) {
					return in.read(buffer, offset, length);
				}

				@Override
				public boolean isFinished() {
					return in.available() == 0;
				}

				@Override
				public int available() {
					return in.available();
				}

				@Override
				public boolean isReady() {
					return true;
				}

				@Override
				public void setReadListener(ReadListener listener) {
					throw new UnsupportedOperationException("the body was read already");
				}

			};
		}

		@Override
		public BufferedReader getReader() {
			// JSON is UTF-8 (RFC 8259 section 8.1)
			return new BufferedReader(new InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
		}

		@Override
		public int getContentLength() {
			return this.body.length;
		}

		@Override
		public long getContentLengthLong() {
			return this.body.length;
		}

	}

}
