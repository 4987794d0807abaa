package vn.thanglong.id.admin;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
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
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

import vn.thanglong.id.admin.AdminRequests.HireRequest;
import vn.thanglong.id.admin.AdminRequests.PersonRequest;
import vn.thanglong.id.admin.AdminRequests.PositionRequest;
import vn.thanglong.id.admin.AdminRequests.StatusRequest;
import vn.thanglong.id.admin.AdminRequests.TransferRequest;
import vn.thanglong.id.admin.AdminViews.AssignmentView;
import vn.thanglong.id.admin.AdminViews.StaffView;
import vn.thanglong.id.identity.ContactPoint;
import vn.thanglong.id.identity.Hire;
import vn.thanglong.id.identity.IdentityValidationException;
import vn.thanglong.id.identity.NewPerson;
import vn.thanglong.id.identity.PersonProfile;
import vn.thanglong.id.identity.PersonalIdNumber;
import vn.thanglong.id.identity.PersonalIdNumberParser;
import vn.thanglong.id.identity.Persons;
import vn.thanglong.id.identity.Sex;
import vn.thanglong.id.identity.StaffAction;
import vn.thanglong.id.identity.StaffLifecycle;
import vn.thanglong.id.identity.StaffRecord;

/**
 * Staff records: hire (finds or creates the person by personal ID number, allocates or
 * restores the staff ID number), transfer, change of position, suspension, leave,
 * reinstatement, termination, retirement and rehire. A unit administrator acts only on staff
 * whose current unit, and on transfers whose target unit, lies within its subtree.
 */
@RestController
@RequestMapping("/realms/{realm}/admin/api/staff")
final class StaffController {

	private final StaffLifecycle staff;

	private final Persons persons;

	private final PersonalIdNumberParser numbers;

	private final DelegatedAdministration delegation;

	private final IdempotencyKeys idempotency;

	private final JsonMapper json;

	StaffController(StaffLifecycle staff, Persons persons, PersonalIdNumberParser numbers,
			DelegatedAdministration delegation, IdempotencyKeys idempotency, JsonMapper json) {
		this.staff = Objects.requireNonNull(staff, "staff");
		this.persons = Objects.requireNonNull(persons, "persons");
		this.numbers = Objects.requireNonNull(numbers, "numbers");
		this.delegation = Objects.requireNonNull(delegation, "delegation");
		this.idempotency = Objects.requireNonNull(idempotency, "idempotency");
		this.json = Objects.requireNonNull(json, "json");
	}

	@PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<String> hire(@PathVariable String realm, @AuthenticationPrincipal Jwt token,
			@RequestHeader(name = IdempotencyKeys.HEADER, required = false) @Nullable String key,
			@RequestBody HireRequest request) {
		AdminCaller caller = AdminCaller.of(token);
		if (key == null) {
			return answer(hire(realm, caller, request), false);
		}
		byte[] identity = ("POST staff\n" + this.json.writeValueAsString(request)).getBytes(StandardCharsets.UTF_8);
		IdempotencyKeys.Outcome outcome = this.idempotency.once(realm, caller.clientId(), key, identity,
				() -> hire(realm, caller, request));
		return answer(outcome.answer(), outcome.replayed());
	}

