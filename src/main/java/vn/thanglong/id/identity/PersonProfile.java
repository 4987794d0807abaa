package vn.thanglong.id.identity;

import java.time.LocalDate;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * What a person says or an administrator records about them.
 *
 * @param fullName the full name with its diacritics; stored in NFC
 */
public record PersonProfile(String fullName, @Nullable LocalDate birthDate, @Nullable Sex sex,
		@Nullable ContactPoint email, @Nullable ContactPoint phone, @Nullable Address address) {

	public PersonProfile {
		Objects.requireNonNull(fullName, "fullName");
		fullName = PersonNames.normalize(fullName);
	}

	public static PersonProfile named(String fullName) {
		return new PersonProfile(fullName, null, null, null, null, null);
	}

}
