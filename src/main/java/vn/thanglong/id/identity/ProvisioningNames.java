package vn.thanglong.id.identity;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/** The {@link ProvisioningName}s of staff records; every change is audited in the caller's transaction. */
public interface ProvisioningNames {

	Optional<ProvisioningName> find(String staffRecordId);

	/** Ignoring case, as userName is compared (RFC 7643 section 4.1.1). */
	Optional<ProvisioningName> findByUserName(String realm, String userName);

	/** The names of those of {@code staffRecordIds} that have one (a page: at most a few hundred). */
	Map<String, ProvisioningName> findAll(Collection<String> staffRecordIds);

	/**
	 * Gives the record its name, or changes it when it is still at {@code expectedVersion}.
	 * @param expectedVersion the version read, or {@code null} when the record had no name
	 * @throws IdentityConflictException on {@code userName} when another record of the realm has it
	 * @throws StaleVersionException when the name changed (or was given) meanwhile
	 */
	ProvisioningName save(String realm, String staffRecordId, String userName, @Nullable String externalId,
			@Nullable Long expectedVersion, String actor);

}
