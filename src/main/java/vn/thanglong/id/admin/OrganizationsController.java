package vn.thanglong.id.admin;

import java.net.URI;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import vn.thanglong.id.admin.AdminRequests.EndMembershipRequest;
import vn.thanglong.id.admin.AdminRequests.MembershipRequest;
import vn.thanglong.id.admin.AdminRequests.NameRequest;
import vn.thanglong.id.admin.AdminRequests.NewOrganizationRequest;
import vn.thanglong.id.admin.AdminRequests.OrganizationStatusRequest;
import vn.thanglong.id.admin.AdminViews.MembershipView;
import vn.thanglong.id.admin.AdminViews.OrganizationView;
import vn.thanglong.id.identity.Membership;
import vn.thanglong.id.identity.MembershipRole;
import vn.thanglong.id.identity.Organization;
import vn.thanglong.id.identity.OrganizationStatus;
import vn.thanglong.id.identity.Organizations;
import vn.thanglong.id.identity.Persons;
import vn.thanglong.id.identity.TaxCode;

/**
 * Organizations (deployment-wide, keyed by tax code) and the memberships that let persons of
 * this realm act for them, for realm administrators.
 */
@RestController
@RequestMapping("/realms/{realm}/admin/api/organizations")
final class OrganizationsController {

	private final Organizations organizations;

	private final Persons persons;

	private final DelegatedAdministration delegation;

	private final Clock clock;

	OrganizationsController(Organizations organizations, Persons persons, DelegatedAdministration delegation,
			Clock clock) {
		this.organizations = Objects.requireNonNull(organizations, "organizations");
		this.persons = Objects.requireNonNull(persons, "persons");
		this.delegation = Objects.requireNonNull(delegation, "delegation");
		this.clock = Objects.requireNonNull(clock, "clock");
	}

	@PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<OrganizationView> register(@PathVariable String realm, @AuthenticationPrincipal Jwt token,
			@RequestBody NewOrganizationRequest request) {
		AdminCaller caller = realmAdministrator(token);
		RequestFields fields = new RequestFields();
		String code = fields.required("taxCode", request.taxCode());
		String name = fields.required("name", request.name());
		TaxCode taxCode = code.isEmpty() ? null : TaxCode.parse(code).orElse(null);
		if (!code.isEmpty() && taxCode == null) {
			fields.problem("taxCode", "must be a tax code: 10 digits with a valid check digit, optionally -NNN");
		}
		fields.check();
		Organization organization = this.organizations.register(Objects.requireNonNull(taxCode), name, caller.actor());
		return ResponseEntity.created(URI.create("/realms/" + realm + "/admin/api/organizations/" + organization.id()))
			.eTag(EntityTags.of(organization.version()))
			.body(OrganizationView.of(organization));
	}

	/** Look-up by tax code: {@code ?taxCode=0100109106}. */
	@GetMapping
	List<OrganizationView> byTaxCode(@AuthenticationPrincipal Jwt token, @RequestParam String taxCode) {
		realmAdministrator(token);
		return TaxCode.parse(taxCode).flatMap(this.organizations::findByTaxCode).map(OrganizationView::of).stream()
			.toList();
	}

	@GetMapping("/{id}")
	ResponseEntity<OrganizationView> get(@PathVariable String id, @AuthenticationPrincipal Jwt token) {
		realmAdministrator(token);
		return tagged(find(id));
	}

