package vn.thanglong.id.oidc;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import org.springframework.security.crypto.keygen.Base64StringKeyGenerator;
import org.springframework.security.crypto.keygen.StringKeyGenerator;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationCode;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenGenerator;

/**
 * Refresh tokens (RFC 6749 section 6) for every client registered for the {@code refresh_token}
 * grant, public clients included: the grant's providers ask for one only then. The stock
 * generator gives a public client none at the code exchange, so a browser application or a
 * citizen's mobile app had to send the person back to the login page whenever its five-minute
 * access token ran out. RFC 9700 section 4.14.2 lets a public client have refresh tokens that
 * rotate, and here every one does: each is good for one use, the grant's client must present it,
 * and a replayed one revokes the whole grant ({@link ReuseDetectingAuthorizationService}).
 * <p>
 * A value is 96 random bytes, BASE64URL-encoded, as the stock generator makes it; it lives the
 * client's refresh token lifetime from the moment it is issued, but never beyond the client's
 * grant lifetime counted from the authorization code the grant began with. Rotation alone would
 * let a client that refreshes now and then keep a grant for good; with the bound, the chain of
 * refresh tokens ends and the user logs in again (the token presented after that moment has
 * expired, which the refresh grant answers with {@code invalid_grant}).
 */
final class RotatingRefreshTokens implements OAuth2TokenGenerator<OAuth2RefreshToken> {

	/** The client's grant lifetime, a {@link Duration} among its token settings. */
	static final String GRANT_LIFETIME_SETTING = "vn.thanglong.id.grant-lifetime";

	private final StringKeyGenerator values = new Base64StringKeyGenerator(Base64.getUrlEncoder().withoutPadding(), 96);

	private final Clock clock;

	RotatingRefreshTokens(Clock clock) {
		this.clock = Objects.requireNonNull(clock, "clock");
	}

	@Override
	public @Nullable OAuth2RefreshToken generate(OAuth2TokenContext context) {
		if (!OAuth2TokenType.REFRESH_TOKEN.equals(context.getTokenType())) {
			return null;
		}
		Instant issuedAt = this.clock.instant();
		Instant expiresAt = issuedAt.plus(context.getRegisteredClient().getTokenSettings().getRefreshTokenTimeToLive());
		Instant grantEnds = grantEnds(context);
		if (grantEnds != null && !grantEnds.isAfter(issuedAt)) {
			// a code redeemed after its grant's lifetime (one longer than the grant's): no tokens, as
			// for a refresh token presented then; the user logs in again
			throw grantEnded();
		}
		// whole seconds, as introspection tells exp (RFC 7662 section 2.2): inactive from that second on
		return new OAuth2RefreshToken(this.values.generateKey(), issuedAt,
				((grantEnds != null && grantEnds.isBefore(expiresAt)) ? grantEnds : expiresAt).truncatedTo(ChronoUnit.SECONDS));
	}

	/** The answer to a request for tokens of a grant past its end ({@link #grantEnds}). */
	static OAuth2AuthenticationException grantEnded() {
		return new OAuth2AuthenticationException(new OAuth2Error(OAuth2ErrorCodes.INVALID_GRANT,
				"The grant has reached the end of its lifetime; the user must log in again.", null));
	}

	/**
	 * When the grant's tokens stop: its authorization code's issue time plus the client's grant
	 * lifetime, in whole seconds (as every token's {@code exp} is told). The code stays with the
	 * grant, spent, through every rotation.
	 */
	static @Nullable Instant grantEnds(OAuth2TokenContext context) {
		Object lifetime = context.getRegisteredClient().getTokenSettings().getSetting(GRANT_LIFETIME_SETTING);
		OAuth2Authorization grant = context.getAuthorization();
		OAuth2Authorization.Token<OAuth2AuthorizationCode> code = (grant != null)
				? grant.getToken(OAuth2AuthorizationCode.class) : null;
		if (!(lifetime instanceof Duration duration) || code == null || code.getToken().getIssuedAt() == null) {
			return null;
		}
		return code.getToken().getIssuedAt().plus(duration).truncatedTo(ChronoUnit.SECONDS);
	}

}
