package vn.thanglong.id.oidc;

import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import org.springframework.security.crypto.keygen.Base64StringKeyGenerator;
import org.springframework.security.crypto.keygen.StringKeyGenerator;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
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
 * client's refresh token lifetime from the moment it is issued.
 */
final class RotatingRefreshTokens implements OAuth2TokenGenerator<OAuth2RefreshToken> {

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
		return new OAuth2RefreshToken(this.values.generateKey(), issuedAt,
				issuedAt.plus(context.getRegisteredClient().getTokenSettings().getRefreshTokenTimeToLive()));
	}

}
