package vn.thanglong.id.identity;

import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/** The user accounts of every realm. */
public interface UserAccounts {

	/**
	 * The password account of a person, for the claims released to a client; of several, the
	 * oldest, so that the answer does not change from one request to the next.
	 */
	Optional<UserAccount> findByPersonId(String personId);

	/**
	 * Whether that account ({@link #findByPersonId}) exists, is enabled and its person is not
	 * locked: what every token of the person asks, without reading the profile.
	 */
	boolean isActive(String personId);

	/** A user and the stored password hash, for the login check only. */
	Optional<LoginRecord> findForLogin(String realm, String username);

	/** Creates the user or brings its profile and password up to date; answers whether anything changed. */
	boolean upsert(String realm, String username, Map<String, Object> claims, @Nullable String password);

	/** A user with the hash to verify a password against. */
	record LoginRecord(UserAccount account, @Nullable String passwordHash) {
	}

}
