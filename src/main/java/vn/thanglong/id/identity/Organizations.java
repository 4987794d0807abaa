package vn.thanglong.id.identity;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * Organizations and the people who act for them. Every write records an audit event
 * ({@code OrganizationRegistered}, {@code MembershipGranted}, ...) in the same transaction.
 */
public interface Organizations {

	/** @throws IdentityConflictException when the tax code is already registered */
	Organization register(TaxCode taxCode, String name, String actor);

	Optional<Organization> findById(String id);

	Optional<Organization> findByTaxCode(TaxCode taxCode);

	Organization rename(String id, long expectedVersion, String name, String actor);

	/**
	 * Suspends, reactivates or dissolves ({@code OrganizationStatusChanged}). Memberships stay, but
	 * those of an organization that is not active release no claims ({@link PersonClaims}).
	 * @throws IdentityConflictException on {@code status} for a change {@link OrganizationStatus} forbids
	 * @throws StaleVersionException when the organization is no longer at {@code expectedVersion}
	 */
	Organization changeStatus(String id, long expectedVersion, OrganizationStatus status, String actor);

	/**
	 * Grants a membership from {@code validFrom} to {@code validTo} (inclusive; {@code null}:
	 * open-ended). A person is a member of an organization at most once on any day: a successive
	 * membership starts after the last day of the one before.
	 * @throws IdentityConflictException on {@code organizationId} when the organization is not active
	 * @throws OverlappingMembershipException on {@code personId} when the person's membership of
	 * the organization, ended or not, holds on a day of the period
	 */
	Membership grantMembership(String organizationId, String personId, MembershipRole role, LocalDate validFrom,
			@Nullable LocalDate validTo, String actor);

	/**
	 * Ends a membership on {@code validTo} (inclusive); the row stays, as history.
	 * @throws OverlappingMembershipException on {@code validTo} when a later end would make the
	 * membership hold on a day another membership of the person in the organization holds
	 */
	Membership endMembership(String membershipId, LocalDate validTo, String actor);

	/** The memberships of a person that hold on {@code day}. */
	List<Membership> membershipsOf(String personId, LocalDate day);

	/** The memberships of an organization that hold on {@code day}. */
	List<Membership> membersOf(String organizationId, LocalDate day);

	/** One membership, whether it holds today, has ended or is yet to begin. */
	Optional<Membership> findMembership(String membershipId);

}
