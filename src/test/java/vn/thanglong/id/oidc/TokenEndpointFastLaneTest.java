package vn.thanglong.id.oidc;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.oauth2.server.authorization.InMemoryOAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.context.AuthorizationServerContextHolder;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.security.oauth2.server.authorization.token.DelegatingOAuth2TokenGenerator;
import org.springframework.security.oauth2.server.authorization.token.JwtGenerator;
import org.springframework.security.oauth2.server.authorization.token.OAuth2AccessTokenGenerator;
import org.springframework.security.oauth2.server.authorization.token.OAuth2RefreshTokenGenerator;
import tools.jackson.databind.json.JsonMapper;

import vn.thanglong.id.realm.ClientSecretHasher;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which requests {@link TokenEndpointFastLane} answers itself and which it leaves to the
 * security filter chain: it may only ever answer a request the chain would have granted, or
 * refuse a grant with the chain's own error handler; anything else reaches the chain untouched.
 */
class TokenEndpointFastLaneTest {

	private static final String SECRET = "service-secret-for-lane-tests-0123456789";

	private static final String TOKEN = "/realms/e2e/oauth2/token";

	private static final String INTROSPECT = "/realms/e2e/oauth2/introspect";

	private static TokenEndpointFastLane lane;

	@BeforeAll
	static void lane() throws Exception {
		ClientSecretHasher secrets = new ClientSecretHasher();
		RegisteredClient service = client("service", secrets, AuthorizationGrantType.CLIENT_CREDENTIALS);
		RegisteredClient webApp = client("web-app", secrets, AuthorizationGrantType.AUTHORIZATION_CODE);
		RSAKey key = new RSAKeyGenerator(2048).keyID("test").generate();
		JwtGenerator jwt = new JwtGenerator(new NimbusJwtEncoder(new ImmutableJWKSet<>(new JWKSet(key))));
		lane = new TokenEndpointFastLane(AuthorizationServerSettings.builder().multipleIssuersAllowed(true).build(),
				new InMemoryRegisteredClientRepository(service, webApp), new InMemoryOAuth2AuthorizationService(),
				secrets, new DelegatingOAuth2TokenGenerator(jwt, new OAuth2AccessTokenGenerator(),
						new OAuth2RefreshTokenGenerator()),
				new TokenResponses(), new OAuth2ErrorResponder());
	}

	private static RegisteredClient client(String id, ClientSecretHasher secrets, AuthorizationGrantType grant) {
		return RegisteredClient.withId(id + "-id")
			.clientId(id)
			.clientSecret(secrets.encode(SECRET))
			.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
			.authorizationGrantType(grant)
			.redirectUri("https://rp.example/cb")
			.scope("reports.read")
			.tokenSettings(TokenSettings.builder().accessTokenTimeToLive(Duration.ofMinutes(5)).build())
			.build();
	}

