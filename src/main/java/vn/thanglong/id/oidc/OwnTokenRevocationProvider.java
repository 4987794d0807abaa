package vn.thanglong.id.oidc;

import java.util.Objects;

import org.jspecify.annotations.Nullable;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;

/**
 * RFC 7009 section 2.1: a client revokes only its own tokens, and is told when the token it
 * names was issued to another client: {@code invalid_grant} (RFC 6749 section 5.2, "issued to
 * another client"), HTTP 400, and the token stays as it was. The stock provider answers
 * {@code invalid_client}, which is 401 with a Basic challenge: it told a client whose
 * credentials were right that they were wrong. Client authentication has succeeded before this
 * provider runs, so an {@code invalid_client} from the stock provider means that mismatch and
 * nothing else.
 */
final class OwnTokenRevocationProvider implements AuthenticationProvider {

	private final AuthenticationProvider stock;

	OwnTokenRevocationProvider(AuthenticationProvider stock) {
		this.stock = Objects.requireNonNull(stock, "stock");
	}

	@Override
	public @Nullable Authentication authenticate(Authentication authentication) {
		try {
			return this.stock.authenticate(authentication);
		}
		catch (OAuth2AuthenticationException ex) {
			if (OAuth2ErrorCodes.INVALID_CLIENT.equals(ex.getError().getErrorCode())) {
				throw new OAuth2AuthenticationException(new OAuth2Error(OAuth2ErrorCodes.INVALID_GRANT,
						"The token was issued to another client.", null), ex);
			}
			throw ex;
		}
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return this.stock.supports(authentication);
	}

}
