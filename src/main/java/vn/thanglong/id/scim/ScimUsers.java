package vn.thanglong.id.scim;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.scim2.common.GenericScimResource;
import com.unboundid.scim2.common.exceptions.ScimException;
import com.unboundid.scim2.common.messages.PatchRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.transaction.support.TransactionOperations;

import vn.thanglong.id.identity.AgencyUnit;
import vn.thanglong.id.identity.AgencyUnits;
import vn.thanglong.id.identity.ContactPoint;
import vn.thanglong.id.identity.Hire;
import vn.thanglong.id.identity.IdentityNotFoundException;
import vn.thanglong.id.identity.ListedStaff;
import vn.thanglong.id.identity.ListingPage;
import vn.thanglong.id.identity.ListingQuery;
import vn.thanglong.id.identity.NewPerson;
import vn.thanglong.id.identity.Person;
import vn.thanglong.id.identity.PersonProfile;
import vn.thanglong.id.identity.PersonalIdNumber;
import vn.thanglong.id.identity.PersonalIdNumberParser;
import vn.thanglong.id.identity.Persons;
import vn.thanglong.id.identity.StaffAttribute;
import vn.thanglong.id.identity.StaffDirectory;
import vn.thanglong.id.identity.StaffAction;
import vn.thanglong.id.identity.StaffLifecycle;
import vn.thanglong.id.identity.StaffRecord;
import vn.thanglong.id.identity.StaffStatus;
import vn.thanglong.id.identity.StaffTransitionException;
import vn.thanglong.id.identity.UnitStatus;

/**
 * SCIM Users (RFC 7643 section 4.1 with the enterprise extension, section 4.3) over the staff
 * lifecycle: POST hires, PUT and PATCH change the profile, unit, position and status, DELETE
 * terminates (never a hard delete: the staff ID number is for life). A request's writes run in one
 * transaction, so a PUT that fails half-way changes nothing.
 */
final class ScimUsers {

	private static final String REASON = "SCIM provisioning";

	private static final String CONTACT_SOURCE = "scim";

	private final Persons persons;

	private final StaffLifecycle staff;

	private final AgencyUnits units;

	private final ScimUserLinks links;

	private final StaffDirectory directory;

	private final PersonalIdNumberParser idNumbers;

	private final TransactionOperations transactions;

	private final Clock clock;

	ScimUsers(Persons persons, StaffLifecycle staff, AgencyUnits units, ScimUserLinks links, StaffDirectory directory,
			PersonalIdNumberParser idNumbers, TransactionOperations transactions, Clock clock) {
		this.persons = Objects.requireNonNull(persons, "persons");
		this.staff = Objects.requireNonNull(staff, "staff");
		this.units = Objects.requireNonNull(units, "units");
		this.links = Objects.requireNonNull(links, "links");
		this.directory = Objects.requireNonNull(directory, "directory");
		this.idNumbers = Objects.requireNonNull(idNumbers, "idNumbers");
		this.transactions = Objects.requireNonNull(transactions, "transactions");
		this.clock = Objects.requireNonNull(clock, "clock");
	}

	/** A User as stored: the staff record, the person, the unit and the SCIM link (if the HR system made one). */
	record StoredUser(StaffRecord record, Person person, AgencyUnit unit, @Nullable ScimUserLink link) {

		/** Weak: it changes with any of the three rows (RFC 7644 section 3.14). */
		String etag() {
			return "W/\"" + this.person.version() + "." + this.record.version() + "."
					+ ((this.link != null) ? this.link.version() : "n") + "\"";
		}

		Instant lastModified() {
			Instant modified = this.record.updatedAt().isAfter(this.person.updatedAt()) ? this.record.updatedAt()
					: this.person.updatedAt();
			return modified;
		}

	}

	StoredUser get(String realm, String id) {
		StaffRecord record = this.staff.findById(id)
			.filter((found) -> found.realm().equals(realm))
			.orElseThrow(() -> ScimProblem.notFound("no such User"));
		return load(record, new HashMap<>(), this.links.find(id).orElse(null));
	}