	private static MockHttpServletRequest post(String path, String clientId, String secret, String... parameters) {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", path);
		request.setServerName("id.example");
		request.setServerPort(443);
		request.setScheme("https");
		request.setSecure(true);
		request.setContentType("application/x-www-form-urlencoded");
		if (clientId != null) {
			request.addHeader("Authorization", "Basic " + Base64.getEncoder()
				.encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8)));
		}
		for (int i = 0; i < parameters.length; i += 2) {
			request.addParameter(parameters[i], parameters[i + 1]);
		}
		return request;
	}

	private record Outcome(MockHttpServletResponse response, boolean reachedChain) {

		Map<?, ?> body() throws Exception {
			return JsonMapper.shared().readValue(this.response.getContentAsString(), Map.class);
		}

	}

	private static Outcome send(MockHttpServletRequest request) throws Exception {
		MockHttpServletResponse response = new MockHttpServletResponse();
		MockFilterChain chain = new MockFilterChain();
		lane.doFilter(request, response, chain);
		assertThat(SecurityContextHolder.getContext().getAuthentication()).as("security context left behind").isNull();
		assertThat(AuthorizationServerContextHolder.getContext()).as("server context left behind").isNull();
		return new Outcome(response, chain.getRequest() != null);
	}

	private static void assertLeftToTheChain(Outcome outcome) {
		assertThat(outcome.reachedChain()).isTrue();
		assertThat(outcome.response().getContentLength()).isZero();
		assertThat(outcome.response().getHeaderNames()).isEmpty();
	}

	@Test
	void whenServiceAsksForClientCredentialsThenTheLaneIssuesTheTokenWithTheRequestsIssuerAndTheChainsHeaders()
			throws Exception {
		Outcome outcome = send(post(TOKEN, "service", SECRET, "grant_type", "client_credentials", "scope",
				"reports.read"));

		assertThat(outcome.reachedChain()).isFalse();
		assertThat(outcome.response().getStatus()).isEqualTo(200);
		assertThat(outcome.response().getHeader("Cache-Control")).isEqualTo("no-store");
		assertThat(outcome.response().getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
		assertThat(outcome.response().getHeader("X-Frame-Options")).isEqualTo("DENY");
		assertThat(outcome.response().getHeader("Strict-Transport-Security")).startsWith("max-age=");
		Map<?, ?> body = outcome.body();
		assertThat(body.get("token_type")).isEqualTo("Bearer");
		assertThat(body.get("expires_in")).isEqualTo(300);
		assertThat(body.get("scope")).isEqualTo("reports.read");
		SignedJWT token = SignedJWT.parse((String) body.get("access_token"));
		assertThat(token.getJWTClaimsSet().getIssuer()).isEqualTo("https://id.example/realms/e2e");
		assertThat(token.getJWTClaimsSet().getSubject()).isEqualTo("service");
	}

	@Test
	void whenTheGrantIsRefusedThenTheLaneAnswersWithTheChainsErrorHandler() throws Exception {
		Outcome outcome = send(post(TOKEN, "service", SECRET, "grant_type", "client_credentials", "scope",
				"reports.write"));

		assertThat(outcome.reachedChain()).isFalse();
		assertThat(outcome.response().getStatus()).isEqualTo(400);
		assertThat(outcome.body().get("error")).isEqualTo("invalid_scope");
		assertThat(outcome.response().getHeader("Cache-Control")).isEqualTo("no-store");
	}

	@Test
	void whenTheSecretIsWrongThenTheChainAnswers() throws Exception {
		assertLeftToTheChain(send(post(TOKEN, "service", "wrong-" + SECRET, "grant_type", "client_credentials")));
	}

	@Test
	void whenTheClientIsUnknownThenTheChainAnswers() throws Exception {
		assertLeftToTheChain(send(post(TOKEN, "nobody", SECRET, "grant_type", "client_credentials")));
	}

	@Test
	void whenTheClientIsNotRegisteredForTheGrantThenTheChainAnswers() throws Exception {
		assertLeftToTheChain(send(post(TOKEN, "web-app", SECRET, "grant_type", "client_credentials")));
	}

	@Test
	void whenTheClientAlsoSendsItsSecretInTheBodyThenTheChainAnswers() throws Exception {
		assertLeftToTheChain(send(post(TOKEN, "service", SECRET, "grant_type", "client_credentials", "client_secret",
				SECRET)));
	}

	@Test
	void whenTheClientAuthenticatesInTheBodyThenTheChainAnswers() throws Exception {
		assertLeftToTheChain(send(post(TOKEN, null, null, "grant_type", "client_credentials", "client_id", "service",
				"client_secret", SECRET)));
	}

	@Test
	void whenGrantTypeIsRepeatedOrAnotherGrantThenTheChainAnswers() throws Exception {
		MockHttpServletRequest twice = post(TOKEN, "service", SECRET, "grant_type", "client_credentials");
		twice.addParameter("grant_type", "client_credentials");
		assertLeftToTheChain(send(twice));
		assertLeftToTheChain(send(post(TOKEN, "service", SECRET, "grant_type", "authorization_code", "code", "x")));
		assertLeftToTheChain(send(post(TOKEN, "service", SECRET)));
	}

	@Test
	void whenTheRequestHasAQueryStringThenTheChainAnswers() throws Exception {
		// the stock converters read the body only; a grant type in the query is the chain's to refuse
		MockHttpServletRequest request = post(TOKEN, "service", SECRET, "grant_type", "client_credentials");
		request.setQueryString("grant_type=client_credentials");
		assertLeftToTheChain(send(request));
	}

	@Test
	void whenTheBasicHeaderIsNotBase64ThenTheChainAnswers() throws Exception {
		MockHttpServletRequest request = post(TOKEN, null, null, "grant_type", "client_credentials");
		request.addHeader("Authorization", "Basic %%%");
		assertLeftToTheChain(send(request));
	}

	@Test
	void whenTheRequestIsNotAPostToATokenOrIntrospectionEndpointOfARealmThenTheChainAnswers() throws Exception {
		MockHttpServletRequest get = post(TOKEN, "service", SECRET, "grant_type", "client_credentials");
		get.setMethod("GET");
		assertLeftToTheChain(send(get));
		assertLeftToTheChain(send(post("/realms/e2e/oauth2/revoke", "service", SECRET, "token", "x")));
		assertLeftToTheChain(send(post("/oauth2/token", "service", SECRET, "grant_type", "client_credentials")));
	}

	@Test
	void whenAnIssuedTokenIsIntrospectedThenTheLaneAnswersActiveAndAnUnknownOneInactive() throws Exception {
		Outcome issued = send(post(TOKEN, "service", SECRET, "grant_type", "client_credentials"));
		String accessToken = (String) issued.body().get("access_token");

		Outcome active = send(post(INTROSPECT, "service", SECRET, "token", accessToken));
		Outcome unknown = send(post(INTROSPECT, "service", SECRET, "token", "not-a-token"));

		assertThat(active.reachedChain()).isFalse();
		assertThat(active.response().getStatus()).isEqualTo(200);
		assertThat(active.response().getHeader("Cache-Control")).isEqualTo("no-store");
		assertThat(active.body().get("active")).isEqualTo(true);
		assertThat(active.body().get("client_id")).isEqualTo("service");
		assertThat(unknown.reachedChain()).isFalse();
		assertThat(unknown.body().get("active")).isEqualTo(false);
	}

	@Test
	void whenIntrospectionLacksTheTokenThenTheLaneAnswersInvalidRequest() throws Exception {
		Outcome outcome = send(post(INTROSPECT, "service", SECRET));

		assertThat(outcome.reachedChain()).isFalse();
		assertThat(outcome.response().getStatus()).isEqualTo(400);
		assertThat(outcome.body().get("error")).isEqualTo("invalid_request");
	}

	@Test
	void whenIntrospectionSecretIsWrongThenTheChainAnswers() throws Exception {
		assertLeftToTheChain(send(post(INTROSPECT, "service", "wrong-" + SECRET, "token", "x")));
	}

}
