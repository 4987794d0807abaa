package vn.thanglong.id.identity;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * The employment of civil servants. Each change writes a period to the assignment history and
 * an audit event named by its {@link StaffAction} in the same transaction. A change the record's
 * status does not allow throws {@link StaffTransitionException}; one based on a stale version
 * {@link StaleVersionException}.
 */
public interface StaffLifecycle {

	/**
	 * Hires a person: found by the personal ID number of {@code hire.person()} (which is required),
	 * or created. A person who had a staff ID number keeps it; a terminated or retired person is
	 * rehired; anyone else gets a new number. Of two concurrent first hires of one person, the
	 * later finds the person the earlier created, and so is a second hire.
	 * @throws IdentityConflictException on {@code personalIdNumber} when the number belongs to a
	 * person of another realm (which realm is not said)
	 * @throws StaffTransitionException when the person is already staff and not terminated or retired
	 */
	StaffRecord hire(Hire hire, String actor);

	Optional<StaffRecord> findById(String id);

	Optional<StaffRecord> findByPerson(String personId);

	Optional<StaffRecord> findByStaffId(String staffId);

	/** Oldest period first. */
	List<StaffAssignment> historyOf(String staffRecordId);

	/** @param position the position in the new unit, or {@code null} to keep the current one */
	StaffRecord transfer(String id, long expectedVersion, String unitId, @Nullable String position,
			LocalDate effectiveFrom, @Nullable String reason, String actor);

	StaffRecord changePosition(String id, long expectedVersion, String position, LocalDate effectiveFrom,
			@Nullable String reason, String actor);

	/** Suspend, start leave, reinstate, terminate or retire: the status changes, unit and position stay. */
	StaffRecord changeStatus(String id, long expectedVersion, StaffAction action, LocalDate effectiveFrom,
			@Nullable String reason, String actor);

	/** Rehires a terminated or retired person with the same staff ID number. */
	StaffRecord rehire(String id, long expectedVersion, String unitId, String position, LocalDate effectiveFrom,
			@Nullable String reason, String actor);

}
