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
 * <li>scope {@code organization}: {@code organization} ({@code tax_code}, {@code name},
 * {@code role}) of the organization the person chose to act for, while the membership holds.</li>
 * </ul>
 */
public final class PersonClaims {

	public static final String STAFF = "staff";

	public static final String NATIONAL_ID = "national_id";

	public static final String ORGANIZATION = "organization";

	private final Organizations organizations;

	private final java.time.Clock clock;

	private final Persons persons;

	private final StaffLifecycle staff;

	private final AgencyUnits units;

	private final AuditLog audit;

	PersonClaims(Persons persons, StaffLifecycle staff, AgencyUnits units, AuditLog audit, Organizations organizations,
			java.time.Clock clock) {
		this.organizations = Objects.requireNonNull(organizations, "organizations");
		this.clock = Objects.requireNonNull(clock, "clock");
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

	/** The organizations the person may act for today, for the choice after login. */
	public List<OrganizationChoice> organizationsOf(String personId) {
		return this.organizations.membershipsOf(personId, java.time.LocalDate.now(this.clock)).stream()
			.flatMap((membership) -> this.organizations.findById(membership.organizationId())
				.filter((organization) -> organization.status() == OrganizationStatus.ACTIVE)
				.map((organization) -> new OrganizationChoice(membership.id(), organization.taxCode().toString(),
						organization.name(), membership.role()))
				.stream())
			.toList();
	}

	/**
	 * The {@code organization} claim for the membership the person chose, if it still holds:
	 * a membership that ended since, or one of another person, releases nothing.
	 */
	public Map<String, Object> organizationClaims(String personId, String membershipId) {
		return organizationsOf(personId).stream()
			.filter((choice) -> choice.membershipId().equals(membershipId))
			.findFirst()
			.<Map<String, Object>>map((choice) -> Map.of(ORGANIZATION, new LinkedHashMap<>(Map.of("tax_code",
					choice.taxCode(), "name", choice.name(), "role", choice.role().code()))))
			.orElse(Map.of());
	}

	/** An organization a person may act for, through one membership. */
	public record OrganizationChoice(String membershipId, String taxCode, String name, MembershipRole role) {
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
