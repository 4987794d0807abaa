/**
 * The admin REST API of each realm ({@code /realms/{realm}/admin/api/...}): persons, staff
 * records, agency units, organizations, clients and the audit trail, for realm and unit
 * administrators.
 * A resource server of the provider itself: bearer access tokens of the realm, scopes per area,
 * RFC 9457 problem details, ETag / If-Match, and Idempotency-Key on hire.
 */
@NullMarked
package vn.thanglong.id.admin;

import org.jspecify.annotations.NullMarked;