	/** One page of the realm's Users; the database filters, sorts and pages. */
	ListingPage<StoredUser> list(String realm, ListingQuery<StaffAttribute> query) {
		ListingPage<ListedStaff> page = this.directory.list(realm, query);
		List<String> ids = page.items().stream().map((listed) -> listed.record().id()).toList();
		Map<String, ScimUserLink> links = this.links.findAll(ids);
		Map<String, AgencyUnit> units = new HashMap<>();
		List<StoredUser> users = new ArrayList<>(ids.size());
		for (ListedStaff listed : page.items()) {
			users.add(new StoredUser(listed.record(), listed.person(), unit(listed.record(), units),
					links.get(listed.record().id())));
		}
		return new ListingPage<>(users, page.totalResults());
	}

	/** POST: a hire (RFC 7644 section 3.3). Re-creating a terminated person rehires them with the same staff ID. */
	StoredUser create(String realm, ObjectNode body, String actor) {
		UserInput input = UserInput.from(body);
		String userName = required(input.userName(), "userName");
		String fullName = required(input.fullName(), "name");
		String position = required(input.title(), "title");
		AgencyUnit unit = unitByCode(realm, required(input.organization(), ScimJson.ENTERPRISE_USER + ":organization"));
		PersonalIdNumber number = this.idNumbers
			.parse(required(input.personalIdNumber(), ScimJson.PERSON_EXTENSION + ":personalIdNumber"));
		PersonProfile requested = new PersonProfile(fullName, null, null, contact(null, input.email()),
				contact(null, input.phone()), null);
		String id = inTransaction(() -> {
			StaffRecord hired;
			try {
				hired = this.staff.hire(new Hire(new NewPerson(realm, requested, number), unit.id(), position,
						today(), REASON), actor);
			}
			catch (StaffTransitionException ex) {
				throw ScimProblem.uniqueness("the person is already employed: that User exists");
			}
			Optional<ScimUserLink> taken = this.links.findByUserName(realm, userName);
			if (taken.isPresent() && !taken.get().staffRecordId().equals(hired.id())) {
				throw ScimProblem.uniqueness("userName is already taken in this realm");
			}
			Person person = this.persons.findById(hired.personId()).orElseThrow();
			updateProfile(person, fullName, input.email(), input.phone(), actor);
			Optional<ScimUserLink> link = this.links.find(hired.id());
			if (link.isEmpty() || !link.get().userName().equals(userName)
					|| !Objects.equals(link.get().externalId(), input.externalId())) {
				this.links.save(realm, hired.id(), userName, input.externalId(), link.map(ScimUserLink::version).orElse(null),
						actor);
			}
			if (activeFalse(input)) {
				this.staff.changeStatus(hired.id(), hired.version(), StaffAction.SUSPEND, today(), REASON, actor);
			}
			return hired.id();
		});
		return get(realm, id);
	}

	/** PUT (RFC 7644 section 3.5.1): the body replaces every writable attribute. */
	StoredUser replace(String realm, String id, ObjectNode body, @Nullable String ifMatch, String actor) {
		UserInput input = UserInput.from(body);
		inTransaction(() -> {
			StoredUser current = get(realm, id);
			requireMatch(current, ifMatch);
			apply(realm, current, input, actor);
			return id;
		});
		return get(realm, id);
	}

	/** PATCH (RFC 7644 section 3.5.2): applied to the current representation, whose writable attributes are then stored. */
	StoredUser patch(String realm, String id, PatchRequest patch, String location, @Nullable String ifMatch,
			String actor) {
		inTransaction(() -> {
			StoredUser current = get(realm, id);
			requireMatch(current, ifMatch);
			GenericScimResource resource = new GenericScimResource(representation(current, location));
			try {
				patch.apply(resource);
			}
			catch (ScimException ex) {
				throw new ScimProblem(ex.getScimError().getStatus(), ex.getScimError().getScimType(),
						"the patch cannot be applied");
			}
			catch (RuntimeException ex) {
				throw ScimProblem.invalidValue("the patch cannot be applied");
			}
			apply(realm, current, UserInput.from(namePartsOverUnchangedFormatted(resource.getObjectNode(), current)),
					actor);
			return id;
		});
		return get(realm, id);
	}