	private IdempotencyKeys.Answer hire(String realm, AdminCaller caller, HireRequest request) {
		RequestFields fields = new RequestFields();
		PersonRequest person = request.person();
		String fullName = "";
		PersonalIdNumber number = null;
		LocalDate birthDate = null;
		Sex sex = null;
		if (person == null) {
			fields.problem("person", "is required");
		}
		else {
			fullName = fields.required("person.fullName", person.fullName());
			if (person.personalIdNumber() == null || person.personalIdNumber().isBlank()) {
				fields.problem("person.personalIdNumber", "is required to hire");
			}
			else {
				try {
					number = this.numbers.parse(person.personalIdNumber());
				}
				catch (IdentityValidationException ex) {
					fields.problem("person.personalIdNumber", rule(ex));
				}
			}
			birthDate = fields.date("person.birthDate", person.birthDate(), false);
			if (person.sex() != null) {
				sex = Sex.fromCode(person.sex().strip().toLowerCase(Locale.ROOT)).orElse(null);
				if (sex == null) {
					fields.problem("person.sex", "must be male or female");
				}
			}
		}
		String unitId = fields.required("unitId", request.unitId());
		String position = fields.required("position", request.position());
		LocalDate from = fields.date("effectiveFrom", request.effectiveFrom(), true);
		fields.check();
		this.delegation.requireUnit(caller, realm, unitId, "unitId");
		PersonalIdNumber known = Objects.requireNonNull(number);
		this.persons.findByPersonalIdNumber(known).filter((found) -> !found.realm().equals(realm)).ifPresent((found) -> {
			throw new AdminProblemException(ProblemType.CONFLICT, "The person is registered in another realm.",
					List.of(new FieldProblem("person.personalIdNumber", "belongs to a person of another realm")));
		});
		PersonProfile profile = new PersonProfile(fullName, birthDate, sex, contact(person.email()),
				contact(person.phone()), null);
		StaffRecord hired;
		try {
			hired = this.staff.hire(new Hire(new NewPerson(realm, profile, known), unitId, position,
					Objects.requireNonNull(from), fields.optional(request.reason())), caller.actor());
		}
		catch (IdentityValidationException ex) {
			// the identity model names the person's fields on their own; the request has them under person
			throw PERSON_FIELDS.contains(ex.field())
					? new IdentityValidationException("person." + ex.field(), rule(ex)) : ex;
		}
		return new IdempotencyKeys.Answer(201, EntityTags.of(hired.version()),
				"/realms/" + realm + "/admin/api/staff/" + hired.id(), this.json.writeValueAsString(StaffView.of(hired)));
	}

	/** Fields of {@link PersonProfile} and the number, which a hire request sends inside {@code person}. */
	private static final java.util.Set<String> PERSON_FIELDS = java.util.Set.of("fullName", "birthDate", "sex", "email",
			"phone", "address", "personalIdNumber");

	private static @Nullable ContactPoint contact(@Nullable String value) {
		return (value == null || value.isBlank()) ? null : new ContactPoint(value.strip(), false, "admin");
	}

	private static ResponseEntity<String> answer(IdempotencyKeys.Answer answer, boolean replayed) {
		ResponseEntity.BodyBuilder builder = ResponseEntity.status(answer.status())
			.contentType(MediaType.APPLICATION_JSON)
			.header(HttpHeaders.ETAG, answer.etag())
			.header(HttpHeaders.LOCATION, answer.location());
		if (replayed) {
			builder.header("Idempotent-Replayed", "true");
		}
		return builder.body(answer.body());
	}

	@GetMapping("/{id}")
	ResponseEntity<StaffView> get(@PathVariable String realm, @PathVariable String id,
			@AuthenticationPrincipal Jwt token) {
		return tagged(visible(realm, id, AdminCaller.of(token)));
	}

	@GetMapping("/{id}/history")
	List<AssignmentView> history(@PathVariable String realm, @PathVariable String id,
			@AuthenticationPrincipal Jwt token) {
		StaffRecord record = visible(realm, id, AdminCaller.of(token));
		return this.staff.historyOf(record.id()).stream().map(AssignmentView::of).toList();
	}

