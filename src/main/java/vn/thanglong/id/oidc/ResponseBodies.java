package vn.thanglong.id.oidc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletResponse;

/** Writes a small, complete response from filters that answer without going further down the chain. */
final class ResponseBodies {

	private ResponseBodies() {
	}

	static void write(HttpServletResponse response, int status, String contentType, String cacheControl,
			byte[] body) throws IOException {
		response.setStatus(status);
		response.setContentType(contentType);
		response.setHeader("Cache-Control", cacheControl);
		response.setContentLength(body.length);
		response.getOutputStream().write(body);
	}

	static void writeJson(HttpServletResponse response, int status, String json) throws IOException {
		write(response, status, "application/json", "no-store", json.getBytes(StandardCharsets.UTF_8));
	}

}
