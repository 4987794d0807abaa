package vn.thanglong.id.identity;

import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * The government's unit tree, any depth. Renames, moves, merges and closures keep history
 * ({@link #historyOf}) and record an audit event ({@code UnitCreated}, {@code UnitRenamed},
 * {@code UnitMoved}, {@code UnitMerged}, {@code UnitClosed}) in the same transaction.
 */
public interface AgencyUnits {

	/** @param parentId an active unit of the same realm, or {@code null} for a root */
	AgencyUnit create(String realm, String code, String name, @Nullable String parentId, String actor);

	Optional<AgencyUnit> findById(String id);

	Optional<AgencyUnit> findByCode(String code);

	/** The units directly below, ordered by code. */
	List<AgencyUnit> children(String id);

	/** The units from the root down to {@code id} itself. */
	List<AgencyUnit> pathOf(String id);

	List<UnitChange> historyOf(String id);

	AgencyUnit rename(String id, long expectedVersion, String name, String actor);

	/**
	 * Puts the unit under another parent ({@code null}: makes it a root).
	 * @throws IdentityValidationException on {@code parentId} when the new parent is the unit or below it
	 */
	AgencyUnit move(String id, long expectedVersion, @Nullable String newParentId, String actor);

	/**
	 * Merges the unit into {@code intoId}: its sub-units move under the target, its staff are
	 * transferred there, and the unit is closed with {@link AgencyUnit#mergedInto()} set.
	 */
	AgencyUnit merge(String id, long expectedVersion, String intoId, String actor);

	/** Closes a unit that has no active sub-unit and no staff left. */
	AgencyUnit close(String id, long expectedVersion, String actor);

}
