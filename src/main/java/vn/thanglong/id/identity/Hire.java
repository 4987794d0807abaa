package vn.thanglong.id.identity;

import java.time.LocalDate;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * A hire: the person (found by their personal ID number, or created from {@code person}),
 * where, in what position, from when. Prints the ID number masked.
 */
public record Hire(NewPerson person, String unitId, String position, LocalDate effectiveFrom, @Nullable String reason) {

	public Hire {
		Objects.requireNonNull(person, "person");
		Objects.requireNonNull(unitId, "unitId");
		Objects.requireNonNull(position, "position");
		Objects.requireNonNull(effectiveFrom, "effectiveFrom");
	}

}
