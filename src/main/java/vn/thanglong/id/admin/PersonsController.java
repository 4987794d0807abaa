package vn.thanglong.id.admin;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

import vn.thanglong.id.admin.AdminRequests.PersonSearch;
import vn.thanglong.id.admin.AdminRequests.PersonalIdNumberRequest;
import vn.thanglong.id.admin.AdminViews.PageView;
import vn.thanglong.id.admin.AdminViews.PersonView;
import vn.thanglong.id.identity.Page;
import vn.thanglong.id.identity.Person;
import vn.thanglong.id.identity.PersonProfile;
import vn.thanglong.id.identity.PersonalIdNumber;
import vn.thanglong.id.identity.PersonalIdNumberParser;
import vn.thanglong.id.identity.Persons;
import vn.thanglong.id.identity.StaffLifecycle;

/**
 * Persons of the realm, for realm administrators: search by name (diacritics-insensitive), by
 * staff ID number, and by personal ID number through a POST body so that the number never
 * appears in a URL or an access log; lock and unlock. Personal ID numbers are masked unless
 * the token has {@code admin:persons.pin}. Reading one person, updating their profile (JSON
 * Merge Patch) and recording or correcting their number (which needs {@code admin:persons.pin})
 * are also open to a unit administrator, for persons employed in its subtree.
 */
@RestController
@RequestMapping("/realms/{realm}/admin/api/persons")
final class PersonsController {

	static final int MAX_PAGE = 100;

	private final Persons persons;

	private final PersonalIdNumberParser numbers;

	private final DelegatedAdministration delegation;

	private final StaffLifecycle staff;

	PersonsController(Persons persons, PersonalIdNumberParser numbers, DelegatedAdministration delegation,
			StaffLifecycle staff) {
		this.persons = Objects.requireNonNull(persons, "persons");
		this.numbers = Objects.requireNonNull(numbers, "numbers");
		this.delegation = Objects.requireNonNull(delegation, "delegation");
		this.staff = Objects.requireNonNull(staff, "staff");
	}

	@GetMapping
	PageView<PersonView> search(@PathVariable String realm, @AuthenticationPrincipal Jwt token,
			@RequestParam(required = false) @Nullable String name, @RequestParam(required = false) @Nullable String staffId,
			@RequestParam(required = false) @Nullable String after, @RequestParam(defaultValue = "20") int limit) {
		AdminCaller caller = realmAdministrator(token);
		if (staffId != null && !staffId.isBlank()) {
			return single(realm, caller, this.persons.findByStaffId(staffId.strip()));
		}
		RequestFields fields = new RequestFields();
		String query = fields.required("name", name);
		if (limit < 1 || limit > MAX_PAGE) {
			fields.problem("limit", "must be between 1 and " + MAX_PAGE);
		}
		fields.check();
		Page<Person> page = this.persons.searchByName(realm, query, fields.optional(after), limit);
		return new PageView<>(page.items().stream().map((person) -> view(person, caller)).toList(), page.next());
	}

	@PostMapping(path = "/search", consumes = MediaType.APPLICATION_JSON_VALUE)
	PageView<PersonView> searchByIdentifier(@PathVariable String realm, @AuthenticationPrincipal Jwt token,
			@RequestBody PersonSearch request) {
		AdminCaller caller = realmAdministrator(token);
		if (request.personalIdNumber() != null && !request.personalIdNumber().isBlank()) {
			return single(realm, caller, this.persons.findByPersonalIdNumber(this.numbers.parse(request.personalIdNumber())));
		}
		if (request.staffId() != null && !request.staffId().isBlank()) {
			return single(realm, caller, this.persons.findByStaffId(request.staffId().strip()));
		}
		throw new AdminProblemException(ProblemType.INVALID_REQUEST, "Name one identifier to search by.",
				List.of(new FieldProblem("personalIdNumber", "or staffId is required")));
	}

	@GetMapping("/{id}")
	ResponseEntity<PersonView> get(@PathVariable String realm, @PathVariable String id,
			@AuthenticationPrincipal Jwt token) {
		AdminCaller caller = AdminCaller.of(token);
		return tagged(administrable(realm, id, caller), caller);
	}

	/** The profile: RFC 7396 merge patch of fullName, birthDate, sex, email, phone, address. */
	@PatchMapping(path = "/{id}", consumes = { PersonProfilePatch.MEDIA_TYPE, MediaType.APPLICATION_JSON_VALUE })
	ResponseEntity<PersonView> updateProfile(@PathVariable String realm, @PathVariable String id,
			@AuthenticationPrincipal Jwt token,
			@RequestHeader(name = EntityTags.IF_MATCH, required = false) @Nullable String ifMatch,
			@RequestBody JsonNode patch) {
		AdminCaller caller = AdminCaller.of(token);
		Person person = administrable(realm, id, caller);
		long version = EntityTags.expectedVersion(ifMatch);
		PersonProfile profile = PersonProfilePatch.apply(person.profile(), patch);
		return tagged(this.persons.updateProfile(person.id(), version, profile, caller.actor()), caller);
	}