	@PostMapping(path = "/{id}/rename", consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<OrganizationView> rename(@PathVariable String id, @AuthenticationPrincipal Jwt token,
			@RequestHeader(name = EntityTags.IF_MATCH, required = false) @Nullable String ifMatch,
			@RequestBody NameRequest request) {
		AdminCaller caller = realmAdministrator(token);
		RequestFields fields = new RequestFields();
		String name = fields.required("name", request.name());
		fields.check();
		Organization organization = find(id);
		return tagged(this.organizations.rename(organization.id(), EntityTags.expectedVersion(ifMatch), name,
				caller.actor()));
	}

	/**
	 * Suspends, reactivates or dissolves: {@code {"status": "suspended"}}. While an organization
	 * is not active its memberships stay but release no {@code organization} claims, and it gets
	 * no new ones; dissolution is final.
	 */
	@PostMapping(path = "/{id}/status", consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<OrganizationView> changeStatus(@PathVariable String id, @AuthenticationPrincipal Jwt token,
			@RequestHeader(name = EntityTags.IF_MATCH, required = false) @Nullable String ifMatch,
			@RequestBody OrganizationStatusRequest request) {
		AdminCaller caller = realmAdministrator(token);
		RequestFields fields = new RequestFields();
		String code = fields.required("status", request.status());
		OrganizationStatus status = code.isEmpty() ? null
				: OrganizationStatus.parse(code.toLowerCase(Locale.ROOT)).orElse(null);
		if (!code.isEmpty() && status == null) {
			fields.problem("status", "must be one of " + java.util.Arrays.stream(OrganizationStatus.values())
				.map(OrganizationStatus::code).collect(java.util.stream.Collectors.joining(", ")));
		}
		fields.check();
		Organization organization = find(id);
		return tagged(this.organizations.changeStatus(organization.id(), EntityTags.expectedVersion(ifMatch),
				Objects.requireNonNull(status), caller.actor()));
	}

	/** The memberships that hold today, of persons of this realm. */
	@GetMapping("/{id}/memberships")
	List<MembershipView> memberships(@PathVariable String realm, @PathVariable String id,
			@AuthenticationPrincipal Jwt token) {
		realmAdministrator(token);
		Organization organization = find(id);
		return this.organizations.membersOf(organization.id(), today()).stream()
			.filter((membership) -> inRealm(realm, membership.personId()))
			.map(MembershipView::of)
			.toList();
	}

	@PostMapping(path = "/{id}/memberships", consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<MembershipView> grant(@PathVariable String realm, @PathVariable String id,
			@AuthenticationPrincipal Jwt token, @RequestBody MembershipRequest request) {
		AdminCaller caller = realmAdministrator(token);
		RequestFields fields = new RequestFields();
		String personId = fields.required("personId", request.personId());
		String roleCode = fields.required("role", request.role());
		MembershipRole role = null;
		if (!roleCode.isEmpty()) {
			try {
				role = MembershipRole.valueOf(roleCode.toUpperCase(Locale.ROOT));
			}
			catch (IllegalArgumentException ex) {
				fields.problem("role", "must be legal_representative, authorized_employee, chief_accountant or member");
			}
		}
		LocalDate from = fields.date("validFrom", request.validFrom(), true);
		LocalDate to = fields.date("validTo", request.validTo(), false);
		if (from != null && to != null && to.isBefore(from)) {
			fields.problem("validTo", "must not be before validFrom");
		}
		fields.check();
		Organization organization = find(id);
		if (!inRealm(realm, personId)) {
			throw new AdminProblemException(ProblemType.NOT_FOUND, "No such person in this realm.",
					List.of(new FieldProblem("personId", "names no person of this realm")));
		}
		Membership membership = this.organizations.grantMembership(organization.id(), personId,
				Objects.requireNonNull(role), Objects.requireNonNull(from), to, caller.actor());
		return ResponseEntity.created(URI.create("/realms/" + realm + "/admin/api/organizations/" + organization.id()
				+ "/memberships/" + membership.id())).body(MembershipView.of(membership));
	}

	/**
	 * One membership of the organization, of a person of this realm, ended and future ones
	 * included: what the {@code Location} of a grant names.
	 */
	@GetMapping("/{id}/memberships/{membershipId}")
	MembershipView membership(@PathVariable String realm, @PathVariable String id, @PathVariable String membershipId,
			@AuthenticationPrincipal Jwt token) {
		realmAdministrator(token);
		Organization organization = find(id);
		return this.organizations.findMembership(membershipId)
			.filter((membership) -> membership.organizationId().equals(organization.id())
					&& inRealm(realm, membership.personId()))
			.map(MembershipView::of)
			.orElseThrow(() -> AdminProblemException.notFound("membership of this organization"));
	}

	/** Ends a membership that holds today on {@code validTo}; the membership stays as history. */
	@PostMapping(path = "/{id}/memberships/{membershipId}/end", consumes = MediaType.APPLICATION_JSON_VALUE)
	MembershipView end(@PathVariable String realm, @PathVariable String id, @PathVariable String membershipId,
			@AuthenticationPrincipal Jwt token, @RequestBody EndMembershipRequest request) {
		AdminCaller caller = realmAdministrator(token);
		RequestFields fields = new RequestFields();
		LocalDate to = fields.date("validTo", request.validTo(), true);
		fields.check();
		Organization organization = find(id);
		this.organizations.membersOf(organization.id(), today()).stream()
			.filter((membership) -> membership.id().equals(membershipId) && inRealm(realm, membership.personId()))
			.findFirst()
			.orElseThrow(() -> AdminProblemException.notFound("current membership of this organization"));
		return MembershipView.of(this.organizations.endMembership(membershipId, Objects.requireNonNull(to),
				caller.actor()));
	}

	private AdminCaller realmAdministrator(Jwt token) {
		AdminCaller caller = AdminCaller.of(token);
		this.delegation.requireRealmAdministrator(caller);
		return caller;
	}

	private Organization find(String id) {
		return this.organizations.findById(id).orElseThrow(() -> AdminProblemException.notFound("organization"));
	}

	private boolean inRealm(String realm, String personId) {
		return this.persons.findById(personId).filter((person) -> person.realm().equals(realm)).isPresent();
	}

	private LocalDate today() {
		return LocalDate.now(this.clock);
	}

	private static ResponseEntity<OrganizationView> tagged(Organization organization) {
		return ResponseEntity.ok().eTag(EntityTags.of(organization.version())).body(OrganizationView.of(organization));
	}

}
