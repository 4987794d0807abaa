package vn.thanglong.id.admin;

import org.jspecify.annotations.Nullable;

/**
 * The JSON bodies the admin API accepts. Every member is text, read by {@link RequestFields},
 * so that a bad date or enum value is answered as a problem naming its field rather than as an
 * unreadable body. A request holding a personal ID number prints it masked.
 */
final class AdminRequests {

	private AdminRequests() {
	}

	record PersonRequest(@Nullable String fullName, @Nullable String personalIdNumber, @Nullable String birthDate,
			@Nullable String sex, @Nullable String email, @Nullable String phone) {

		@Override
		public String toString() {
			return "PersonRequest[personalIdNumber=" + ((this.personalIdNumber == null) ? "none" : "***") + "]";
		}

	}

	record HireRequest(@Nullable PersonRequest person, @Nullable String unitId, @Nullable String position,
			@Nullable String effectiveFrom, @Nullable String reason) {
	}

	record TransferRequest(@Nullable String unitId, @Nullable String position, @Nullable String effectiveFrom,
			@Nullable String reason) {
	}

	record PositionRequest(@Nullable String position, @Nullable String effectiveFrom, @Nullable String reason) {
	}

	record StatusRequest(@Nullable String effectiveFrom, @Nullable String reason) {
	}

	/** A look-up that keeps identifiers out of URLs and access logs. */
	record PersonSearch(@Nullable String personalIdNumber, @Nullable String staffId) {

		@Override
		public String toString() {
			return "PersonSearch[personalIdNumber=" + ((this.personalIdNumber == null) ? "none" : "***") + "]";
		}

	}

	/** Records or corrects a person's number: the body keeps it out of URLs and access logs. */
	record PersonalIdNumberRequest(@Nullable String personalIdNumber) {

		@Override
		public String toString() {
			return "PersonalIdNumberRequest[personalIdNumber=" + ((this.personalIdNumber == null) ? "none" : "***") + "]";
		}

	}

	record NewUnitRequest(@Nullable String code, @Nullable String name, @Nullable String parentId) {
	}

	record NameRequest(@Nullable String name) {
	}

	record MoveRequest(@Nullable String parentId) {
	}

	record MergeRequest(@Nullable String intoId) {
	}

	record NewOrganizationRequest(@Nullable String taxCode, @Nullable String name) {
	}

	record MembershipRequest(@Nullable String personId, @Nullable String role, @Nullable String validFrom,
			@Nullable String validTo) {
	}

	record EndMembershipRequest(@Nullable String validTo) {
	}

	record OrganizationStatusRequest(@Nullable String status) {
	}

}
