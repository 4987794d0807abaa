package vn.thanglong.id.identity;

import java.util.Set;
import java.util.regex.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the identity model. The data key that protects personal ID numbers
 * ({@code idp.identity.data-key}, {@code IDP_IDENTITY_DATA_KEY}) is deliberately not a component:
 * a record prints its components. {@link IdentityConfiguration} reads it from the environment.
 *
 * @param extraBirthRegistrationCodes three-digit region codes accepted in personal ID numbers besides
 * the 63 provinces: the country codes of births registered abroad, which our sources do not publish
 * ({@code IDP_IDENTITY_EXTRA_BIRTH_REGISTRATION_CODES}, comma-separated)
 * @param staffId the staff ID number format
 */
@ConfigurationProperties("idp.identity")
record IdentityProperties(@DefaultValue Set<String> extraBirthRegistrationCodes, @DefaultValue StaffId staffId) {

	private static final Pattern REGION_CODE = Pattern.compile("[0-9]{3}");

	IdentityProperties {
		extraBirthRegistrationCodes = Set.copyOf(extraBirthRegistrationCodes);
		for (String code : extraBirthRegistrationCodes) {
			if (!REGION_CODE.matcher(code).matches()) {
				throw new IllegalArgumentException(
						"idp.identity.extra-birth-registration-codes: '" + code + "' is not a three-digit code");
			}
		}
	}

	/**
	 * @param prefix 0-8 upper-case letters before every number ({@code IDP_IDENTITY_STAFF_ID_PREFIX})
	 * @param digits digits of the serial, 4-15 ({@code IDP_IDENTITY_STAFF_ID_DIGITS}); a check
	 * character follows. Changing either after numbers were allocated gives new numbers a
	 * different shape; old numbers stay as they were.
	 */
	record StaffId(@DefaultValue("TL") String prefix, @DefaultValue("8") int digits) {

		StaffIdFormat format() {
			return new StaffIdFormat(this.prefix, this.digits);
		}

	}

}
