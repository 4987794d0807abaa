package vn.thanglong.id.identity;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A unit of the government's tree (a city, a department, a ward, ...). Levels are not modelled:
 * a unit is wherever its parent puts it.
 *
 * @param code the agency code (Decision 20/2020/QD-TTg): dot-separated groups of letters and
 * digits, at most 35 characters, unique across the deployment
 * @param parentId the parent unit, or {@code null} for a root
 * @param mergedInto the unit this one was merged into, once closed by a merge
 */
public record AgencyUnit(String id, String realm, String code, String name, @Nullable String parentId,
		UnitStatus status, @Nullable String mergedInto, long version, Instant createdAt, Instant updatedAt) {
}
