package vn.thanglong.id.scim;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import vn.thanglong.id.identity.AgencyUnit;
import vn.thanglong.id.identity.AgencyUnits;
import vn.thanglong.id.identity.ListingPage;
import vn.thanglong.id.identity.ListingQuery;
import vn.thanglong.id.identity.StaffDirectory;
import vn.thanglong.id.identity.UnitAttribute;
import vn.thanglong.id.identity.UnitDirectory;
import vn.thanglong.id.identity.UnitMember;
import vn.thanglong.id.identity.UnitStatus;

/**
 * SCIM Groups (RFC 7643 section 4.2) are the realm's active agency units, read-only: displayName
 * is the unit's name, externalId its agency code, members the staff currently employed there
 * (terminated and retired records are not members). Units are managed by the identity model.
 */
final class ScimGroups {

	private final AgencyUnits units;

	private final UnitDirectory directory;

	private final StaffDirectory staff;

	ScimGroups(AgencyUnits units, UnitDirectory directory, StaffDirectory staff) {
		this.units = Objects.requireNonNull(units, "units");
		this.directory = Objects.requireNonNull(directory, "directory");
		this.staff = Objects.requireNonNull(staff, "staff");
	}

	ObjectNode get(String realm, String id, ScimLocations locations) {
		AgencyUnit unit = this.units.findById(id)
			.filter((found) -> found.realm().equals(realm) && found.status() == UnitStatus.ACTIVE)
			.orElseThrow(() -> ScimProblem.notFound("no such Group"));
		return representation(unit, this.staff.membersOf(realm, List.of(unit.id())), locations);
	}

	/** One page of Groups, their members read for the page's units only. */
	ListingPage<ObjectNode> list(String realm, ListingQuery<UnitAttribute> query, ScimLocations locations) {
		ListingPage<AgencyUnit> page = this.directory.list(realm, query);
		Map<String, List<UnitMember>> members = new HashMap<>();
		for (UnitMember member : this.staff.membersOf(realm, page.items().stream().map(AgencyUnit::id).toList())) {
			members.computeIfAbsent(member.unitId(), (key) -> new ArrayList<>()).add(member);
		}
		List<ObjectNode> groups = new ArrayList<>(page.items().size());
		for (AgencyUnit unit : page.items()) {
			groups.add(representation(unit, members.getOrDefault(unit.id(), List.of()), locations));
		}
		return new ListingPage<>(groups, page.totalResults());
	}

	private static ObjectNode representation(AgencyUnit unit, List<UnitMember> members, ScimLocations locations) {
		ObjectNode node = ScimJson.object();
		node.putArray("schemas").add(ScimJson.CORE_GROUP);
		node.put("id", unit.id());
		node.put("externalId", unit.code());
		node.put("displayName", unit.name());
		ArrayNode list = node.putArray("members");
		for (UnitMember member : members) {
			ObjectNode item = list.addObject();
			item.put("value", member.staffRecordId());
			item.put("display", member.fullName());
			item.put("type", "User");
			item.put("$ref", locations.of("Users", member.staffRecordId()));
		}
		ObjectNode meta = node.putObject("meta");
		meta.put("resourceType", "Group");
		meta.put("created", unit.createdAt().toString());
		meta.put("lastModified", unit.updatedAt().toString());
		meta.put("location", locations.of("Groups", unit.id()));
		// the members are part of the representation, so they are part of its version
		meta.put("version", "W/\"" + unit.version() + "."
				+ Integer.toHexString(members.stream().map(UnitMember::staffRecordId).toList().hashCode()) + "\"");
		return node;
	}

}
