package vn.thanglong.id.oidc;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.Date;
import java.util.Map;

import com.nimbusds.oauth2.sdk.ClientCredentialsGrant;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenIntrospectionRequest;
import com.nimbusds.oauth2.sdk.TokenIntrospectionResponse;
import com.nimbusds.oauth2.sdk.TokenIntrospectionSuccessResponse;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.TokenRevocationRequest;
import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.ClientSecretPost;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.token.AccessToken;
import com.nimbusds.oauth2.sdk.token.BearerAccessToken;
import com.nimbusds.oauth2.sdk.token.Token;
import com.nimbusds.oauth2.sdk.token.TypelessAccessToken;
import org.junit.jupiter.api.Test;

import vn.thanglong.id.support.ProviderIT;
import vn.thanglong.id.support.RawHttp;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.thanglong.id.support.RawHttp.assertError;
import static vn.thanglong.id.support.RawHttp.basic;
import static vn.thanglong.id.support.RawHttp.describe;
import static vn.thanglong.id.support.RawHttp.form;

/**
 * Token introspection (RFC 7662) and revocation (RFC 7009) per realm, driven by the Nimbus
 * SDK as a resource server and an agency back end would: active and inactive answers,
 * client authentication, and isolation between realms.
 */
class IntrospectionRevocationIT extends ProviderIT {

	private final RawHttp http = new RawHttp();

	@org.springframework.beans.factory.annotation.Autowired
	org.springframework.jdbc.core.simple.JdbcClient jdbc;

	static final String RECORDS_API_SECRET = "records-api-secret-for-tests-only-012345";

	/** A resource server, registered to introspect the tokens of service, spa and web-app. */
	static ClientSecretBasic recordsApi() {
		return new ClientSecretBasic(new ClientID("records-api"), new Secret(RECORDS_API_SECRET));
	}

	static ClientSecretBasic service() {
		return new ClientSecretBasic(new ClientID("service"), new Secret(TokenEndpointIT.SERVICE_SECRET));
	}

	private static ClientSecretPost postClient() {
		return new ClientSecretPost(new ClientID("post-client"), new Secret(TokenEndpointIT.POST_SECRET));
	}

	private static ClientSecretBasic otherWebApp() {
		return new ClientSecretBasic(new ClientID("web-app"), new Secret(TokenEndpointIT.OTHER_WEB_SECRET));
	}

	private static ClientSecretBasic e2eWebApp() {
		return new ClientSecretBasic(new ClientID("web-app"), new Secret(TokenEndpointIT.WEB_SECRET));
	}

	private URI endpoint(String realm, String path) {
		return URI.create(issuer(realm) + "/oauth2/" + path);
	}

	private AccessToken issue(String realm, ClientAuthentication client) throws Exception {
		HTTPResponse response = new TokenRequest(endpoint(realm, "token"), client, new ClientCredentialsGrant(),
				Scope.parse("records.read"))
			.toHTTPRequest()
			.send();
		TokenResponse parsed = TokenResponse.parse(response);
		assertThat(parsed.indicatesSuccess()).as(response.getBody()).isTrue();
		return parsed.toSuccessResponse().getTokens().getAccessToken();
	}

	private TokenIntrospectionResponse introspect(String realm, ClientAuthentication client, Token token)
			throws Exception {
		HTTPResponse response = new TokenIntrospectionRequest(endpoint(realm, "introspect"), client, token)
			.toHTTPRequest()
			.send();
		assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(200);
		return TokenIntrospectionResponse.parse(response);
	}

	private HTTPResponse revoke(String realm, ClientAuthentication client, Token token) throws Exception {
		return new TokenRevocationRequest(endpoint(realm, "revoke"), client, token).toHTTPRequest().send();
	}

	// ---- introspection ---------------------------------------------------------------------

	@Test
	void whenActiveTokenIsIntrospectedThenActiveWithClientScopeExpiryAndIssuer() throws Exception {
		AccessToken token = issue("e2e", service());

		TokenIntrospectionSuccessResponse response = introspect("e2e", service(), token).toSuccessResponse();

		assertThat(response.isActive()).isTrue();
		assertThat(response.getClientID()).isEqualTo(new ClientID("service"));
		assertThat(response.getScope()).isEqualTo(Scope.parse("records.read"));
		assertThat(response.getExpirationTime()).isAfter(new Date());
		assertThat(response.getIssueTime()).isNotNull();
		assertThat(response.getIssuer().getValue()).isEqualTo(issuer("e2e"));
		assertThat(response.getSubject().getValue()).isEqualTo("service");
		assertThat(response.getTokenType()).isEqualTo(com.nimbusds.oauth2.sdk.token.AccessTokenType.BEARER);
	}

