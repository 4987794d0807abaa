package vn.thanglong.id.admin;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

import vn.thanglong.id.identity.AgencyUnit;
import vn.thanglong.id.identity.AgencyUnits;
import vn.thanglong.id.identity.StaffRecord;
import vn.thanglong.id.identity.StaffStatus;

/**
 * Delegated administration: a caller bound to a unit ({@code admin_unit}) acts only within that
 * unit's subtree, the unit itself included; a caller without the binding administers the realm.
 * The subtree is read at each request, so that a move or merge of units takes effect at once.
 */
final class DelegatedAdministration {

	private final AgencyUnits units;

	DelegatedAdministration(AgencyUnits units) {
		this.units = Objects.requireNonNull(units, "units");
	}

	/** Persons, organizations and the audit trail span units: they are for realm administrators. */
	void requireRealmAdministrator(AdminCaller caller) {
		if (!caller.isRealmAdministrator()) {
			throw new AdminProblemException(ProblemType.OUTSIDE_ADMINISTERED_UNIT,
					"This area is for realm administrators; the token is bound to a unit.");
		}
	}

	/** The unit, of this realm, within the caller's subtree. */
	AgencyUnit requireUnit(AdminCaller caller, String realm, String unitId, String field) {
		AgencyUnit unit = this.units.findById(unitId).filter((found) -> found.realm().equals(realm))
			.orElseThrow(() -> new AdminProblemException(ProblemType.NOT_FOUND, "No such unit in this realm.",
					java.util.List.of(new FieldProblem(field, "names no unit of this realm"))));
		if (!caller.isRealmAdministrator() && !inSubtree(bound(caller, realm), unit.id())) {
			throw outside();
		}
		return unit;
	}

	/** A unit strictly below the caller's unit: what a unit administrator may move, merge or close. */
	AgencyUnit requireUnitBelow(AdminCaller caller, String realm, String unitId) {
		AgencyUnit unit = requireUnit(caller, realm, unitId, "id");
		if (!caller.isRealmAdministrator() && bound(caller, realm).id().equals(unit.id())) {
			throw new AdminProblemException(ProblemType.OUTSIDE_ADMINISTERED_UNIT,
					"A unit administrator cannot restructure the unit it is bound to.");
		}
		return unit;
	}

	/** A parent for a new or moved unit: a unit administrator cannot create or move roots. */
	void requireParent(AdminCaller caller, String realm, @Nullable String parentId) {
		if (parentId == null) {
			if (!caller.isRealmAdministrator()) {
				throw new AdminProblemException(ProblemType.OUTSIDE_ADMINISTERED_UNIT,
						"A unit administrator cannot create or move a root unit.",
						java.util.List.of(new FieldProblem("parentId", "is required for a unit administrator")));
			}
			return;
		}
		requireUnit(caller, realm, parentId, "parentId");
	}

	/**
	 * A person whose profile or ID number the caller may change: any person of the realm for a
	 * realm administrator; for a unit administrator only a person employed (not terminated or
	 * retired) in a unit of its subtree. A former employee is the realm's to administer again.
	 * @param record the person's staff record, if they have one
	 */
	void requirePerson(AdminCaller caller, String realm, @Nullable StaffRecord record) {
		if (caller.isRealmAdministrator()) {
			return;
		}
		boolean employed = record != null && record.realm().equals(realm) && record.status() != StaffStatus.TERMINATED
				&& record.status() != StaffStatus.RETIRED;
		if (!employed || !inSubtree(bound(caller, realm), record.unitId())) {
			throw new AdminProblemException(ProblemType.OUTSIDE_ADMINISTERED_UNIT,
					"The person is not staff of the unit the token is bound to.");
		}
	}

	/** A staff record whose current unit is within the caller's subtree. */
	void requireStaff(AdminCaller caller, StaffRecord record) {
		if (!caller.isRealmAdministrator() && !inSubtree(bound(caller, record.realm()), record.unitId())) {
			throw outside();
		}
	}

	private AgencyUnit bound(AdminCaller caller, String realm) {
		// a binding to a unit that does not exist (yet, or in this realm) grants nothing
		return this.units.findByCode(Objects.requireNonNull(caller.adminUnit()))
			.filter((unit) -> unit.realm().equals(realm))
			.orElseThrow(() -> new AdminProblemException(ProblemType.OUTSIDE_ADMINISTERED_UNIT,
					"The unit the token is bound to does not exist in this realm."));
	}

	private boolean inSubtree(AgencyUnit root, String unitId) {
		return this.units.pathOf(unitId).stream().anyMatch((unit) -> unit.id().equals(root.id()));
	}

	private static AdminProblemException outside() {
		return new AdminProblemException(ProblemType.OUTSIDE_ADMINISTERED_UNIT,
				"The staff record or unit is outside the unit the token is bound to.");
	}

}
