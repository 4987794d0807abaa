package vn.thanglong.id.admin;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import vn.thanglong.id.audit.AuditEvent;
import vn.thanglong.id.identity.Address;
import vn.thanglong.id.identity.AgencyUnit;
import vn.thanglong.id.identity.ContactPoint;
import vn.thanglong.id.identity.Membership;
import vn.thanglong.id.identity.Organization;
import vn.thanglong.id.identity.Person;
import vn.thanglong.id.identity.StaffAssignment;
import vn.thanglong.id.identity.StaffRecord;
import vn.thanglong.id.identity.UnitChange;

/** The JSON shapes the admin API answers with; the identity records stay free of wire concerns. */
final class AdminViews {

	private AdminViews() {
	}

	/**
	 * @param personalIdNumber masked ({@code 001*******45}) unless the caller has {@code admin:persons.pin}
	 */
	record PersonView(String id, String realm, String fullName, @Nullable LocalDate birthDate, @Nullable String sex,
			@Nullable ContactPoint email, @Nullable ContactPoint phone, @Nullable Address address,
			@Nullable String personalIdNumber, @Nullable String staffId, boolean locked, long version,
			Instant createdAt, Instant updatedAt) {

		static PersonView of(Person person, boolean unmasked) {
			String number = (person.personalIdNumber() == null) ? null
					: unmasked ? person.personalIdNumber().value() : person.personalIdNumber().masked();
			var profile = person.profile();
			return new PersonView(person.id(), person.realm(), profile.fullName(), profile.birthDate(),
					(profile.sex() != null) ? profile.sex().code() : null, profile.email(), profile.phone(),
					profile.address(), number, person.staffId(), person.locked(), person.version(), person.createdAt(),
					person.updatedAt());
		}

		/** The number never reaches a log through this record. */
		@Override
		public String toString() {
			return "PersonView[" + this.id + "]";
		}

	}

	record StaffView(String id, String personId, String staffId, String unitId, String position, String status,
			long version, Instant createdAt, Instant updatedAt) {

		static StaffView of(StaffRecord record) {
			return new StaffView(record.id(), record.personId(), record.staffId(), record.unitId(), record.position(),
					record.status().code(), record.version(), record.createdAt(), record.updatedAt());
		}

	}

	record AssignmentView(String unitId, String position, String status, LocalDate validFrom,
			@Nullable LocalDate validTo, @Nullable String reason, Instant recordedAt) {

		static AssignmentView of(StaffAssignment assignment) {
			return new AssignmentView(assignment.unitId(), assignment.position(), assignment.status().code(),
					assignment.validFrom(), assignment.validTo(), assignment.reason(), assignment.recordedAt());
		}

	}

	record UnitView(String id, String realm, String code, String name, @Nullable String parentId, String status,
			@Nullable String mergedInto, long version, Instant createdAt, Instant updatedAt) {

		static UnitView of(AgencyUnit unit) {
			return new UnitView(unit.id(), unit.realm(), unit.code(), unit.name(), unit.parentId(), unit.status().code(),
					unit.mergedInto(), unit.version(), unit.createdAt(), unit.updatedAt());
		}

	}

	record UnitChangeView(String change, Instant occurredAt, String actor) {

		static UnitChangeView of(UnitChange change) {
			return new UnitChangeView(change.change(), change.occurredAt(), change.actor());
		}

	}

	record OrganizationView(String id, String taxCode, String name, String status, long version, Instant createdAt,
			Instant updatedAt) {

		static OrganizationView of(Organization organization) {
			return new OrganizationView(organization.id(), organization.taxCode().toString(), organization.name(),
					organization.status().code(), organization.version(), organization.createdAt(),
					organization.updatedAt());
		}

	}

	record MembershipView(String id, String personId, String organizationId, String role, LocalDate validFrom,
			@Nullable LocalDate validTo, Instant createdAt) {

		static MembershipView of(Membership membership) {
			return new MembershipView(membership.id(), membership.personId(), membership.organizationId(),
					membership.role().code(), membership.validFrom(), membership.validTo(), membership.createdAt());
		}

	}

	/** @param before the state before, as recorded (JSON; ID numbers masked), or {@code null} */
	record AuditEventView(long id, Instant occurredAt, String actor, String action, String targetType,
			String targetId, @Nullable JsonNode before, @Nullable JsonNode after) {

		static AuditEventView of(AuditEvent event, tools.jackson.databind.json.JsonMapper json) {
			return new AuditEventView(event.id(), event.occurredAt(), event.actor(), event.action(), event.targetType(),
					event.targetId(), tree(event.beforeState(), json), tree(event.afterState(), json));
		}

		private static @Nullable JsonNode tree(@Nullable String state, tools.jackson.databind.json.JsonMapper json) {
			return (state == null) ? null : json.readTree(state);
		}

	}

	/** @param next the cursor of the following page (pass it as {@code after} or {@code before}), or {@code null} */
	record PageView<T>(List<T> items, @Nullable String next) {
	}

}
