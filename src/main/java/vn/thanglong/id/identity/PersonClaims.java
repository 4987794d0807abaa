package vn.thanglong.id.identity;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import vn.thanglong.id.audit.AuditEntry;
import vn.thanglong.id.audit.AuditLog;

/**
 * The claims of the identity model beyond OIDC's standard profile (OIDC Core section 5.1):
 * <ul>
 * <li>scope {@code staff}: {@code staff_id}, {@code agency_code}, {@code unit_path} (unit names,
 * root first) and {@code position}, only while the employment is active;</li>
 * <li>scope {@code national_id}: {@code national_id}, the personal identification number. Which
 * clients may ask for it is their realm-config {@code scopes}; the user consents to it
 * (ConsentPolicy); every release is an audited {@code NationalIdReleased} event.</li>
 * </ul>
 */
public final class PersonClaims {

	public static final String STAFF = "staff";

	public static final String NATIONAL_ID = "national_id";

	private final Persons persons;

	private final StaffLifecycle staff;

	private final AgencyUnits units;

	private final AuditLog audit;

	PersonClaims(Persons persons, StaffLifecycle staff, AgencyUnits units, AuditLog audit) {
		this.persons = Objects.requireNonNull(persons, "persons");
		this.staff = Objects.requireNonNull(staff, "staff");
		this.units = Objects.requireNonNull(units, "units");
		this.audit = Objects.requireNonNull(audit, "audit");
	}

	/**
	 * The claims {@code scopes} release for the person {@code personId} to {@code clientId}.
	 * @param withNationalId whether this answer may carry the personal ID number (userinfo:
	 * yes; ID tokens travel through browsers and logout URLs, so never there)
	 */
	public Map<String, Object> release(String personId, Set<String> scopes, String clientId, boolean withNationalId) {
		Map<String, Object> claims = new LinkedHashMap<>();
		if (scopes.contains(STAFF)) {
			this.staff.findByPerson(personId).filter((record) -> record.status() == StaffStatus.ACTIVE)
				.ifPresent((record) -> staffClaims(record, claims));
		}
		if (withNationalId && scopes.contains(NATIONAL_ID)) {
			Optional<Person> person = this.persons.findById(personId);
			person.map(Person::personalIdNumber).ifPresent((number) -> {
				claims.put(NATIONAL_ID, number.value());
				this.audit.record(new AuditEntry(person.get().realm(), clientId, "NationalIdReleased", "person", personId,
						null, "{\"client_id\":\"" + clientId.replace("\"", "") + "\"}"));
			});
		}
		return claims;
	}

	private void staffClaims(StaffRecord record, Map<String, Object> claims) {
		claims.put("staff_id", record.staffId());
		List<AgencyUnit> path = this.units.pathOf(record.unitId());
		if (!path.isEmpty()) {
			claims.put("agency_code", path.get(path.size() - 1).code());
			claims.put("unit_path", path.stream().map(AgencyUnit::name).toList());
		}
		claims.put("position", record.position());
	}

}
