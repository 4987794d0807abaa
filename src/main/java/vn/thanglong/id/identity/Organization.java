package vn.thanglong.id.identity;

import java.time.Instant;

/** A business or other legal entity, keyed by its enterprise / tax code. */
public record Organization(String id, TaxCode taxCode, String name, OrganizationStatus status, long version,
		Instant createdAt, Instant updatedAt) {
}
