package vn.thanglong.id.support;

import java.io.IOException;
import java.net.URI;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.AuthorizationGrant;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenIntrospectionRequest;
import com.nimbusds.oauth2.sdk.TokenIntrospectionResponse;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.TokenRevocationRequest;
import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.oauth2.sdk.token.AccessToken;
import com.nimbusds.oauth2.sdk.token.Token;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import com.nimbusds.openid.connect.sdk.UserInfoRequest;
import com.nimbusds.openid.connect.sdk.token.OIDCTokens;
import com.nimbusds.openid.connect.sdk.UserInfoResponse;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An agency system, as it would integrate: the Nimbus OAuth 2.0 / OpenID Connect SDK with
 * discovery, code flow with PKCE, ID token validation against the published JWKS, userinfo,
 * refresh, introspection and revocation.
 */
public final class RelyingParty {

	private final OIDCProviderMetadata provider;

	private final ClientID clientId;

	private final ClientAuthentication authentication;

	private final URI redirectUri;

	private final JWSAlgorithm idTokenAlg;

	private final IDTokenValidator validator;

	private RelyingParty(OIDCProviderMetadata provider, String clientId, String secret, URI redirectUri,
			JWSAlgorithm idTokenAlg) throws IOException {
		this.provider = provider;
		this.clientId = new ClientID(clientId);
		this.authentication = (secret != null) ? new ClientSecretBasic(this.clientId, new Secret(secret)) : null;
		this.redirectUri = redirectUri;
		this.idTokenAlg = idTokenAlg;
		this.validator = new IDTokenValidator(provider.getIssuer(), this.clientId, idTokenAlg,
				provider.getJWKSetURI().toURL());
	}

	/** Discovers the provider from its issuer (OIDC Discovery 1.0 section 4). */
	public static RelyingParty discover(String issuer, String clientId, String secret, String redirectUri,
			JWSAlgorithm idTokenAlg) {
		try {
			OIDCProviderMetadata metadata = OIDCProviderMetadata.resolve(new Issuer(issuer));
			return new RelyingParty(metadata, clientId, secret, URI.create(redirectUri), idTokenAlg);
		}
		catch (Exception ex) {
			throw new IllegalStateException("discovery failed for " + issuer, ex);
		}
	}

	public OIDCProviderMetadata provider() {
		return this.provider;
	}

	public ClientID clientId() {
		return this.clientId;
	}

	public URI redirectUri() {
		return this.redirectUri;
	}

	/** A fresh authorization request with state, nonce and an S256 code challenge. */
	public Flow start(String scope) {
		return start(scope, (builder) -> {
		});
	}

	public Flow start(String scope, java.util.function.Consumer<AuthenticationRequest.Builder> customizer) {
		State state = new State();
		Nonce nonce = new Nonce();
		CodeVerifier verifier = new CodeVerifier();
		AuthenticationRequest.Builder builder = new AuthenticationRequest.Builder(ResponseType.CODE,
				Scope.parse(scope), this.clientId, this.redirectUri)
			.endpointURI(this.provider.getAuthorizationEndpointURI())
			.state(state)
			.nonce(nonce)
			.codeChallenge(verifier, CodeChallengeMethod.S256);
		customizer.accept(builder);
		return new Flow(builder.build(), state, nonce, verifier);
	}

	public HTTPResponse token(AuthorizationGrant grant) {
		TokenRequest request = (this.authentication != null)
				? new TokenRequest(this.provider.getTokenEndpointURI(), this.authentication, grant, null)
				: new TokenRequest(this.provider.getTokenEndpointURI(), this.clientId, grant, null);
		return send(request.toHTTPRequest());
	}

	public HTTPResponse exchange(Flow flow, AuthorizationCode code) {
		return token(new AuthorizationCodeGrant(code, this.redirectUri, flow.verifier()));
	}

	/** Exchanges the code and returns the tokens, failing the test (with the body) unless that succeeds. */
	public OIDCTokens redeem(Flow flow, AuthorizationCode code) {
		HTTPResponse http = exchange(flow, code);
		TokenResponse parsed = parseTokens(http);
		assertThat(parsed.indicatesSuccess()).as(http.getBody()).isTrue();
		return ((OIDCTokenResponse) parsed).getOIDCTokens();
	}

	public static TokenResponse parseTokens(HTTPResponse response) {
		try {
			return OIDCTokenResponseParser.parse(response);
		}
		catch (ParseException ex) {
			throw new IllegalStateException("unparseable token response: " + response.getBody(), ex);
		}
	}

	/** Validates signature (against the JWKS), issuer, audience, expiry and nonce (OIDC Core 3.1.3.7). */
	public IDTokenClaimsSet validateIdToken(com.nimbusds.jwt.JWT idToken, Nonce nonce) {
		try {
			return this.validator.validate(idToken, nonce);
		}
		catch (Exception ex) {
			throw new AssertionError("ID token rejected: " + ex.getMessage(), ex);
		}
	}

	public HTTPResponse userInfo(AccessToken accessToken) {
		return send(new UserInfoRequest(this.provider.getUserInfoEndpointURI(), accessToken).toHTTPRequest());
	}

	public static UserInfoResponse parseUserInfo(HTTPResponse response) {
		try {
			return UserInfoResponse.parse(response);
		}
		catch (ParseException ex) {
			throw new IllegalStateException(ex);
		}
	}

	public TokenIntrospectionResponse introspect(Token token) {
		try {
			return TokenIntrospectionResponse.parse(send(new TokenIntrospectionRequest(
					this.provider.getIntrospectionEndpointURI(), this.authentication, token).toHTTPRequest()));
		}
		catch (ParseException ex) {
			throw new IllegalStateException(ex);
		}
	}

	public HTTPResponse revoke(Token token) {
		TokenRevocationRequest request = (this.authentication != null)
				? new TokenRevocationRequest(this.provider.getRevocationEndpointURI(), this.authentication, token)
				// a public client names itself (RFC 7009 section 2.1)
				: new TokenRevocationRequest(this.provider.getRevocationEndpointURI(), this.clientId, token);
		return send(request.toHTTPRequest());
	}

	public JWSAlgorithm idTokenAlg() {
		return this.idTokenAlg;
	}

	private static HTTPResponse send(com.nimbusds.oauth2.sdk.http.HTTPRequest request) {
		try {
			return request.send();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** One authorization request and the secrets the client keeps for it. */
	public record Flow(AuthenticationRequest request, State state, Nonce nonce, CodeVerifier verifier) {

		public URI uri() {
			return this.request.toURI();
		}

	}


}