	/** Records the number of a person who has none; needs {@code admin:persons.pin}. */
	@PostMapping(path = "/{id}/personal-id-number", consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<PersonView> recordPersonalIdNumber(@PathVariable String realm, @PathVariable String id,
			@AuthenticationPrincipal Jwt token,
			@RequestHeader(name = EntityTags.IF_MATCH, required = false) @Nullable String ifMatch,
			@RequestBody PersonalIdNumberRequest request) {
		return setPersonalIdNumber(realm, id, token, ifMatch, request, false);
	}

	/** Replaces a wrongly recorded number; needs {@code admin:persons.pin}. */
	@PostMapping(path = "/{id}/personal-id-number/correct", consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<PersonView> correctPersonalIdNumber(@PathVariable String realm, @PathVariable String id,
			@AuthenticationPrincipal Jwt token,
			@RequestHeader(name = EntityTags.IF_MATCH, required = false) @Nullable String ifMatch,
			@RequestBody PersonalIdNumberRequest request) {
		return setPersonalIdNumber(realm, id, token, ifMatch, request, true);
	}

	private ResponseEntity<PersonView> setPersonalIdNumber(String realm, String id, Jwt token, @Nullable String ifMatch,
			PersonalIdNumberRequest request, boolean correction) {
		AdminCaller caller = AdminCaller.of(token);
		if (!caller.maySeePersonalIdNumbers()) {
			throw AdminProblemException.insufficientScope(AdminArea.PERSONAL_ID_SCOPE);
		}
		Person person = administrable(realm, id, caller);
		long version = EntityTags.expectedVersion(ifMatch);
		RequestFields fields = new RequestFields();
		String text = fields.required("personalIdNumber", request.personalIdNumber());
		fields.check();
		PersonalIdNumber number = this.numbers.parse(text);
		Person changed = correction ? this.persons.correctPersonalIdNumber(person.id(), version, number, caller.actor())
				: this.persons.recordPersonalIdNumber(person.id(), version, number, caller.actor());
		return tagged(changed, caller);
	}

	@PostMapping("/{id}/lock")
	ResponseEntity<PersonView> lock(@PathVariable String realm, @PathVariable String id,
			@AuthenticationPrincipal Jwt token, @RequestHeader(name = EntityTags.IF_MATCH, required = false) @Nullable String ifMatch) {
		AdminCaller caller = realmAdministrator(token);
		Person person = find(realm, id);
		return tagged(this.persons.lock(person.id(), EntityTags.expectedVersion(ifMatch), caller.actor()), caller);
	}

	@PostMapping("/{id}/unlock")
	ResponseEntity<PersonView> unlock(@PathVariable String realm, @PathVariable String id,
			@AuthenticationPrincipal Jwt token, @RequestHeader(name = EntityTags.IF_MATCH, required = false) @Nullable String ifMatch) {
		AdminCaller caller = realmAdministrator(token);
		Person person = find(realm, id);
		return tagged(this.persons.unlock(person.id(), EntityTags.expectedVersion(ifMatch), caller.actor()), caller);
	}

	private AdminCaller realmAdministrator(Jwt token) {
		AdminCaller caller = AdminCaller.of(token);
		this.delegation.requireRealmAdministrator(caller);
		return caller;
	}

	/** The person, of this realm, whom the caller may administer ({@link DelegatedAdministration#requirePerson}). */
	private Person administrable(String realm, String id, AdminCaller caller) {
		Person person = find(realm, id);
		if (!caller.isRealmAdministrator()) {
			this.delegation.requirePerson(caller, realm, this.staff.findByPerson(person.id()).orElse(null));
		}
		return person;
	}

	private Person find(String realm, String id) {
		return this.persons.findById(id).filter((person) -> person.realm().equals(realm))
			.orElseThrow(() -> AdminProblemException.notFound("person"));
	}

	private static PageView<PersonView> single(String realm, AdminCaller caller, Optional<Person> found) {
		return new PageView<>(found.filter((person) -> person.realm().equals(realm)).map((person) -> view(person, caller))
			.stream().toList(), null);
	}

	private static PersonView view(Person person, AdminCaller caller) {
		return PersonView.of(person, caller.maySeePersonalIdNumbers());
	}

	private static ResponseEntity<PersonView> tagged(Person person, AdminCaller caller) {
		return ResponseEntity.ok().eTag(EntityTags.of(person.version())).body(view(person, caller));
	}

}
