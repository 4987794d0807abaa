package vn.thanglong.id.realm;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

import com.sun.net.httpserver.HttpServer;

/** A loopback HTTP server answering one document, as an agency's sector identifier URI would. */
final class SectorServer implements AutoCloseable {

	private final HttpServer server;

	SectorServer(String document) throws IOException {
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.server.createContext("/uris.json", (exchange) -> {
			byte[] body = document.getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().add("Content-Type", "application/json");
			exchange.sendResponseHeaders(200, body.length);
			exchange.getResponseBody().write(body);
			exchange.close();
		});
		this.server.start();
	}

	String uri() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + "/uris.json";
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

}
