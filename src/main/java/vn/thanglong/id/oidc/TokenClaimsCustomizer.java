package vn.thanglong.id.oidc;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;

import vn.thanglong.id.authn.LoginFacts;
import vn.thanglong.id.identity.PersonClaims;
import vn.thanglong.id.identity.ScopeClaims;
import vn.thanglong.id.identity.UserAccounts;

/**
 * Adds what the stock generator leaves out: {@code auth_time}, {@code amr} and {@code acr}
 * in ID tokens (OIDC Core section 2), taken from the login itself, with a {@code sid} of the login
 * per sector ({@link Subjects#sessionOf}) in place of the stock one, and their {@code exp} from the
 * client's {@code idTokenLifetime}; {@code client_id}, an {@code exp} no later than the grant's end, and the
 * {@code at+jwt} type in access tokens (RFC 9068 sections 2.1 and 2.2), and {@code gty} in
 * the self-contained access tokens of the {@code client_credentials} grant; and the user's
 * {@code sub} as the client may see it ({@link Subjects}); and {@code admin_unit} in the
 * access tokens of a client bound to an agency unit (realm-config {@code adminUnit}), which the
 * admin API reads for delegated administration.
 */
final class TokenClaimsCustomizer implements OAuth2TokenCustomizer<JwtEncodingContext> {

	/** The client setting holding the agency code of realm-config's {@code adminUnit}. */
	static final String ADMIN_UNIT_SETTING = "vn.thanglong.id.admin-unit";

	/**
	 * The token setting holding realm-config's {@code idTokenLifetime}: the stock generator gives
	 * every ID token 30 minutes, whatever the client's registration says.
	 */
	static final String ID_TOKEN_LIFETIME_SETTING = "vn.thanglong.id.id-token-lifetime";

	/** The claim the admin API reads; a public contract of the access token, hence spelled out. */
	static final String ADMIN_UNIT_CLAIM = "admin_unit";

	private final Subjects subjects;

	private final PersonClaims personClaims;

	private final ActingOrganizations organizations;

	private final UserAccounts users;

	TokenClaimsCustomizer(Subjects subjects, PersonClaims personClaims, ActingOrganizations organizations,
			UserAccounts users) {
		this.users = Objects.requireNonNull(users, "users");
		this.organizations = Objects.requireNonNull(organizations, "organizations");
		this.subjects = Objects.requireNonNull(subjects, "subjects");
		this.personClaims = Objects.requireNonNull(personClaims, "personClaims");
	}

	/**
	 * Profile claims the {@code claims} parameter asks for in the ID token (OIDC Core 5.5),
	 * among those the granted scopes release.
	 */
	private Map<String, Object> requestedProfileClaims(JwtEncodingContext context) {
		OAuth2Authorization authorization = context.getAuthorization();
		OAuth2AuthorizationRequest request = (authorization != null)
				? authorization.getAttribute(OAuth2AuthorizationRequest.class.getName())
				: null;
		if (request == null) {
			return Map.of();
		}
		Set<String> wanted = ClaimsRequest.parse(request.getAdditionalParameters().get(ClaimsRequest.PARAMETER))
			.orElse(ClaimsRequest.NONE).idToken();
		if (wanted.isEmpty()) {
			return Map.of();
		}
		Map<String, Object> released = new LinkedHashMap<>();
		this.users.findByPersonId(context.getPrincipal().getName())
			.map((account) -> ScopeClaims.release(account, context.getAuthorizedScopes()))
			.ifPresent((claims) -> claims.forEach((name, value) -> {
				if (wanted.contains(name) && !"sub".equals(name) && !PersonClaims.NATIONAL_ID.equals(name)) {
					// the stored authorization accepts only well-known collection types
					released.put(name, (value instanceof Map<?, ?> map) ? new LinkedHashMap<>(map) : value);
				}
			}));
		return released;
	}

	/**
	 * A person locked (or whose account was disabled) after logging in gets no further token:
	 * neither from a code issued just before, nor from a refresh token (which stays unused, so
	 * that unlocking them lets it work again). The access token is the first token of every grant.
	 */
	private void requireActive(String personId) {
		if (!this.users.isActive(personId)) {
			throw new OAuth2AuthenticationException(new OAuth2Error(OAuth2ErrorCodes.INVALID_GRANT,
					"the user's account is locked or disabled", null));
		}
	}

