package vn.thanglong.id.oidc;

import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.Authentication;

/**
 * An RP-Initiated Logout request that must be confirmed by the user before it ends the session
 * (RP-Initiated Logout 1.0 section 2: the OP MUST ask when no {@code id_token_hint} was given,
 * or when the hint is not the logged-in user's). Unauthenticated, it carries the request's
 * parameters; authenticated, the client and the post-logout redirect URI have been checked
 * against the registration.
 */
final class LogoutConfirmationToken extends AbstractAuthenticationToken {

	private static final long serialVersionUID = 1L;

	private final Authentication principal;

	private final @Nullable String clientId;

	private final @Nullable String clientName;

	private final @Nullable String postLogoutRedirectUri;

	private final @Nullable String state;

	private LogoutConfirmationToken(Authentication principal, @Nullable String clientId, @Nullable String clientName,
			@Nullable String postLogoutRedirectUri, @Nullable String state, boolean checked) {
		super(List.of());
		this.principal = principal;
		this.clientId = clientId;
		this.clientName = clientName;
		this.postLogoutRedirectUri = postLogoutRedirectUri;
		this.state = state;
		setAuthenticated(checked);
	}

	/** The request as received. */
	static LogoutConfirmationToken received(Authentication principal, @Nullable String clientId,
			@Nullable String postLogoutRedirectUri, @Nullable String state) {
		return new LogoutConfirmationToken(principal, clientId, null, postLogoutRedirectUri, state, false);
	}

	/** The request once its client and redirect URI were checked. */
	static LogoutConfirmationToken checked(Authentication principal, @Nullable String clientId,
			@Nullable String clientName, @Nullable String postLogoutRedirectUri, @Nullable String state) {
		return new LogoutConfirmationToken(principal, clientId, clientName, postLogoutRedirectUri, state, true);
	}

	@Override
	public Object getPrincipal() {
		return this.principal;
	}

	@Override
	public Object getCredentials() {
		return "";
	}

	@Nullable String clientId() {
		return this.clientId;
	}

	@Nullable String clientName() {
		return this.clientName;
	}

	@Nullable String postLogoutRedirectUri() {
		return this.postLogoutRedirectUri;
	}

	@Nullable String state() {
		return this.state;
	}

}
