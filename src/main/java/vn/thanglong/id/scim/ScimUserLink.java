package vn.thanglong.id.scim;

import org.jspecify.annotations.Nullable;

/**
 * What SCIM knows about a staff record that the identity model does not hold: the client's
 * {@code userName} and {@code externalId} (RFC 7643 sections 4.1.1 and 3.1).
 *
 * @param version bumped by every change, part of the User's ETag
 */
record ScimUserLink(String staffRecordId, String realm, String userName, @Nullable String externalId, long version) {
}
