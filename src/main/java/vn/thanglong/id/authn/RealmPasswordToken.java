package vn.thanglong.id.authn;

import java.util.List;

import org.springframework.security.authentication.AbstractAuthenticationToken;

/** A login attempt in one realm, before it is checked; never stored. */
final class RealmPasswordToken extends AbstractAuthenticationToken {

	private static final long serialVersionUID = 1L;

	private final String realm;

	private final String username;

	private transient String password;

	RealmPasswordToken(String realm, String username, String password) {
		super(List.of());
		this.realm = realm;
		this.username = username;
		this.password = password;
		setAuthenticated(false);
	}

	String realm() {
		return this.realm;
	}

	@Override
	public Object getCredentials() {
		return this.password;
	}

	@Override
	public Object getPrincipal() {
		return this.username;
	}

	@Override
	public void eraseCredentials() {
		this.password = "";
	}

}
