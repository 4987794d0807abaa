package vn.thanglong.id.oidc;

import java.text.ParseException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import com.nimbusds.jwt.JWTClaimsSet;
import org.jspecify.annotations.Nullable;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.context.AuthorizationServerContextHolder;
import org.springframework.security.oauth2.server.authorization.oidc.authentication.OidcLogoutAuthenticationToken;

import vn.thanglong.id.authn.LoginFacts;
import vn.thanglong.id.keys.KeyRing;

/**
 * RP-Initiated Logout 1.0 section 2: the {@code id_token_hint} is checked by its signature
 * (a key of this realm, published now), issuer and audience, and is accepted after it has
 * expired, as the specification allows ({@link IdTokenHints}). The stock provider instead looks the token up among
 * stored authorizations, so a logout fails once the grant was revoked or purged, and the user
 * stays logged in. {@code post_logout_redirect_uri} must be registered for the client, exactly;
 * without a hint, {@code client_id} names the client. A request without a hint, or with a hint
 * of someone else than the logged-in user or of another login than this browser's ({@code auth_time}),
 * becomes a {@link LogoutConfirmationToken}: the user is asked before the session ends.
 */
final class RpInitiatedLogoutProvider implements AuthenticationProvider {

	private final IdTokenHints hints;

	private final RealmRegisteredClientRepository clients;

	private final Subjects subjects;

	RpInitiatedLogoutProvider(KeyRing keys, RealmRegisteredClientRepository clients, Subjects subjects) {
		this.hints = new IdTokenHints(keys);
		this.subjects = Objects.requireNonNull(subjects, "subjects");
		this.clients = Objects.requireNonNull(clients, "clients");
	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		if (authentication instanceof LogoutConfirmationToken request) {
			return unhinted(request);
		}
		OidcLogoutAuthenticationToken request = (OidcLogoutAuthenticationToken) authentication;
		String issuer = AuthorizationServerContextHolder.getContext().getIssuer();
		String realm = Issuers.realmOf(issuer).orElseThrow(() -> error(OAuth2ErrorCodes.INVALID_REQUEST, "realm"));
		JWTClaimsSet claims = verify(realm, issuer, request.getIdTokenHint());
		List<String> audience = claims.getAudience();
		String clientId = (request.getClientId() != null) ? request.getClientId()
				: (audience.size() == 1 ? audience.get(0) : null);
		if (clientId == null || !audience.contains(clientId)) {
			throw LogoutRefusal.invalidRequest("client_id does not match the ID token", LogoutRefusal.REASON_HINT_CLIENT);
		}
		RegisteredClient client = registered(clientId, request.getPostLogoutRedirectUri());
		Authentication principal = (Authentication) request.getPrincipal();
		if (request.isPrincipalAuthenticated() && (!this.subjects.of(client, principal.getName()).equals(claims.getSubject())
				|| !ofThisLogin(claims, principal))) {
			// the hint names someone else than the user of this browser, or the user's session of another
			// time (an ID token kept from an earlier login): ask the user
			return LogoutConfirmationToken.checked(principal, clientId, client.getClientName(),
					request.getPostLogoutRedirectUri(), request.getState());
		}
		OidcIdToken idToken = new OidcIdToken(request.getIdTokenHint(),
				(claims.getIssueTime() != null) ? claims.getIssueTime().toInstant() : null,
				(claims.getExpirationTime() != null) ? claims.getExpirationTime().toInstant() : null,
				claims.toJSONObject());
		return new OidcLogoutAuthenticationToken(idToken, principal, request.getSessionId(), clientId,
				request.getPostLogoutRedirectUri(), request.getState());
	}

	/**
	 * Whether the ID token was issued for this browser's login: its {@code auth_time} (OIDC Core
	 * section 2) is the login's, to the second. The session's id would not do: it changes when the
	 * account page logs in as a client of the same session.
	 */
	private static boolean ofThisLogin(JWTClaimsSet claims, Authentication principal) {
		java.util.Date authTime;
		try {
			authTime = claims.getDateClaim("auth_time");
		}
		catch (ParseException ex) {
			return false;
		}
		Optional<LoginFacts> login = LoginFacts.of(principal);
		return authTime != null && login.isPresent()
				&& authTime.toInstant().getEpochSecond() == login.get().authTime().getEpochSecond();
	}

	private LogoutConfirmationToken unhinted(LogoutConfirmationToken request) {
		String clientId = request.clientId();
		if (clientId == null) {
			if (request.postLogoutRedirectUri() != null) {
				// nothing to check the redirect against
				throw LogoutRefusal.invalidRequest("post_logout_redirect_uri needs client_id or id_token_hint",
						LogoutRefusal.REASON_REDIRECT_UNCHECKED);
			}
			return LogoutConfirmationToken.checked((Authentication) request.getPrincipal(), null, null, null,
					request.state());
		}
		RegisteredClient client = registered(clientId, request.postLogoutRedirectUri());
		return LogoutConfirmationToken.checked((Authentication) request.getPrincipal(), clientId,
				client.getClientName(), request.postLogoutRedirectUri(), request.state());
	}

	private RegisteredClient registered(String clientId, @Nullable String postLogoutRedirectUri) {
		RegisteredClient client = this.clients.findByClientId(clientId);
		if (client == null) {
			throw LogoutRefusal.invalidRequest("unknown client", ClientRedirects.REASON_CLIENT);
		}
		if (postLogoutRedirectUri != null && !client.getPostLogoutRedirectUris().contains(postLogoutRedirectUri)) {
			throw LogoutRefusal.invalidRequest("post_logout_redirect_uri is not registered", LogoutRefusal.REASON_REDIRECT_URI);
		}
		return client;
	}

	private JWTClaimsSet verify(String realm, String issuer, String hint) {
		return this.hints.verify(realm, issuer, hint)
			.orElseThrow(() -> new LogoutRefusal(OAuth2ErrorCodes.INVALID_TOKEN,
					"id_token_hint is not a valid ID token of this realm", LogoutRefusal.REASON_HINT));
	}

	private static OAuth2AuthenticationException error(String code, String description) {
		return new OAuth2AuthenticationException(new OAuth2Error(code, description,
				"https://openid.net/specs/openid-connect-rpinitiated-1_0.html#RPLogout"));
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return OidcLogoutAuthenticationToken.class.isAssignableFrom(authentication)
				|| LogoutConfirmationToken.class.isAssignableFrom(authentication);
	}

}
