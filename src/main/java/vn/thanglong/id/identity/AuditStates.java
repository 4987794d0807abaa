package vn.thanglong.id.identity;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * The before and after states written to the audit trail, as JSON. Built by hand rather than
 * by serializing the records, so that a personal ID number can only ever appear masked.
 */
final class AuditStates {

	private final JsonMapper json;

	AuditStates(JsonMapper json) {
		this.json = Objects.requireNonNull(json, "json");
	}

	String person(Person person) {
		Map<String, @Nullable Object> state = new LinkedHashMap<>();
		state.put("id", person.id());
		state.put("realm", person.realm());
		PersonProfile profile = person.profile();
		state.put("fullName", profile.fullName());
		state.put("birthDate", (profile.birthDate() != null) ? profile.birthDate().toString() : null);
		state.put("sex", (profile.sex() != null) ? profile.sex().code() : null);
		state.put("email", profile.email());
		state.put("phone", profile.phone());
		state.put("address", profile.address());
		state.put("personalIdNumber", (person.personalIdNumber() != null) ? person.personalIdNumber().masked() : null);
		state.put("staffId", person.staffId());
		state.put("locked", person.locked());
		state.put("version", person.version());
		return write(state);
	}

	String organization(Organization organization) {
		Map<String, @Nullable Object> state = new LinkedHashMap<>();
		state.put("id", organization.id());
		state.put("taxCode", organization.taxCode().toString());
		state.put("name", organization.name());
		state.put("status", organization.status().code());
		state.put("version", organization.version());
		return write(state);
	}

	String membership(Membership membership) {
		Map<String, @Nullable Object> state = new LinkedHashMap<>();
		state.put("id", membership.id());
		state.put("personId", membership.personId());
		state.put("organizationId", membership.organizationId());
		state.put("role", membership.role().code());
		state.put("validFrom", membership.validFrom().toString());
		state.put("validTo", (membership.validTo() != null) ? membership.validTo().toString() : null);
		return write(state);
	}

	String unit(AgencyUnit unit) {
		Map<String, @Nullable Object> state = new LinkedHashMap<>();
		state.put("id", unit.id());
		state.put("realm", unit.realm());
		state.put("code", unit.code());
		state.put("name", unit.name());
		state.put("parentId", unit.parentId());
		state.put("status", unit.status().code());
		state.put("mergedInto", unit.mergedInto());
		state.put("version", unit.version());
		return write(state);
	}

	String staff(StaffRecord staff) {
		Map<String, @Nullable Object> state = new LinkedHashMap<>();
		state.put("id", staff.id());
		state.put("personId", staff.personId());
		state.put("staffId", staff.staffId());
		state.put("unitId", staff.unitId());
		state.put("position", staff.position());
		state.put("status", staff.status().code());
		state.put("version", staff.version());
		return write(state);
	}

	String provisioningName(ProvisioningName name) {
		Map<String, @Nullable Object> state = new LinkedHashMap<>();
		state.put("userName", name.userName());
		state.put("externalId", name.externalId());
		state.put("version", name.version());
		return write(state);
	}

	private String write(Map<String, @Nullable Object> state) {
		return this.json.writeValueAsString(state);
	}

}
