package vn.thanglong.id.identity;

import java.time.Instant;
import java.time.LocalDate;

import org.jspecify.annotations.Nullable;

/**
 * A person's role in an organization, valid from {@code validFrom} to {@code validTo} inclusive
 * ({@code null}: open-ended). A membership that has ended keeps its row, with {@code validTo} the
 * last day it held; there is no other mark of an ended one.
 */
public record Membership(String id, String personId, String organizationId, MembershipRole role, LocalDate validFrom,
		@Nullable LocalDate validTo, Instant createdAt) {

	/** Whether the membership holds on {@code day}. */
	public boolean isValidOn(LocalDate day) {
		return !day.isBefore(this.validFrom) && (this.validTo == null || !day.isAfter(this.validTo));
	}

	/**
	 * Whether the membership holds on some day of {@code from} to {@code to} (both inclusive;
	 * {@code to} {@code null}: open-ended). A period that starts the day after this one's
	 * {@code validTo}, or ends the day before its {@code validFrom}, does not overlap.
	 */
	public boolean overlaps(LocalDate from, @Nullable LocalDate to) {
		return (to == null || !to.isBefore(this.validFrom)) && (this.validTo == null || !from.isAfter(this.validTo));
	}

}
