package vn.thanglong.id.identity;

import java.time.Instant;
import java.time.LocalDate;

import org.jspecify.annotations.Nullable;

/**
 * One period of a staff record: in a unit, in a position, in a status.
 *
 * @param validFrom the first day of the period
 * @param validTo the day the next period began (exclusive), or {@code null} for the current period
 * @param reason why the period began (a decision number, "merged into ...")
 */
public record StaffAssignment(long id, String staffRecordId, String unitId, String position, StaffStatus status,
		LocalDate validFrom, @Nullable LocalDate validTo, @Nullable String reason, Instant recordedAt) {
}
