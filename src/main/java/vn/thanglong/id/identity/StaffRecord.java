package vn.thanglong.id.identity;

import java.time.Instant;

/**
 * A civil servant's employment: the person, their lifelong staff ID number, and where they stand now.
 */
public record StaffRecord(String id, String personId, String realm, String staffId, String unitId, String position,
		StaffStatus status, long version, Instant createdAt, Instant updatedAt) {
}