	@Test
	void whenATokenIsIntrospectedByAClientItWasNotIssuedToThenInactiveAndNothingElse() throws Exception {
		// RFC 7662 sections 2.2 and 4: only the protected resources allowed to introspect a token learn about it
		AccessToken token = issue("e2e", service());

		// client_secret_post goes through the security filter chain, Basic through the fast lane: both refuse
		TokenIntrospectionSuccessResponse byPost = introspect("e2e", postClient(), token).toSuccessResponse();
		TokenIntrospectionSuccessResponse byBasic = introspect("e2e", e2eWebApp(), token).toSuccessResponse();

		assertThat(byPost.isActive()).isFalse();
		assertThat(byPost.toJSONObject().keySet()).containsExactly("active");
		assertThat(byBasic.isActive()).isFalse();
		assertThat(byBasic.toJSONObject().keySet()).containsExactly("active");
		assertThat(introspect("e2e", service(), token).toSuccessResponse().isActive()).as("its own client").isTrue();
	}

	@Test
	void whenAClientIntrospectsItsOwnTokenWithClientSecretPostThenActive() throws Exception {
		AccessToken token = issue("e2e", postClient());
		TokenIntrospectionSuccessResponse response = introspect("e2e", postClient(), token).toSuccessResponse();
		assertThat(response.isActive()).isTrue();
		assertThat(response.getClientID()).isEqualTo(new ClientID("post-client"));
	}

	@Test
	void whenAResourceServerIntrospectsATokenOfAClientItIsRegisteredForThenItIsToldAll() throws Exception {
		AccessToken token = issue("e2e", service());

		TokenIntrospectionSuccessResponse byResource = introspect("e2e", recordsApi(), token).toSuccessResponse();

		assertThat(byResource.isActive()).isTrue();
		assertThat(byResource.toJSONObject())
			.isEqualTo(introspect("e2e", service(), token).toSuccessResponse().toJSONObject());
		assertThat(introspect("e2e", recordsApi(), issue("e2e", postClient())).toSuccessResponse().isActive())
			.as("post-client is not among the clients records-api introspects for").isFalse();
	}

	@Test
	void whenGarbageIsIntrospectedThenInactiveAndNothingElse() throws Exception {
		TokenIntrospectionSuccessResponse response = introspect("e2e", service(),
				new TypelessAccessToken("garbage-" + "0123456789".repeat(5)))
			.toSuccessResponse();
		assertThat(response.isActive()).isFalse();
		// RFC 7662 section 2.2: an inactive answer SHOULD NOT say more than active=false
		assertThat(response.toJSONObject().keySet()).containsExactly("active");
	}

	@Test
	void whenMalformedJwtIsIntrospectedThenInactive() throws Exception {
		String forged = "eyJhbGciOiJub25lIn0.eyJzdWIiOiJzZXJ2aWNlIn0.";
		assertThat(introspect("e2e", service(), new TypelessAccessToken(forged)).toSuccessResponse().isActive())
			.isFalse();
	}

	@Test
	void whenIntrospectionHasNoClientAuthenticationThen401InvalidClient() throws Exception {
		AccessToken token = issue("e2e", service());
		HttpResponse<String> response = this.http.postForm(endpoint("e2e", "introspect").toString(),
				form("token", token.getValue()));
		// RFC 7662 section 2.3 refers to RFC 6749 section 5.2: 401 with error invalid_client
		assertError(response, 401, "invalid_client");
	}

	@Test
	void whenIntrospectionHasWrongBasicSecretThen401InvalidClientWithBasicChallenge() throws Exception {
		AccessToken token = issue("e2e", service());
		HttpResponse<String> response = this.http.postForm(endpoint("e2e", "introspect").toString(),
				form("token", token.getValue()), "Authorization", basic("service", "wrong-secret"));
		assertError(response, 401, "invalid_client");
		assertThat(response.headers().firstValue("WWW-Authenticate")).as(describe(response))
			.hasValueSatisfying((challenge) -> assertThat(challenge).startsWith("Basic"));
	}

	@Test
	void whenIntrospectionHasNoTokenParameterThenInvalidRequest() {
		HttpResponse<String> response = this.http.postForm(endpoint("e2e", "introspect").toString(),
				form("token_type_hint", "access_token"), "Authorization",
				basic("service", TokenEndpointIT.SERVICE_SECRET));
		assertError(response, 400, "invalid_request");
	}

	@Test
	void whenClientCredentialsTokenIsIssuedThenNothingIsStoredAndItIntrospectsFromItsSignature() throws Exception {
		int before = authorizationsOf("service");

		AccessToken token = issue("e2e", service());

		assertThat(authorizationsOf("service")).isEqualTo(before);
		assertThat(com.nimbusds.jwt.SignedJWT.parse(token.getValue()).getJWTClaimsSet().getClaim("gty"))
			.isEqualTo("client_credentials");
		assertThat(introspect("e2e", service(), token).toSuccessResponse().isActive()).isTrue();
	}

