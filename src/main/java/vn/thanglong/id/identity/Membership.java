package vn.thanglong.id.identity;

import java.time.Instant;
import java.time.LocalDate;

import org.jspecify.annotations.Nullable;

/**
 * A person's role in an organization, valid from {@code validFrom} to {@code validTo} inclusive
 * ({@code null}: open-ended).
 */
public record Membership(String id, String personId, String organizationId, MembershipRole role, LocalDate validFrom,
		@Nullable LocalDate validTo, Instant createdAt) {

	/** Whether the membership holds on {@code day}. */
	public boolean isValidOn(LocalDate day) {
		return !day.isBefore(this.validFrom) && (this.validTo == null || !day.isAfter(this.validTo));
	}

}
