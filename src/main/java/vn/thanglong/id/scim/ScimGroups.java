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
import vn.thanglong.id.identity.StaffStatus;
import vn.thanglong.id.identity.UnitStatus;

/**
 * SCIM Groups (RFC 7643 section 4.2) are the realm's active agency units, read-only: displayName
 * is the unit's name, externalId its agency code, members the staff currently employed there
 * (terminated and retired records are not members). Units are managed by the identity model.
 */
final class ScimGroups {

	static final int MAX_LISTED = 2000;

	private final AgencyUnits units;

	private final ScimDirectory directory;

	private final ScimUsers users;

	ScimGroups(AgencyUnits units, ScimDirectory directory, ScimUsers users) {
		this.units = Objects.requireNonNull(units, "units");
		this.directory = Objects.requireNonNull(directory, "directory");
		this.users = Objects.requireNonNull(users, "users");
	}

	ObjectNode get(String realm, String id, ScimLocations locations) {
		AgencyUnit unit = this.units.findById(id)
			.filter((found) -> found.realm().equals(realm) && found.status() == UnitStatus.ACTIVE)
			.orElseThrow(() -> ScimProblem.notFound("no such Group"));
		return representation(unit, membersByUnit(realm).getOrDefault(unit.id(), List.of()), locations);
	}

	List<ObjectNode> all(String realm, ScimLocations locations) {
		List<String> ids = this.directory.activeUnitIds(realm, MAX_LISTED + 1);
		if (ids.size() > MAX_LISTED) {
			throw new ScimProblem(400, "tooMany",
					"the realm has more than " + MAX_LISTED + " units; listing is not available");
		}
		Map<String, List<ScimUsers.StoredUser>> members = membersByUnit(realm);
		List<ObjectNode> groups = new ArrayList<>(ids.size());
		for (String id : ids) {
			this.units.findById(id)
				.ifPresent((unit) -> groups.add(representation(unit, members.getOrDefault(id, List.of()), locations)));
		}
		return groups;
	}

	private Map<String, List<ScimUsers.StoredUser>> membersByUnit(String realm) {
		Map<String, List<ScimUsers.StoredUser>> members = new HashMap<>();
		for (ScimUsers.StoredUser user : this.users.all(realm)) {
			StaffStatus status = user.record().status();
			if (status != StaffStatus.TERMINATED && status != StaffStatus.RETIRED) {
				members.computeIfAbsent(user.record().unitId(), (key) -> new ArrayList<>()).add(user);
			}
		}
		return members;
	}

	private static ObjectNode representation(AgencyUnit unit, List<ScimUsers.StoredUser> members, ScimLocations locations) {
		ObjectNode node = ScimJson.object();
		node.putArray("schemas").add(ScimJson.CORE_GROUP);
		node.put("id", unit.id());
		node.put("externalId", unit.code());
		node.put("displayName", unit.name());
		ArrayNode list = node.putArray("members");
		for (ScimUsers.StoredUser member : members) {
			ObjectNode item = list.addObject();
			item.put("value", member.record().id());
			item.put("display", member.person().profile().fullName());
			item.put("type", "User");
			item.put("$ref", locations.of("Users", member.record().id()));
		}
		ObjectNode meta = node.putObject("meta");
		meta.put("resourceType", "Group");
		meta.put("created", unit.createdAt().toString());
		meta.put("lastModified", unit.updatedAt().toString());
		meta.put("location", locations.of("Groups", unit.id()));
		// the members are part of the representation, so they are part of its version
		meta.put("version", "W/\"" + unit.version() + "."
				+ Integer.toHexString(members.stream().map((m) -> m.record().id()).toList().hashCode()) + "\"");
		return node;
	}

}
