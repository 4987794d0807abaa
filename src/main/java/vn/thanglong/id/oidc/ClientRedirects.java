package vn.thanglong.id.oidc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.security.oauth2.server.authorization.context.AuthorizationServerContextHolder;
import org.springframework.web.util.UriUtils;

import vn.thanglong.id.authn.PageHeaders;
import vn.thanglong.id.realm.StoredClient;

/**
 * Error responses sent back to a client's redirect URI from outside the stock authorization
 * endpoint, only after checking that the client exists in the realm and the redirect URI is
 * one it registered (exact match, RFC 9700 section 4.1.3); every such response carries
 * {@code state} and {@code iss} (RFC 9207).
 */
final class ClientRedirects {

	private final RealmRegisteredClientRepository clients;

	ClientRedirects(RealmRegisteredClientRepository clients) {
		this.clients = Objects.requireNonNull(clients, "clients");
	}

	static final String REASON_CLIENT = "error.reason.client";

	static final String REASON_REDIRECT_URI = "error.reason.redirect-uri";

	static final String REASON_STATE = "error.reason.state";

	/** The parameters cannot be read at all: malformed percent-encoding, or a body too large. */
	static final String REASON_UNREADABLE = "error.reason.unreadable";

	/**
	 * Where an error for this request may go: the redirect URI it names, if that is registered
	 * for its client in {@code realm} (or the client's only one, when it names none); otherwise
	 * nowhere, with the reason (a message key) for the error page.
	 */
	private Target target(String realm, HttpServletRequest request) {
		String clientId = request.getParameter("client_id");
		Optional<StoredClient> client = (clientId != null) ? this.clients.findStored(realm, clientId)
				: Optional.empty();
		if (client.isEmpty()) {
			return new Target(null, REASON_CLIENT);
		}
		List<String> registered = client.get().definition().redirectUris();
		String redirectUri = request.getParameter("redirect_uri");
		if (redirectUri == null) {
			redirectUri = (registered.size() == 1) ? registered.get(0) : null;
		}
		return (redirectUri != null && registered.contains(redirectUri)) ? new Target(redirectUri, null)
				: new Target(null, REASON_REDIRECT_URI);
	}

	private record Target(@Nullable String redirectUri, @Nullable String reason) {
	}

	/**
	 * Redirects to the client with {@code error}, or shows the error page (400) when the
	 * redirect URI cannot be trusted.
	 */
	void sendError(String realm, HttpServletRequest request, HttpServletResponse response, String error,
			String description) throws IOException {
		Target target = target(realm, request);
		if (target.redirectUri() == null) {
			PageHeaders.sendErrorPage(request, response, target.reason());
			return;
		}
		Map<String, String> parameters = new LinkedHashMap<>();
		parameters.put("error", error);
		parameters.put("error_description", description);
		if (request.getParameter("state") != null) {
			parameters.put("state", request.getParameter("state"));
		}
		parameters.put("iss", AuthorizationServerContextHolder.getContext().getIssuer());
		response.sendRedirect(withQuery(target.redirectUri(), parameters));
	}

	/**
	 * {@code uri} (a registered redirect URI: no fragment, RFC 6749 section 3.1.2) with the
	 * parameters added to its query, which is kept exactly as registered, escapes included
	 * (section 3.1.2: the query component MUST be retained); each added name and value is
	 * percent-encoded but for the unreserved characters (RFC 3986 section 2.3).
	 */
	static String withQuery(String uri, Map<String, String> parameters) {
		StringBuilder target = new StringBuilder(uri);
		char separator = (uri.indexOf('?') < 0) ? '?' : (uri.endsWith("?") || uri.endsWith("&")) ? 0 : '&';
		for (Map.Entry<String, String> parameter : parameters.entrySet()) {
			if (separator != 0) {
				target.append(separator);
			}
			target.append(UriUtils.encode(parameter.getKey(), StandardCharsets.UTF_8))
				.append('=')
				.append(UriUtils.encode(parameter.getValue(), StandardCharsets.UTF_8));
			separator = '&';
		}
		return target.toString();
	}

}
