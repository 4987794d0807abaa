package vn.thanglong.id.identity;

import java.util.Objects;

/**
 * An email address or phone number of a person, whether it was verified, and where it came from
 * ({@code realm-config}, {@code admin}, {@code vneid}, ...): linking only ever trusts a verified one.
 */
public record ContactPoint(String value, boolean verified, String source) {

	public ContactPoint {
		Objects.requireNonNull(value, "value");
		Objects.requireNonNull(source, "source");
	}

}
