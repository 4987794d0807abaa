package vn.thanglong.id.scim;

import org.jspecify.annotations.Nullable;

/**
 * The client's {@code userName} and {@code externalId} of a staff record (RFC 7643 sections
 * 4.1.1 and 3.1), kept by identity as the record's provisioning name.
 *
 * @param version bumped by every change, part of the User's ETag
 */
record ScimUserLink(String staffRecordId, String realm, String userName, @Nullable String externalId, long version) {
}
