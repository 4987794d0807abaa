package vn.thanglong.id.identity;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * One entry of a unit's history: {@code created}, {@code renamed}, {@code moved}, {@code merged}
 * or {@code closed}, with the unit before and after as JSON.
 */
public record UnitChange(long id, String unitId, Instant occurredAt, String change, String actor,
		@Nullable String beforeState, @Nullable String afterState) {
}
