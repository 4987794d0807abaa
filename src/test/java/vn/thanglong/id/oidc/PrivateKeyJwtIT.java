package vn.thanglong.id.oidc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.oauth2.sdk.ClientCredentialsGrant;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenErrorResponse;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.PrivateKeyJWT;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import vn.thanglong.id.support.TestServices;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code private_key_jwt} client authentication (RFC 7523, OIDC Core section 9) with the
 * client's keys registered inline and behind a {@code jwks_uri}, driven by the Nimbus SDK.
 * The keys are made for this run; none is kept in the repository.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PrivateKeyJwtIT {

	private static final RSAKey INLINE_KEY = rsaKey("inline-1");

	private static final RSAKey URI_KEY = rsaKey("uri-1");

	private static final HttpServer JWKS_SERVER = jwksServer();

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) throws IOException {
		Path realms = Files.createTempDirectory("tlid-pkjwt");
		Path clients = Files.createDirectories(realms.resolve("pkjwt/clients"));
		Files.writeString(realms.resolve("pkjwt/realm.yaml"), "name: pkjwt\ndemo: true\n");
		Files.writeString(clients.resolve("inline.yaml"), """
				clientId: inline-keys
				authMethod: private_key_jwt
				grantTypes: [client_credentials]
				scopes: [records.read]
				jwks: '%s'
				""".formatted(new JWKSet(INLINE_KEY.toPublicJWK()).toString()));
		Files.writeString(clients.resolve("by-uri.yaml"), """
				clientId: keys-by-uri
				authMethod: private_key_jwt
				grantTypes: [client_credentials]
				scopes: [records.read]
				jwksUri: http://127.0.0.1:%d/jwks.json
				""".formatted(JWKS_SERVER.getAddress().getPort()));
		TestServices.freshPostgresDatabase("tlid_pkjwt").register(registry);
		registry.add("idp.realm-config", realms::toString);
		registry.add("idp.keys.directory", () -> realms.resolve("keys").toString());
	}

	@AfterAll
	static void stopJwksServer() {
		JWKS_SERVER.stop(0);
	}

	private TokenResponse clientCredentials(String clientId, RSAKey key) throws Exception {
		URI tokenEndpoint = URI.create("http://localhost:" + this.port + "/realms/pkjwt/oauth2/token");
		PrivateKeyJWT assertion = new PrivateKeyJWT(new ClientID(clientId), tokenEndpoint, JWSAlgorithm.RS256,
				(RSAPrivateKey) key.toPrivateKey(), key.getKeyID(), null);
		return OIDCTokenResponseParser.parse(new TokenRequest(tokenEndpoint, assertion, new ClientCredentialsGrant(),
				new Scope("records.read")).toHTTPRequest().send());
	}

	@Test
	void whenAssertionSignedWithInlineRegisteredKeyThenTokenIssued() throws Exception {
		TokenResponse response = clientCredentials("inline-keys", INLINE_KEY);
		assertThat(response.indicatesSuccess()).as(() -> response.toErrorResponse().getErrorObject().toJSONObject().toString()).isTrue();
	}

	@Test
	void whenAssertionSignedWithKeyFromJwksUriThenTokenIssued() throws Exception {
		TokenResponse response = clientCredentials("keys-by-uri", URI_KEY);
		assertThat(response.indicatesSuccess()).as(() -> response.toErrorResponse().getErrorObject().toJSONObject().toString()).isTrue();
	}

	@Test
	void whenTheSameAssertionIsSentTwiceThenTheSecondIsRefused() throws Exception {
		URI tokenEndpoint = URI.create("http://localhost:" + this.port + "/realms/pkjwt/oauth2/token");
		PrivateKeyJWT assertion = new PrivateKeyJWT(new ClientID("inline-keys"), tokenEndpoint, JWSAlgorithm.RS256,
				(RSAPrivateKey) INLINE_KEY.toPrivateKey(), INLINE_KEY.getKeyID(), null);
		TokenRequest request = new TokenRequest(tokenEndpoint, assertion, new ClientCredentialsGrant(),
				new Scope("records.read"));
		assertThat(OIDCTokenResponseParser.parse(request.toHTTPRequest().send()).indicatesSuccess()).isTrue();
		TokenResponse replay = OIDCTokenResponseParser.parse(request.toHTTPRequest().send());
		assertThat(replay.indicatesSuccess()).isFalse();
		assertThat(((TokenErrorResponse) replay).getErrorObject().getCode()).isEqualTo("invalid_client");
	}

	@Test
	void whenAssertionSignedWithAnotherKeyThenInvalidClient() throws Exception {
		TokenResponse response = clientCredentials("inline-keys", URI_KEY);
		assertThat(response.indicatesSuccess()).isFalse();
		assertThat(((TokenErrorResponse) response).getErrorObject().getCode()).isEqualTo("invalid_client");
		assertThat(((TokenErrorResponse) response).getErrorObject().getHTTPStatusCode()).isEqualTo(401);
	}

	private static RSAKey rsaKey(String kid) {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(2048);
			KeyPair pair = generator.generateKeyPair();
			return new RSAKey.Builder((RSAPublicKey) pair.getPublic()).privateKey(pair.getPrivate()).keyID(kid).build();
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static HttpServer jwksServer() {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
			byte[] body = new JWKSet(URI_KEY.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
			server.createContext("/jwks.json", (exchange) -> {
				exchange.getResponseHeaders().set("Content-Type", "application/json");
				exchange.sendResponseHeaders(200, body.length);
				exchange.getResponseBody().write(body);
				exchange.close();
			});
			server.start();
			return server;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