	/**
	 * {@code exp} of a user's access token: never past the end of its grant (the client's
	 * {@code grantLifetime}, {@link RotatingRefreshTokens#grantEnds}), when the grant's refresh
	 * tokens end too. Otherwise the last refresh before the end would give an access token that
	 * outlives the grant by its own lifetime.
	 */
	private static void endWithGrant(JwtEncodingContext context) {
		Instant end = RotatingRefreshTokens.grantEnds(context);
		if (end == null) {
			return;
		}
		context.getClaims().claims((claims) -> {
			if (!(claims.get("exp") instanceof Instant expiresAt && claims.get("iat") instanceof Instant issuedAt)) {
				return;
			}
			if (!end.isAfter(issuedAt)) {
				// as for its refresh tokens (a client without them has only this check)
				throw RotatingRefreshTokens.grantEnded();
			}
			if (expiresAt.isAfter(end)) {
				claims.put("exp", end);
			}
		});
	}

	/** {@code exp} of an ID token: its issue time plus the client's {@code idTokenLifetime}. */
	private static void applyIdTokenLifetime(JwtEncodingContext context) {
		Object lifetime = context.getRegisteredClient().getTokenSettings().getSetting(ID_TOKEN_LIFETIME_SETTING);
		if (lifetime instanceof Duration duration) {
			context.getClaims().claims((claims) -> {
				if (claims.get("iat") instanceof Instant issuedAt) {
					claims.put("exp", issuedAt.plus(duration));
				}
			});
		}
	}

	@Override
	public void customize(JwtEncodingContext context) {
		if (!AuthorizationGrantType.CLIENT_CREDENTIALS.equals(context.getAuthorizationGrantType())) {
			if (OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
				requireActive(context.getPrincipal().getName());
				endWithGrant(context);
			}
			// a user's token: the subject as this client sees it (pairwise by default, OIDC Core section 8)
			context.getClaims().subject(this.subjects.of(context.getRegisteredClient(), context.getPrincipal().getName()));
			if (OidcParameterNames.ID_TOKEN.equals(context.getTokenType().getValue())) {
				applyIdTokenLifetime(context);
				// staff claims; never the personal ID number, which is for userinfo only
				Map<String, Object> extra = new LinkedHashMap<>(this.personClaims.release(
						context.getPrincipal().getName(), context.getAuthorizedScopes(),
						context.getRegisteredClient().getClientId(), false));
				extra.putAll(this.organizations.claims(context.getRegisteredClient(), context.getPrincipal().getName(),
						context.getAuthorizedScopes()));
				extra.putAll(requestedProfileClaims(context));
				extra.forEach((name, value) -> context.getClaims().claim(name, (value instanceof List<?> list)
							? new ArrayList<>(list) : value));
			}
		}
		if (OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
			context.getJwsHeader().type("at+jwt");
			context.getClaims().claim("client_id", context.getRegisteredClient().getClientId());
			// the provider's own APIs this token opens are among its audiences (RFC 9068 section 3)
			List<String> resources = ResourceAudiences.of(context.getAuthorizationServerContext().getIssuer(),
					context.getAuthorizedScopes());
			if (!resources.isEmpty()) {
				context.getClaims().claims((claims) -> {
					List<String> audience = new ArrayList<>();
					if (claims.get("aud") instanceof Collection<?> given) {
						given.forEach((each) -> audience.add(String.valueOf(each)));
					}
					audience.addAll(resources);
					claims.put("aud", audience);
				});
			}
			if (AuthorizationGrantType.CLIENT_CREDENTIALS.equals(context.getAuthorizationGrantType())) {
				// marks the token as self-contained: its grant is not stored (SelfContainedAccessTokens)
				context.getClaims().claim(SelfContainedAccessTokens.GRANT_CLAIM, AuthorizationGrantType.CLIENT_CREDENTIALS.getValue());
			}
			String adminUnit = context.getRegisteredClient().getClientSettings().getSetting(ADMIN_UNIT_SETTING);
			if (adminUnit != null) {
				context.getClaims().claim(ADMIN_UNIT_CLAIM, adminUnit);
			}
			// RFC 9068 section 2.2.3: scope is one space-separated string
			if (!context.getAuthorizedScopes().isEmpty()) {
				context.getClaims().claim("scope", String.join(" ", context.getAuthorizedScopes()));
			}
		}
		Authentication principal = context.getPrincipal();
		LoginFacts.of(principal).ifPresent((facts) -> {
			if (OidcParameterNames.ID_TOKEN.equals(context.getTokenType().getValue())) {
				// a Date: serialised as seconds in the JWT, and accepted when the authorization is read back
				context.getClaims().claim("auth_time", Date.from(facts.authTime()));
				// a mutable list: the stored authorization allows only well-known collection types
				context.getClaims().claim("amr", new ArrayList<>(facts.amr()));
				context.getClaims().claim("acr", facts.acr());
				// instead of the stock one (the hash of whichever of the person's sessions was used last)
				context.getClaims().claim("sid", this.subjects.sessionOf(context.getRegisteredClient(), facts));
			}
		});
	}

}
