package vn.thanglong.id.identity;

import java.time.Instant;
import java.time.LocalDate;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** When two periods of membership, both inclusive and either open-ended, share a day. */
class MembershipTest {

	@ParameterizedTest(name = "[{0}, {1}] and [{2}, {3}]")
	@CsvSource(nullValues = "open", value = {
			// the same, or one inside the other
			"2026-01-01, open, 2026-01-01, open", "2026-01-01, open, 2026-03-01, 2026-03-31",
			"2026-01-01, 2026-12-31, 2026-03-01, 2026-03-31", "2026-03-01, 2026-03-31, 2026-01-01, open",
			// one day in common: the last day of one is the first of the other (validTo is inclusive)
			"2026-01-01, 2026-01-31, 2026-01-31, open", "2026-02-01, open, 2025-01-01, 2026-02-01",
			// a one-day membership
			"2026-01-15, 2026-01-15, 2026-01-01, 2026-01-31", "2026-01-15, 2026-01-15, 2026-01-15, 2026-01-15",
			// an ended membership, and a new one backdated into its days
			"2025-01-01, 2025-12-31, 2025-06-01, open" })
	void whenPeriodsShareADayThenTheyOverlap(LocalDate from, @Nullable LocalDate to, LocalDate otherFrom,
			@Nullable LocalDate otherTo) {
		assertThat(membership(from, to).overlaps(otherFrom, otherTo)).isTrue();
		assertThat(membership(otherFrom, otherTo).overlaps(from, to)).as("symmetric").isTrue();
	}

	@ParameterizedTest(name = "[{0}, {1}] and [{2}, {3}]")
	@CsvSource(nullValues = "open", value = {
			// successive: one ended yesterday, the next from today
			"2026-01-01, 2026-01-31, 2026-02-01, open", "2026-01-01, 2026-01-31, 2026-02-01, 2026-02-28",
			// a future one that starts after the other's last day
			"2026-03-01, open, 2026-01-01, 2026-02-28",
			// a gap between them
			"2025-01-01, 2025-06-30, 2026-01-01, open", "2026-01-15, 2026-01-15, 2026-01-16, 2026-01-16" })
	void whenOneEndsBeforeTheOtherBeginsThenTheyDoNotOverlap(LocalDate from, @Nullable LocalDate to,
			LocalDate otherFrom, @Nullable LocalDate otherTo) {
		assertThat(membership(from, to).overlaps(otherFrom, otherTo)).isFalse();
		assertThat(membership(otherFrom, otherTo).overlaps(from, to)).as("symmetric").isFalse();
	}

	private static Membership membership(LocalDate from, @Nullable LocalDate to) {
		return new Membership("m-1", "p-1", "o-1", MembershipRole.MEMBER, from, to, Instant.EPOCH);
	}

}
