package vn.thanglong.id.oidc;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Locale;

import com.nimbusds.oauth2.sdk.ClientCredentialsGrant;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.id.ClientID;
import org.junit.jupiter.api.Test;

import vn.thanglong.id.support.ProviderIT;
import vn.thanglong.id.support.RawHttp;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.thanglong.id.support.RawHttp.assertNoInternals;
import static vn.thanglong.id.support.RawHttp.describe;

/**
 * Bearer-token errors of the userinfo endpoint (OIDC Core section 5.3.3, RFC 6750 section 3):
 * an API answers 401 with a {@code WWW-Authenticate: Bearer} challenge, never a login page.
 */
class UserInfoEndpointIT extends ProviderIT {

	private final RawHttp http = new RawHttp();

	private String userInfo() {
		return issuer("e2e") + "/userinfo";
	}

	private static String challenge(HttpResponse<String> response) {
		return response.headers().firstValue("WWW-Authenticate")
			.orElseThrow(() -> new AssertionError("no WWW-Authenticate: " + describe(response)));
	}

	private String clientCredentialsToken(String realm, String clientId, String secret) throws Exception {
		HTTPResponse response = new TokenRequest(URI.create(issuer(realm) + "/oauth2/token"),
				new ClientSecretBasic(new ClientID(clientId), new Secret(secret)), new ClientCredentialsGrant(),
				Scope.parse("records.read"))
			.toHTTPRequest()
			.send();
		return TokenResponse.parse(response).toSuccessResponse().getTokens().getAccessToken().getValue();
	}

	@Test
	void whenUserInfoIsCalledWithoutATokenThen401WithBearerChallenge() {
		HttpResponse<String> response = this.http.get(userInfo());
		assertThat(response.statusCode()).as(describe(response)).isEqualTo(401);
		assertThat(challenge(response)).startsWith("Bearer");
		assertNoInternals(response);
	}

	@Test
	void whenUserInfoIsPostedWithoutATokenThen401WithBearerChallenge() {
		HttpResponse<String> response = this.http.postForm(userInfo(), "");
		assertThat(response.statusCode()).as(describe(response)).isEqualTo(401);
		assertThat(challenge(response)).startsWith("Bearer");
	}

	@Test
	void whenUserInfoGetsTwoAuthorizationHeadersThenInvalidRequest() throws Exception {
		// RFC 9110 section 11.6.2 allows one; the first one used to win
		String token = clientCredentialsToken("e2e", "service", TokenEndpointIT.SERVICE_SECRET);
		HttpResponse<String> response = this.http.get(userInfo(), "Authorization", "Bearer " + token, "Authorization",
				"Bearer garbage-token");
		assertThat(response.statusCode()).as(describe(response)).isEqualTo(400);
		assertThat(challenge(response)).contains("error=\"invalid_request\"");
	}

	/**
	 * RFC 6750 section 2.3 (the token in the URL) is not offered: it is said so, alone or next to
	 * a header token (it was ignored: a lone one got a challenge without an error, one beside a
	 * header passed unnoticed, though a client must not send two).
	 */
	@Test
	void whenUserInfoGetsTheTokenInTheQueryStringThenInvalidRequest() throws Exception {
		String token = clientCredentialsToken("e2e", "service", TokenEndpointIT.SERVICE_SECRET);
		for (HttpResponse<String> response : List.of(this.http.get(userInfo() + "?access_token=" + token),
				this.http.get(userInfo() + "?access_token=" + token, "Authorization", "Bearer " + token),
				this.http.postForm(userInfo() + "?access_token=" + token, ""))) {
			assertThat(response.statusCode()).as(describe(response)).isEqualTo(400);
			assertThat(challenge(response)).contains("error=\"invalid_request\"");
			assertNoInternals(response);
		}
	}

	@Test
	void whenUserInfoIsCalledWithAGarbageTokenThen401InvalidToken() {
		HttpResponse<String> response = this.http.get(userInfo(), "Authorization", "Bearer garbage-token");
		assertThat(response.statusCode()).as(describe(response)).isEqualTo(401);
		assertThat(challenge(response)).startsWith("Bearer").contains("error=\"invalid_token\"");
		assertThat(challenge(response)).as("a fixed description, not the JWT decoder's message (house rule 5)")
			.isEqualTo("Bearer realm=\"e2e\", resource_metadata=\"" + baseUrl()
					+ "/.well-known/oauth-protected-resource/realms/e2e/userinfo\", error=\"invalid_token\"");
		assertNoInternals(response);
	}

	@Test
	void whenUserInfoIsCalledWithATokenOfAnotherRealmThen401InvalidToken() throws Exception {
		String token = clientCredentialsToken("other", "web-app", TokenEndpointIT.OTHER_WEB_SECRET);
		HttpResponse<String> response = this.http.get(userInfo(), "Authorization", "Bearer " + token);
		assertThat(response.statusCode()).as(describe(response)).isEqualTo(401);
		assertThat(challenge(response)).contains("error=\"invalid_token\"");
	}

	@Test
	void whenUserInfoIsCalledWithAClientCredentialsTokenThenRefused() throws Exception {
		// no user and no openid scope behind this token
		String token = clientCredentialsToken("e2e", "service", TokenEndpointIT.SERVICE_SECRET);
		HttpResponse<String> response = this.http.get(userInfo(), "Authorization", "Bearer " + token);
		assertThat(response.statusCode()).as(describe(response)).isIn(401, 403);
		assertThat(challenge(response)).as(describe(response)).startsWith("Bearer")
			.containsAnyOf("error=\"invalid_token\"", "error=\"insufficient_scope\"");
		assertNoInternals(response);
	}

	@Test
	void whenBearerChallengeNamesResourceMetadataThenThatDocumentExists() {
		HttpResponse<String> response = this.http.get(userInfo());
		assertThat(response.statusCode()).as(describe(response)).isEqualTo(401);
		String challenge = challenge(response);
		assertThat(challenge).as("no token, no error code (RFC 6750 3.1)").startsWith("Bearer").doesNotContain("error=");
		java.util.regex.Matcher metadata = java.util.regex.Pattern.compile("resource_metadata=\"([^\"]+)\"")
			.matcher(challenge);
		assertThat(metadata.find()).as("RFC 9728 5.1 resource_metadata in %s", challenge).isTrue();
		assertThat(metadata.group(1)).isEqualTo(baseUrl() + "/.well-known/oauth-protected-resource/realms/e2e/userinfo");
		HttpResponse<String> document = this.http.get(metadata.group(1));
		assertThat(document.statusCode()).as("advertised resource metadata %s", describe(document)).isEqualTo(200);
		assertThat(document.headers().firstValue("Content-Type").orElse("").toLowerCase(Locale.ROOT))
			.startsWith("application/json");
		assertThat(RawHttp.json(document)).as("what userinfo does: no mTLS-bound tokens, header or body")
			.containsEntry("resource", userInfo())
			.containsEntry("authorization_servers", java.util.List.of(issuer("e2e")))
			.doesNotContainEntry("tls_client_certificate_bound_access_tokens", true)
			.containsEntry("bearer_methods_supported", java.util.List.of("header", "body"));
	}

}
