package vn.thanglong.id.authn;

import java.util.Objects;
import java.util.concurrent.Semaphore;

import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * A password encoder that computes at most a fixed number of hashes at once. An Argon2id hash
 * at the OWASP parameters holds 19 MiB of heap and a core for tens of milliseconds: more hashes
 * at once than there are cores finish no sooner, and a burst of logins (or of guesses) would
 * otherwise need 19 MiB each and could exhaust a heap sized for normal work. Callers beyond the
 * limit wait their turn, in order.
 */
final class BoundedPasswordEncoder implements PasswordEncoder {

	private final PasswordEncoder delegate;

	private final Semaphore permits;

	BoundedPasswordEncoder(PasswordEncoder delegate, int concurrentHashes) {
		this.delegate = Objects.requireNonNull(delegate, "delegate");
		if (concurrentHashes < 1) {
			throw new IllegalArgumentException("at least one hash must be allowed at a time");
		}
		this.permits = new Semaphore(concurrentHashes, true);
	}

	@Override
	public String encode(CharSequence rawPassword) {
		this.permits.acquireUninterruptibly();
		try {
			return this.delegate.encode(rawPassword);
		}
		finally {
			this.permits.release();
		}
	}

	@Override
	public boolean matches(CharSequence rawPassword, String encodedPassword) {
		this.permits.acquireUninterruptibly();
		try {
			return this.delegate.matches(rawPassword, encodedPassword);
		}
		finally {
			this.permits.release();
		}
	}

	/** Reads the stored form only: no hash is computed. */
	@Override
	public boolean upgradeEncoding(String encodedPassword) {
		return this.delegate.upgradeEncoding(encodedPassword);
	}

	/** How many callers are waiting for their turn. */
	int waiting() {
		return this.permits.getQueueLength();
	}

}
