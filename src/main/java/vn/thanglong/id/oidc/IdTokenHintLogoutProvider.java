package vn.thanglong.id.oidc;

import java.text.ParseException;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.context.AuthorizationServerContextHolder;
import org.springframework.security.oauth2.server.authorization.oidc.authentication.OidcLogoutAuthenticationToken;

import vn.thanglong.id.keys.KeyRing;
import vn.thanglong.id.keys.SigningKey;

/**
 * RP-Initiated Logout 1.0 section 2: the {@code id_token_hint} is checked by its signature
 * (a key of this realm, published now), issuer and audience, and is accepted after it has
 * expired, as the specification allows. The stock provider instead looks the token up among
 * stored authorizations, so a logout fails once the grant was revoked or purged, and the user
 * stays logged in. {@code post_logout_redirect_uri} must be registered for the client, exactly.
 */
final class IdTokenHintLogoutProvider implements AuthenticationProvider {

	private final KeyRing keys;

	private final RealmRegisteredClientRepository clients;

	private final Subjects subjects;

	IdTokenHintLogoutProvider(KeyRing keys, RealmRegisteredClientRepository clients, Subjects subjects) {
		this.keys = Objects.requireNonNull(keys, "keys");
		this.subjects = Objects.requireNonNull(subjects, "subjects");
		this.clients = Objects.requireNonNull(clients, "clients");
	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		OidcLogoutAuthenticationToken request = (OidcLogoutAuthenticationToken) authentication;
		String issuer = AuthorizationServerContextHolder.getContext().getIssuer();
		String realm = Issuers.realmOf(issuer).orElseThrow(() -> error(OAuth2ErrorCodes.INVALID_REQUEST, "realm"));
		if (request.getIdTokenHint() == null) {
			throw error(OAuth2ErrorCodes.INVALID_REQUEST, "id_token_hint is required");
		}
		JWTClaimsSet claims = verify(realm, issuer, request.getIdTokenHint());
		List<String> audience = claims.getAudience();
		String clientId = (request.getClientId() != null) ? request.getClientId()
				: (audience.size() == 1 ? audience.get(0) : null);
		if (clientId == null || !audience.contains(clientId)) {
			throw error(OAuth2ErrorCodes.INVALID_REQUEST, "client_id does not match the ID token");
		}
		RegisteredClient client = this.clients.findByClientId(clientId);
		if (client == null) {
			throw error(OAuth2ErrorCodes.INVALID_REQUEST, "unknown client");
		}
		String redirect = request.getPostLogoutRedirectUri();
		if (redirect != null && !client.getPostLogoutRedirectUris().contains(redirect)) {
			throw error(OAuth2ErrorCodes.INVALID_REQUEST, "post_logout_redirect_uri is not registered");
		}
		Authentication principal = (Authentication) request.getPrincipal();
		if (request.isPrincipalAuthenticated() && !this.subjects.of(client, principal.getName()).equals(claims.getSubject())) {
			// the hint names someone else than the user of this browser: end nothing
			throw error(OAuth2ErrorCodes.INVALID_TOKEN, "the ID token is not the logged-in user's");
		}
		OidcIdToken idToken = new OidcIdToken(request.getIdTokenHint(),
				(claims.getIssueTime() != null) ? claims.getIssueTime().toInstant() : null,
				(claims.getExpirationTime() != null) ? claims.getExpirationTime().toInstant() : null,
				claims.toJSONObject());
		return new OidcLogoutAuthenticationToken(idToken, principal, request.getSessionId(), clientId, redirect,
				request.getState());
	}

	private JWTClaimsSet verify(String realm, String issuer, String hint) {
		DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
		JWKSet published = new JWKSet(this.keys.publishedKeys(realm).stream().map(SigningKey::publicJwk).toList());
		processor.setJWSKeySelector(new JWSVerificationKeySelector<>(Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256),
				new ImmutableJWKSet<>(published)));
		// expiry is not checked: logging out with an expired ID token is allowed
		processor.setJWTClaimsSetVerifier((claims, context) -> {
		});
		try {
			JWTClaimsSet claims = processor.process(SignedJWT.parse(hint), null);
			if (!issuer.equals(claims.getIssuer()) || claims.getSubject() == null) {
				throw error(OAuth2ErrorCodes.INVALID_TOKEN, "id_token_hint was not issued by this realm");
			}
			return claims;
		}
		catch (ParseException | BadJOSEException | JOSEException ex) {
			throw error(OAuth2ErrorCodes.INVALID_TOKEN, "id_token_hint is not a valid ID token of this realm");
		}
	}

	private static OAuth2AuthenticationException error(String code, String description) {
		return new OAuth2AuthenticationException(new OAuth2Error(code, description,
				"https://openid.net/specs/openid-connect-rpinitiated-1_0.html#RPLogout"));
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return OidcLogoutAuthenticationToken.class.isAssignableFrom(authentication);
	}

}
