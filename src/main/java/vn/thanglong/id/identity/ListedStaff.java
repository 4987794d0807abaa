package vn.thanglong.id.identity;

/** A staff record of a listing with the person it employs. */
public record ListedStaff(StaffRecord record, Person person) {
}
