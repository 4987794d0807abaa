package vn.thanglong.id.identity;

import java.util.Locale;
import java.util.Optional;

/** Sex as recorded on the citizen identity card; written as the OIDC {@code gender} values (OIDC Core 5.1). */
public enum Sex {

	MALE, FEMALE;

	/** {@code male} or {@code female}, as stored and as the {@code gender} claim. */
	public String code() {
		return name().toLowerCase(Locale.ROOT);
	}

	/** The sex a stored or claimed code names; anything else (OIDC allows other genders) is empty. */
	public static Optional<Sex> fromCode(String code) {
		for (Sex sex : values()) {
			if (sex.code().equals(code)) {
				return Optional.of(sex);
			}
		}
		return Optional.empty();
	}

}
