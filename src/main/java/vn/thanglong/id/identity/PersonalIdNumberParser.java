package vn.thanglong.id.identity;

import java.util.Objects;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * Parses personal ID numbers with the deployment's extra region codes
 * ({@code idp.identity.extra-birth-registration-codes}): what an API or a provisioning job calls
 * on a number it received.
 */
public final class PersonalIdNumberParser {

	private final Set<String> extraRegionCodes;

	PersonalIdNumberParser(Set<String> extraRegionCodes) {
		this.extraRegionCodes = Set.copyOf(Objects.requireNonNull(extraRegionCodes, "extraRegionCodes"));
	}

	/** @throws IdentityValidationException on {@code personalIdNumber} */
	public PersonalIdNumber parse(@Nullable String text) {
		return PersonalIdNumber.parse(text, this.extraRegionCodes);
	}

}
