package vn.thanglong.id.oidc;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import vn.thanglong.id.authn.LoginFacts;
import vn.thanglong.id.identity.PersonClaims;
import vn.thanglong.id.identity.ScopeClaims;

/**
 * What each realm's discovery documents (OIDC Discovery 1.0 section 3, RFC 8414 section 2)
 * advertise: exactly what this server does, and nothing it does not. The stock documents
 * list every method the library could be configured for (mTLS, DPoP, token exchange, ...).
 */
final class ProviderMetadata {

	static final List<String> SCOPES = List.of("openid", "profile", "email", "phone", "address", "offline_access",
			PersonClaims.STAFF, PersonClaims.NATIONAL_ID, PersonClaims.ORGANIZATION);

	static final List<String> CLIENT_AUTH_METHODS = List.of("client_secret_basic", "client_secret_post",
			"private_key_jwt");

	/** What a private_key_jwt client may sign its assertion with (RFC 7523). */
	static final List<String> ASSERTION_ALGORITHMS = List.of("RS256", "ES256", "PS256");

	/** The only response mode: the default of response_type=code (OAuth 2.0 Multiple Response Types). */
	static final String RESPONSE_MODE = "query";

	private ProviderMetadata() {
	}

	/** Rewrites a discovery document's claims; used for both the OIDC and the RFC 8414 document. */
	static void adjust(Map<String, Object> claims) {
		List<String> tokenAuth = new ArrayList<>(CLIENT_AUTH_METHODS);
		tokenAuth.add("none");
		claims.put("token_endpoint_auth_methods_supported", tokenAuth);
		claims.put("introspection_endpoint_auth_methods_supported", CLIENT_AUTH_METHODS);
		// a public client revokes its own tokens naming itself (RFC 7009 section 2.1)
		claims.put("revocation_endpoint_auth_methods_supported", tokenAuth);
		// RFC 8414 section 2: present wherever private_key_jwt is listed
		claims.put("token_endpoint_auth_signing_alg_values_supported", ASSERTION_ALGORITHMS);
		claims.put("introspection_endpoint_auth_signing_alg_values_supported", ASSERTION_ALGORITHMS);
		claims.put("revocation_endpoint_auth_signing_alg_values_supported", ASSERTION_ALGORITHMS);
		claims.put("grant_types_supported", List.of("authorization_code", "refresh_token", "client_credentials"));
		claims.put("response_types_supported", List.of("code"));
		claims.put("scopes_supported", SCOPES);
		claims.put("code_challenge_methods_supported", List.of("S256"));
		claims.remove("tls_client_certificate_bound_access_tokens");
		claims.remove("dpop_signing_alg_values_supported");
		claims.remove("pushed_authorization_request_endpoint");
		claims.remove("device_authorization_endpoint");
		claims.remove("registration_endpoint");
		putOidcClaims(claims);
	}

	private static void putOidcClaims(Map<String, Object> claims) {
		claims.put("id_token_signing_alg_values_supported", List.of("RS256", "ES256"));
		claims.put("subject_types_supported", List.of("pairwise", "public"));
		claims.put("response_modes_supported", List.of(RESPONSE_MODE));
		claims.put("authorization_response_iss_parameter_supported", true);
		claims.put("request_parameter_supported", false);
		claims.put("request_uri_parameter_supported", false);
		claims.put("claims_parameter_supported", true);
		claims.put("ui_locales_supported", List.of("vi", "en"));
		claims.put("acr_values_supported", List.of(LoginFacts.ACR_LOW));
		claims.put("prompt_values_supported", List.of("none", "login", "consent"));
		List<String> supported = new ArrayList<>(List.of("sub", "iss", "aud", "exp", "iat",
				"auth_time", "nonce", "acr", "amr", "azp", "sid"));
		for (String scope : SCOPES) {
			supported.addAll(ScopeClaims.claimsOf(scope));
		}
		supported.addAll(List.of("staff_id", "agency_code", "unit_path", "position", PersonClaims.NATIONAL_ID,
				PersonClaims.ORGANIZATION));
		claims.put("claims_supported", supported);
	}

}