	@Test
	void whenTokenClaimsClientCredentialsButIsSignedByAForeignKeyThenInactive() throws Exception {
		AccessToken genuine = issue("e2e", service());
		com.nimbusds.jwt.SignedJWT copy = com.nimbusds.jwt.SignedJWT.parse(genuine.getValue());
		com.nimbusds.jwt.SignedJWT forged = new com.nimbusds.jwt.SignedJWT(copy.getHeader(), copy.getJWTClaimsSet());
		forged.sign(new com.nimbusds.jose.crypto.RSASSASigner(
				new com.nimbusds.jose.jwk.gen.RSAKeyGenerator(2048).generate()));

		TokenIntrospectionSuccessResponse response = introspect("e2e", service(),
				new TypelessAccessToken(forged.serialize())).toSuccessResponse();

		assertThat(response.isActive()).isFalse();
	}

	private int authorizationsOf(String clientId) {
		return this.jdbc.sql("select count(*) from oauth2_authorization a join realm_client c on c.id = a.registered_client_id "
				+ "where c.realm = 'e2e' and c.client_id = ?").param(clientId).query(Integer.class).single();
	}

	// ---- revocation ------------------------------------------------------------------------

	@Test
	void whenClientCredentialsTokenIsRevokedThenItsJtiIsRememberedUntilItExpires() throws Exception {
		AccessToken token = issue("e2e", service());
		com.nimbusds.jwt.JWTClaimsSet claims = com.nimbusds.jwt.SignedJWT.parse(token.getValue()).getJWTClaimsSet();

		assertThat(revoke("e2e", service(), token).getStatusCode()).isEqualTo(200);
		assertThat(revoke("e2e", service(), token).getStatusCode()).as("revoking twice").isEqualTo(200);

		java.sql.Timestamp until = this.jdbc.sql("select expires_at from revoked_access_token where token_id = ?")
			.param(claims.getJWTID()).query(java.sql.Timestamp.class).single();
		assertThat(until.toInstant()).isEqualTo(claims.getExpirationTime().toInstant());
		assertThat(introspect("e2e", service(), token).toSuccessResponse().isActive()).isFalse();
	}

	@Test
	void whenAccessTokenIsRevokedThen200AndIntrospectionSaysInactive() throws Exception {
		AccessToken token = issue("e2e", service());
		assertThat(introspect("e2e", service(), token).toSuccessResponse().isActive()).isTrue();

		HTTPResponse revoked = revoke("e2e", service(), token);

		assertThat(revoked.getStatusCode()).as(revoked.getBody()).isEqualTo(200);
		assertThat(introspect("e2e", service(), token).toSuccessResponse().isActive()).isFalse();
	}

	@Test
	void whenAccessTokenIsRevokedWithAWrongTypeHintThenItIsStillRevoked() throws Exception {
		// RFC 7009 section 2.1: the hint may be wrong; the server then searches further
		AccessToken token = issue("e2e", service());
		HttpResponse<String> revoked = this.http.postForm(endpoint("e2e", "revoke").toString(),
				form("token", token.getValue(), "token_type_hint", "refresh_token"), "Authorization",
				basic("service", TokenEndpointIT.SERVICE_SECRET));
		assertThat(revoked.statusCode()).as(describe(revoked)).isEqualTo(200);
		assertThat(introspect("e2e", service(), token).toSuccessResponse().isActive()).isFalse();
	}

	@Test
	void whenUnknownTokenIsRevokedThen200() throws Exception {
		// RFC 7009 section 2.2: invalid tokens do not cause an error response
		HTTPResponse revoked = revoke("e2e", service(), new BearerAccessToken("unknown-token-0123456789abcdef"));
		assertThat(revoked.getStatusCode()).as(revoked.getBody()).isEqualTo(200);
	}

	@Test
	void whenRevocationHasNoClientAuthenticationThen401InvalidClient() throws Exception {
		AccessToken token = issue("e2e", service());
		HttpResponse<String> response = this.http.postForm(endpoint("e2e", "revoke").toString(),
				form("token", token.getValue()));
		assertError(response, 401, "invalid_client");
		assertThat(introspect("e2e", service(), token).toSuccessResponse().isActive()).isTrue();
	}

	@Test
	void whenRevocationHasWrongSecretThen401InvalidClientAndTokenStaysActive() throws Exception {
		AccessToken token = issue("e2e", service());
		HttpResponse<String> response = this.http.postForm(endpoint("e2e", "revoke").toString(),
				form("token", token.getValue()), "Authorization", basic("service", "wrong-secret"));
		assertError(response, 401, "invalid_client");
		assertThat(response.headers().firstValue("WWW-Authenticate")).as(describe(response))
			.hasValueSatisfying((challenge) -> assertThat(challenge).startsWith("Basic"));
		assertThat(introspect("e2e", service(), token).toSuccessResponse().isActive()).isTrue();
	}

