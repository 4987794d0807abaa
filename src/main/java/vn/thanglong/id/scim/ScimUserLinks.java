package vn.thanglong.id.scim;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/** The store of {@link ScimUserLink}s. */
interface ScimUserLinks {

	Optional<ScimUserLink> find(String staffRecordId);

	/** Case-insensitive, as userName is (RFC 7643 section 4.1.1). */
	Optional<ScimUserLink> findByUserName(String realm, String userName);

	/** The links of those of {@code staffRecordIds} that have one (a page of Users: at most a few hundred). */
	Map<String, ScimUserLink> findAll(Collection<String> staffRecordIds);

	/**
	 * Creates the link, or updates it when it is still at {@code expectedVersion}.
	 * @param expectedVersion the version read, or {@code null} when there was none
	 * @throws ScimProblem 409 uniqueness when the userName is taken, 412 when the link changed meanwhile
	 */
	ScimUserLink save(String realm, String staffRecordId, String userName, @Nullable String externalId,
			@Nullable Long expectedVersion, String actor);

}