	/**
	 * The representation carries {@code name.formatted}; a patch that replaces the name by its
	 * parts leaves it behind, unchanged. Then the parts are what the client meant.
	 */
	private static ObjectNode namePartsOverUnchangedFormatted(ObjectNode patched, StoredUser current) {
		if (patched.get("name") instanceof ObjectNode name && name.has("formatted")
				&& name.get("formatted").asText().equals(current.person().profile().fullName())
				&& (name.has("familyName") || name.has("middleName") || name.has("givenName"))) {
			name.remove("formatted");
		}
		return patched;
	}

	/** DELETE (RFC 7644 section 3.6) terminates the employment; a terminated or retired User stays as it is. */
	void delete(String realm, String id, @Nullable String ifMatch, String actor) {
		inTransaction(() -> {
			StoredUser current = get(realm, id);
			requireMatch(current, ifMatch);
			StaffStatus status = current.record().status();
			if (status != StaffStatus.TERMINATED && status != StaffStatus.RETIRED) {
				this.staff.changeStatus(id, current.record().version(), StaffAction.TERMINATE, today(), REASON, actor);
			}
			return id;
		});
	}

	private void apply(String realm, StoredUser current, UserInput input, String actor) {
		String userName = required(input.userName(), "userName");
		String fullName = required(input.fullName(), "name");
		Person person = updateProfile(current.person(), fullName, input.email(), input.phone(), actor);
		if (input.personalIdNumber() != null) {
			PersonalIdNumber number = this.idNumbers.parse(input.personalIdNumber());
			if (person.personalIdNumber() == null) {
				this.persons.recordPersonalIdNumber(person.id(), person.version(), number, actor);
			}
			else if (!person.personalIdNumber().equals(number)) {
				throw ScimProblem.mutability(ScimJson.PERSON_EXTENSION + ":personalIdNumber cannot be changed");
			}
		}
		StaffRecord record = current.record();
		AgencyUnit unit = (input.organization() != null) ? unitByCode(realm, input.organization()) : current.unit();
		String position = (input.title() != null) ? input.title() : record.position();
		boolean moved = !unit.id().equals(record.unitId());
		boolean retitled = !position.equals(record.position());
		boolean ended = record.status() == StaffStatus.TERMINATED || record.status() == StaffStatus.RETIRED;
		if (ended && Boolean.TRUE.equals(input.active())) {
			record = this.staff.rehire(record.id(), record.version(), unit.id(), position, today(), REASON, actor);
		}
		else {
			if (moved) {
				record = this.staff.transfer(record.id(), record.version(), unit.id(), retitled ? position : null, today(),
						REASON, actor);
			}
			else if (retitled) {
				record = this.staff.changePosition(record.id(), record.version(), position, today(), REASON, actor);
			}
			StaffAction change = statusChange(record.status(), input.active());
			if (change != null) {
				record = this.staff.changeStatus(record.id(), record.version(), change, today(), REASON, actor);
			}
		}
		ScimUserLink link = current.link();
		if (link == null || !link.userName().equals(userName) || !Objects.equals(link.externalId(), input.externalId())) {
			this.links.save(realm, record.id(), userName, input.externalId(), (link != null) ? link.version() : null, actor);
		}
	}

	/** active=false suspends an active or on-leave record; active=true reinstates a suspended or on-leave one. */
	private static @Nullable StaffAction statusChange(StaffStatus status, @Nullable Boolean active) {
		if (active == null) {
			return null;
		}
		if (active) {
			return (status == StaffStatus.SUSPENDED || status == StaffStatus.ON_LEAVE) ? StaffAction.REINSTATE : null;
		}
		return (status == StaffStatus.ACTIVE || status == StaffStatus.ON_LEAVE) ? StaffAction.SUSPEND : null;
	}

	private Person updateProfile(Person person, String fullName, @Nullable String email, @Nullable String phone,
			String actor) {
		PersonProfile profile = person.profile();
		PersonProfile wanted = new PersonProfile(fullName, profile.birthDate(), profile.sex(),
				contact(profile.email(), email), contact(profile.phone(), phone), profile.address());
		if (wanted.equals(profile)) {
			return person;
		}
		return this.persons.updateProfile(person.id(), person.version(), wanted, actor);
	}

