package vn.thanglong.id.identity;

import org.jspecify.annotations.Nullable;

/**
 * What a provisioning system (SCIM, RFC 7643) calls a staff record: its {@code userName}, unique
 * in the realm ignoring case (section 4.1.1), and its own id for the record, {@code externalId}
 * (section 3.1). Staff listings filter and sort on both ({@link StaffAttribute#USER_NAME},
 * {@link StaffAttribute#EXTERNAL_ID}).
 *
 * @param version bumped by every change
 */
public record ProvisioningName(String staffRecordId, String realm, String userName, @Nullable String externalId,
		long version) {
}
