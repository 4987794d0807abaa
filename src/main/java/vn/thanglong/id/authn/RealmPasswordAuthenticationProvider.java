package vn.thanglong.id.authn;

import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.crypto.password.PasswordEncoder;

import vn.thanglong.id.identity.UserAccounts;

/**
 * Checks a password against the realm's user store. An unknown user, a disabled user and a
 * wrong password fail alike, after the same Argon2id work, so that neither the answer nor its
 * timing tells whether an account exists (NIST SP 800-63B section 5.2.2, RFC 9700 threat model).
 * The authenticated principal's name is the <em>person</em> id, not the account's: everything
 * after login (the {@code sub}, person claims, consents, stored authorizations) is about the
 * person, who may have other credentials. Authorizations stored before this hold the account
 * id, which equalled the person id for every account then. The realm and the time of the
 * password factor travel as authorities, so that they survive storage in the authorization.
 */
final class RealmPasswordAuthenticationProvider implements AuthenticationProvider {

	static final String REALM_AUTHORITY_PREFIX = "REALM_";

	private final UserAccounts users;

	private final PasswordEncoder passwords;

	private final Clock clock;

	/**
	 * A hash of a password nobody knows, matched against for a user who does not exist, so that
	 * the answer takes as long as for a wrong password. Computed off the start-up path (an Argon2
	 * run costs a noticeable part of a start on two cores); a login that needs it first waits.
	 */
	private final CompletableFuture<String> dummyHash;

	private final LoginThrottle throttle;

	RealmPasswordAuthenticationProvider(UserAccounts users, PasswordEncoder passwords, Clock clock,
			LoginThrottle throttle) {
		this.throttle = Objects.requireNonNull(throttle, "throttle");
		this.users = Objects.requireNonNull(users, "users");
		this.passwords = Objects.requireNonNull(passwords, "passwords");
		this.clock = Objects.requireNonNull(clock, "clock");
		this.dummyHash = CompletableFuture.supplyAsync(() -> passwords.encode("timing-equaliser-" + System.nanoTime()),
				(task) -> {
					Thread thread = new Thread(task, "timing-equaliser");
					thread.setDaemon(true);
					thread.start();
				});
	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		RealmPasswordToken attempt = (RealmPasswordToken) authentication;
		String username = String.valueOf(attempt.getPrincipal());
		if (!this.throttle.claimAttempt(attempt.realm(), username)) {
			throw new LoginThrottledException();
		}
		String password = String.valueOf(attempt.getCredentials());
		Optional<UserAccounts.LoginRecord> found;
		boolean matches;
		try {
			found = this.users.findForLogin(attempt.realm(), username);
			String hash = found.map(UserAccounts.LoginRecord::passwordHash).filter(Objects::nonNull)
				.orElseGet(this.dummyHash::join);
			matches = this.passwords.matches(password, hash);
		}
		catch (RuntimeException ex) {
			// no password was judged wrong (the database or the hashing failed): the attempt does not count
			this.throttle.releaseAttempt(attempt.realm(), username);
			throw ex;
		}
		if (found.isEmpty() || !matches || !found.get().account().enabled() || found.get().passwordHash() == null) {
			// counted already, by the claim
			throw new BadCredentialsException("Bad credentials");
		}
		this.throttle.recordSuccess(attempt.realm(), username);
		String personId = found.get().account().personId();
		List<GrantedAuthority> authorities = List.of(
				FactorGrantedAuthority.withAuthority(FactorGrantedAuthority.PASSWORD_AUTHORITY)
					.issuedAt(this.clock.instant()).build(),
				new SimpleGrantedAuthority(REALM_AUTHORITY_PREFIX + attempt.realm()));
		// the person id as the principal, not a UserDetails around it: every stored authorization of the login
		// keeps this token, and each refresh reads it back (a User would carry the authorities a second time)
		return UsernamePasswordAuthenticationToken.authenticated(personId, null, authorities);
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return RealmPasswordToken.class.isAssignableFrom(authentication);
	}

}
