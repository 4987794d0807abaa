package vn.thanglong.id.authn;

import org.springframework.security.core.AuthenticationException;

/** Too many recent failures for the submitted name: the attempt is not even checked. */
final class LoginThrottledException extends AuthenticationException {

	private static final long serialVersionUID = 1L;

	LoginThrottledException() {
		super("Too many failed attempts");
	}

}
