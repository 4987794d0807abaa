package vn.thanglong.id.oidc;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.web.AuthenticationEntryPoint;

/**
 * The provider's own APIs as resources (RFC 9068 section 3: {@code aud} names the resource the
 * token is for). A path is appended to the realm's issuer. An access token carries an API's
 * identifier exactly when one of its scopes is that API's; {@link RealmBearerTokens} asks for it.
 */
public final class ResourceAudiences {

	/** The admin API; its scopes are {@code admin:*}. */
	public static final String ADMIN_API = "/admin/api";

	/** SCIM 2.0 (RFC 7644); its scope is {@code scim}. */
	public static final String SCIM = "/scim/v2";

	private static final List<String> APIS = List.of(ADMIN_API, SCIM);

	private ResourceAudiences() {
	}

	/**
	 * The {@code WWW-Authenticate: Bearer} challenge of {@code api} (RFC 6750 section 3): its
	 * {@code resource_metadata} is the address of the API's metadata in the realm of the request's
	 * path (RFC 9728 section 5.1; the stock entry point names the root's, and no resource lives at
	 * the root), and an unusable token is described in fixed words, never in the decoder's (which
	 * would tell a prober how far its token got).
	 */
	public static AuthenticationEntryPoint challenge(String api) {
		if (!APIS.contains(api)) {
			throw new IllegalArgumentException("not an API of the provider: " + api);
		}
		BearerTokenAuthenticationEntryPoint challenge = new BearerTokenAuthenticationEntryPoint();
		challenge.setResourceMetadataParameterResolver((request) -> RealmPathFilter.metadataLocation(request,
				Issuers.realmOfPath(AuthorizationRequests.path(request)).orElse("-"), api));
		return (request, response, exception) -> challenge.commence(request, response,
				(exception instanceof OAuth2AuthenticationException refused
						&& OAuth2ErrorCodes.INVALID_TOKEN.equals(refused.getError().getErrorCode()))
								? new InvalidBearerTokenException("The access token is not valid here.") : exception);
	}

	/** The identifiers of the provider's APIs that {@code scopes} open, under {@code issuer}. */
	static List<String> of(String issuer, Collection<String> scopes) {
		List<String> audiences = new ArrayList<>(2);
		for (String api : APIS) {
			if (opens(api, scopes)) {
				audiences.add(issuer + api);
			}
		}
		return audiences;
	}

	/** Whether one of {@code scopes} belongs to the API at {@code resourcePath}. */
	static boolean opens(String resourcePath, Collection<String> scopes) {
		return switch (resourcePath) {
			case ADMIN_API -> scopes.stream().anyMatch((scope) -> scope.startsWith("admin:"));
			case SCIM -> scopes.contains("scim");
			default -> throw new IllegalArgumentException("not an API of the provider: " + resourcePath);
		};
	}

}
