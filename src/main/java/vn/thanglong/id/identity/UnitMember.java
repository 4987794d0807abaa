package vn.thanglong.id.identity;

/** A staff record employed in a unit (not terminated or retired), with the person's name. */
public record UnitMember(String unitId, String staffRecordId, String fullName) {
}
