package vn.thanglong.id.identity;

import java.time.LocalDate;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/** The checks a person's profile and personal ID number pass before they are stored. */
final class ProfileRules {

	static final int MAX_NAME = 300;

	private static final LocalDate EARLIEST_BIRTH = LocalDate.of(1900, 1, 1);

	// deliberately loose (RFC 5321 allows far more); verification, not syntax, proves an address
	private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]+");

	// E.164 (ITU-T E.164 section 6): at most 15 digits; a leading + for international form
	private static final Pattern PHONE = Pattern.compile("\\+?[0-9]{6,15}");

	private final Set<String> extraRegionCodes;

	ProfileRules(Set<String> extraRegionCodes) {
		this.extraRegionCodes = Set.copyOf(Objects.requireNonNull(extraRegionCodes, "extraRegionCodes"));
	}

	static boolean isEmail(String value) {
		return value.length() <= 320 && EMAIL.matcher(value).matches();
	}

	static boolean isPhone(String value) {
		return PHONE.matcher(value).matches();
	}

	static boolean isPlausibleBirthDate(LocalDate birthDate, LocalDate today) {
		return !birthDate.isAfter(today) && !birthDate.isBefore(EARLIEST_BIRTH);
	}

	void check(PersonProfile profile, @Nullable PersonalIdNumber number, LocalDate today) {
		if (profile.fullName().isEmpty()) {
			throw new IdentityValidationException("fullName", "is required");
		}
		if (profile.fullName().length() > MAX_NAME) {
			throw new IdentityValidationException("fullName", "is longer than " + MAX_NAME + " characters");
		}
		DisplayText.require("fullName", profile.fullName());
		Address address = profile.address();
		if (address != null) {
			for (String part : java.util.Arrays.asList(address.formatted(), address.streetAddress(), address.locality(),
					address.region(), address.postalCode(), address.country())) {
				DisplayText.require("address", part);
			}
		}
		LocalDate birthDate = profile.birthDate();
		if (birthDate != null && !isPlausibleBirthDate(birthDate, today)) {
			throw new IdentityValidationException("birthDate", "must be between 1900-01-01 and today");
		}
		ContactPoint email = profile.email();
		if (email != null && (!isEmail(email.value()) || !DisplayText.readable(email.value()))) {
			throw new IdentityValidationException("email", "is not an email address");
		}
		ContactPoint phone = profile.phone();
		if (phone != null && !isPhone(phone.value())) {
			throw new IdentityValidationException("phone", "must be 6-15 digits, optionally after a +");
		}
		checkSource("email", email);
		checkSource("phone", phone);
		if (number != null) {
			// re-parsed: a number built with the constructor has only had its digits checked
			PersonalIdNumber.parse(number.value(), this.extraRegionCodes).requireConsistentWith(birthDate, profile.sex());
		}
	}

	private static void checkSource(String field, @Nullable ContactPoint contact) {
		if (contact != null && (contact.source().isBlank() || contact.source().length() > 40)) {
			throw new IdentityValidationException(field, "needs a source of 1-40 characters");
		}
	}

}