	/** Keeps a stored contact point (and its verified flag) when the value is unchanged. */
	private static @Nullable ContactPoint contact(@Nullable ContactPoint stored, @Nullable String value) {
		if (value == null) {
			return null;
		}
		if (stored != null && stored.value().equals(value)) {
			return stored;
		}
		return new ContactPoint(value, false, CONTACT_SOURCE);
	}

	private AgencyUnit unitByCode(String realm, String code) {
		return this.units.findByCode(code)
			.filter((unit) -> unit.realm().equals(realm) && unit.status() == UnitStatus.ACTIVE)
			.orElseThrow(() -> ScimProblem.invalidValue(
					ScimJson.ENTERPRISE_USER + ":organization is not the agency code of an active unit of this realm"));
	}

	private StoredUser load(StaffRecord record, Map<String, AgencyUnit> units, @Nullable ScimUserLink link) {
		Person person = this.persons.findById(record.personId())
			.orElseThrow(() -> new IdentityNotFoundException("person", record.personId()));
		return new StoredUser(record, person, unit(record, units), link);
	}

	/** A page's records share a few units: each is read once. */
	private AgencyUnit unit(StaffRecord record, Map<String, AgencyUnit> units) {
		return units.computeIfAbsent(record.unitId(), (unitId) -> this.units.findById(unitId)
			.orElseThrow(() -> new IdentityNotFoundException("unit", unitId)));
	}

	/** RFC 7644 section 3.14, RFC 9110 section 13.1.1: {@code *} or one of the listed tags, compared weakly. */
	static void requireMatch(StoredUser user, @Nullable String ifMatch) {
		if (!ScimETags.matches(user.etag(), ifMatch)) {
			throw ScimProblem.preconditionFailed();
		}
	}

	/** The representation returned to clients: never the personal ID number. */
	static ObjectNode representation(StoredUser user, String location) {
		ObjectNode node = ScimJson.object();
		node.putArray("schemas").add(ScimJson.CORE_USER).add(ScimJson.ENTERPRISE_USER);
		node.put("id", user.record().id());
		if (user.link() != null && user.link().externalId() != null) {
			node.put("externalId", user.link().externalId());
		}
		node.put("userName", (user.link() != null) ? user.link().userName() : user.record().staffId());
		String fullName = user.person().profile().fullName();
		node.putObject("name").put("formatted", fullName);
		node.put("displayName", fullName);
		node.put("title", user.record().position());
		node.put("active", user.record().status() == StaffStatus.ACTIVE);
		ContactPoint email = user.person().profile().email();
		if (email != null) {
			multiValued(node.putArray("emails"), email.value());
		}
		ContactPoint phone = user.person().profile().phone();
		if (phone != null) {
			multiValued(node.putArray("phoneNumbers"), phone.value());
		}
		ObjectNode group = node.putArray("groups").addObject();
		group.put("value", user.unit().id());
		group.put("display", user.unit().name());
		ObjectNode enterprise = node.putObject(ScimJson.ENTERPRISE_USER);
		enterprise.put("employeeNumber", user.record().staffId());
		enterprise.put("organization", user.unit().code());
		enterprise.put("department", user.unit().name());
		ObjectNode meta = node.putObject("meta");
		meta.put("resourceType", "User");
		meta.put("created", user.record().createdAt().toString());
		meta.put("lastModified", user.lastModified().toString());
		meta.put("location", location);
		meta.put("version", user.etag());
		return node;
	}

	private static void multiValued(ArrayNode array, String value) {
		array.addObject().put("value", value).put("type", "work").put("primary", true);
	}

	private static boolean activeFalse(UserInput input) {
		return Boolean.FALSE.equals(input.active());
	}

	private static String required(@Nullable String value, String attribute) {
		if (value == null) {
			throw ScimProblem.invalidValue(attribute + " is required");
		}
		return value;
	}

	private LocalDate today() {
		return LocalDate.now(this.clock);
	}

	private <T> T inTransaction(Supplier<T> work) {
		return Objects.requireNonNull(this.transactions.execute((status) -> work.get()), "transaction result");
	}

}
