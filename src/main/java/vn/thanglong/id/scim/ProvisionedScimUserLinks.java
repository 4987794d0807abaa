package vn.thanglong.id.scim;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import vn.thanglong.id.identity.IdentityConflictException;
import vn.thanglong.id.identity.ProvisioningName;
import vn.thanglong.id.identity.ProvisioningNames;
import vn.thanglong.id.identity.StaleVersionException;

/**
 * {@link ScimUserLinks} as identity's {@link ProvisioningNames}: identity keeps the userName and
 * externalId (its staff listing filters on them), SCIM reads and writes them through its API.
 */
final class ProvisionedScimUserLinks implements ScimUserLinks {

	private final ProvisioningNames names;

	ProvisionedScimUserLinks(ProvisioningNames names) {
		this.names = Objects.requireNonNull(names, "names");
	}

	@Override
	public Optional<ScimUserLink> find(String staffRecordId) {
		return this.names.find(staffRecordId).map(ProvisionedScimUserLinks::link);
	}

	@Override
	public Optional<ScimUserLink> findByUserName(String realm, String userName) {
		return this.names.findByUserName(realm, userName).map(ProvisionedScimUserLinks::link);
	}

	@Override
	public Map<String, ScimUserLink> findAll(Collection<String> staffRecordIds) {
		Map<String, ScimUserLink> links = new LinkedHashMap<>();
		this.names.findAll(staffRecordIds).forEach((id, name) -> links.put(id, link(name)));
		return links;
	}

	@Override
	public ScimUserLink save(String realm, String staffRecordId, String userName, @Nullable String externalId,
			@Nullable Long expectedVersion, String actor) {
		try {
			return link(this.names.save(realm, staffRecordId, userName, externalId, expectedVersion, actor));
		}
		catch (IdentityConflictException ex) {
			throw ScimProblem.uniqueness("userName is already taken in this realm");
		}
		catch (StaleVersionException ex) {
			throw ScimProblem.preconditionFailed();
		}
	}

	private static ScimUserLink link(ProvisioningName name) {
		return new ScimUserLink(name.staffRecordId(), name.realm(), name.userName(), name.externalId(), name.version());
	}

}