	@Test
	void whenAnotherClientTriesToRevokeATokenThenRefusedAndTokenStaysActive() throws Exception {
		// RFC 7009 section 2.1: the server verifies the token was issued to the revoking client
		AccessToken token = issue("e2e", service());
		HTTPResponse response = revoke("e2e", postClient(), token);
		// RFC 6749 section 5.2: invalid_grant is for what "was issued to another client"; the client's own
		// credentials were right, so no invalid_client (401) and no challenge
		assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(400);
		assertThat(response.getBody()).contains("\"invalid_grant\"").contains("another client");
		assertThat(introspect("e2e", service(), token).toSuccessResponse().isActive()).isTrue();

		HttpResponse<String> basic = this.http.postForm(endpoint("e2e", "revoke").toString(),
				form("token", token.getValue()), "Authorization", basic("web-app", AuthorizationCodeFlowBrowserIT.WEB_SECRET));
		assertError(basic, 400, "invalid_grant");
		assertThat(basic.headers().firstValue("WWW-Authenticate")).isEmpty();
		assertThat(introspect("e2e", service(), token).toSuccessResponse().isActive()).isTrue();
	}

	@Test
	void whenRevocationHasNoTokenParameterThenInvalidRequest() {
		HttpResponse<String> response = this.http.postForm(endpoint("e2e", "revoke").toString(),
				form("token_type_hint", "access_token"), "Authorization",
				basic("service", TokenEndpointIT.SERVICE_SECRET));
		assertError(response, 400, "invalid_request");
	}

	// ---- isolation between realms ----------------------------------------------------------

	@Test
	void whenTokenOfRealmOtherIsIntrospectedInItsOwnRealmThenActive() throws Exception {
		AccessToken token = issue("other", otherWebApp());
		TokenIntrospectionSuccessResponse response = introspect("other", otherWebApp(), token).toSuccessResponse();
		assertThat(response.isActive()).isTrue();
		assertThat(response.getIssuer().getValue()).isEqualTo(issuer("other"));
	}

	@Test
	void whenTokenOfRealmOtherIsIntrospectedByAClientOfRealmE2eThenInactive() throws Exception {
		AccessToken token = issue("other", otherWebApp());
		// records-api introspects for a web-app: for e2e's, not for this one of realm other
		TokenIntrospectionSuccessResponse response = introspect("e2e", recordsApi(), token).toSuccessResponse();
		Map<String, Object> leaked = response.toJSONObject();
		assertThat(response.isActive()).as("realm e2e must not vouch for a token of realm other: %s", leaked)
			.isFalse();
		assertThat(leaked.keySet()).containsExactly("active");
	}

	@Test
	void whenTokenOfRealmOtherIsIntrospectedByTheSameNamedClientOfRealmE2eThenInactive() throws Exception {
		AccessToken token = issue("other", otherWebApp());
		TokenIntrospectionSuccessResponse response = introspect("e2e", e2eWebApp(), token).toSuccessResponse();
		assertThat(response.isActive()).as("realm e2e must not vouch for a token of realm other: %s",
				response.toJSONObject())
			.isFalse();
	}

	@Test
	void whenTokenOfRealmE2eIsIntrospectedByAClientOfRealmOtherThenInactive() throws Exception {
		// realm other's web-app introspects for a client named service: its own realm's, not this one
		AccessToken token = issue("e2e", service());
		TokenIntrospectionSuccessResponse response = introspect("other", otherWebApp(), token).toSuccessResponse();
		assertThat(response.isActive()).as("realm other must not vouch for a token of realm e2e: %s",
				response.toJSONObject())
			.isFalse();
		AccessToken ownRealms = issue("other", new ClientSecretBasic(new ClientID("service"),
				new Secret("other-realm-service-secret-0123456789")));
		assertThat(introspect("other", otherWebApp(), ownRealms).toSuccessResponse().isActive())
			.as("its own realm's service").isTrue();
	}

	@Test
	void whenSameNamedClientOfRealmE2eRevokesATokenOfRealmOtherThenTheTokenStaysActive() throws Exception {
		// both realms have a client called web-app; they are different clients
		AccessToken token = issue("other", otherWebApp());
		HTTPResponse response = revoke("e2e", e2eWebApp(), token);
		assertThat(response.getStatusCode()).as(response.getBody()).isLessThan(500);
		assertThat(introspect("other", otherWebApp(), token).toSuccessResponse().isActive())
			.as("a client of realm e2e cannot revoke a token of realm other")
			.isTrue();
	}

}