	@PostMapping(path = "/{id}/transfer", consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<StaffView> transfer(@PathVariable String realm, @PathVariable String id,
			@AuthenticationPrincipal Jwt token, @RequestHeader(name = EntityTags.IF_MATCH, required = false) @Nullable String ifMatch,
			@RequestBody TransferRequest request) {
		AdminCaller caller = AdminCaller.of(token);
		RequestFields fields = new RequestFields();
		String unitId = fields.required("unitId", request.unitId());
		LocalDate from = fields.date("effectiveFrom", request.effectiveFrom(), true);
		fields.check();
		StaffRecord record = visible(realm, id, caller);
		long version = EntityTags.expectedVersion(ifMatch);
		this.delegation.requireUnit(caller, realm, unitId, "unitId");
		return tagged(this.staff.transfer(record.id(), version, unitId, fields.optional(request.position()),
				Objects.requireNonNull(from), fields.optional(request.reason()), caller.actor()));
	}

	@PostMapping(path = "/{id}/position", consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<StaffView> changePosition(@PathVariable String realm, @PathVariable String id,
			@AuthenticationPrincipal Jwt token, @RequestHeader(name = EntityTags.IF_MATCH, required = false) @Nullable String ifMatch,
			@RequestBody PositionRequest request) {
		AdminCaller caller = AdminCaller.of(token);
		RequestFields fields = new RequestFields();
		String position = fields.required("position", request.position());
		LocalDate from = fields.date("effectiveFrom", request.effectiveFrom(), true);
		fields.check();
		StaffRecord record = visible(realm, id, caller);
		long version = EntityTags.expectedVersion(ifMatch);
		return tagged(this.staff.changePosition(record.id(), version, position, Objects.requireNonNull(from),
				fields.optional(request.reason()), caller.actor()));
	}

	/** {@code suspend}, {@code leave}, {@code reinstate}, {@code terminate} or {@code retire}. */
	@PostMapping(path = "/{id}/{action:suspend|leave|reinstate|terminate|retire}",
			consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<StaffView> changeStatus(@PathVariable String realm, @PathVariable String id,
			@PathVariable String action, @AuthenticationPrincipal Jwt token,
			@RequestHeader(name = EntityTags.IF_MATCH, required = false) @Nullable String ifMatch,
			@RequestBody StatusRequest request) {
		AdminCaller caller = AdminCaller.of(token);
		RequestFields fields = new RequestFields();
		LocalDate from = fields.date("effectiveFrom", request.effectiveFrom(), true);
		fields.check();
		StaffRecord record = visible(realm, id, caller);
		long version = EntityTags.expectedVersion(ifMatch);
		StaffAction staffAction = switch (action) {
			case "suspend" -> StaffAction.SUSPEND;
			case "leave" -> StaffAction.START_LEAVE;
			case "reinstate" -> StaffAction.REINSTATE;
			case "terminate" -> StaffAction.TERMINATE;
			default -> StaffAction.RETIRE;
		};
		return tagged(this.staff.changeStatus(record.id(), version, staffAction, Objects.requireNonNull(from),
				fields.optional(request.reason()), caller.actor()));
	}

	@PostMapping(path = "/{id}/rehire", consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<StaffView> rehire(@PathVariable String realm, @PathVariable String id,
			@AuthenticationPrincipal Jwt token, @RequestHeader(name = EntityTags.IF_MATCH, required = false) @Nullable String ifMatch,
			@RequestBody TransferRequest request) {
		AdminCaller caller = AdminCaller.of(token);
		RequestFields fields = new RequestFields();
		String unitId = fields.required("unitId", request.unitId());
		String position = fields.required("position", request.position());
		LocalDate from = fields.date("effectiveFrom", request.effectiveFrom(), true);
		fields.check();
		StaffRecord record = visible(realm, id, caller);
		long version = EntityTags.expectedVersion(ifMatch);
		this.delegation.requireUnit(caller, realm, unitId, "unitId");
		return tagged(this.staff.rehire(record.id(), version, unitId, position, Objects.requireNonNull(from),
				fields.optional(request.reason()), caller.actor()));
	}

	/** The record, of this realm, within the caller's subtree. */
	private StaffRecord visible(String realm, String id, AdminCaller caller) {
		StaffRecord record = this.staff.findById(id).filter((found) -> found.realm().equals(realm))
			.orElseThrow(() -> AdminProblemException.notFound("staff record"));
		this.delegation.requireStaff(caller, record);
		return record;
	}

	private static ResponseEntity<StaffView> tagged(StaffRecord record) {
		return ResponseEntity.ok().eTag(EntityTags.of(record.version())).body(StaffView.of(record));
	}

	private static String rule(IdentityValidationException ex) {
		String prefix = ex.field() + ": ";
		return ex.getMessage().startsWith(prefix) ? ex.getMessage().substring(prefix.length()) : ex.getMessage();
	}

}
