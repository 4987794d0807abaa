package vn.thanglong.id.identity;

import java.util.Locale;

/**
 * Whether an organization may be acted for: only an active one gets new memberships, and only
 * the memberships of an active one are released as {@code organization} claims.
 */
public enum OrganizationStatus {

	ACTIVE, SUSPENDED, DISSOLVED;

	public String code() {
		return name().toLowerCase(Locale.ROOT);
	}

	static OrganizationStatus fromCode(String code) {
		return valueOf(code.toUpperCase(Locale.ROOT));
	}

	/** The status a code names ({@code active}, {@code suspended}, {@code dissolved}), if any. */
	public static java.util.Optional<OrganizationStatus> parse(String code) {
		for (OrganizationStatus status : values()) {
			if (status.code().equals(code)) {
				return java.util.Optional.of(status);
			}
		}
		return java.util.Optional.empty();
	}

	/**
	 * Active and suspended turn into each other or into dissolved; dissolution is final (a
	 * dissolved enterprise does not come back under the same registration), and a change to the
	 * same status is refused rather than recorded as an event that changed nothing.
	 * @throws IdentityConflictException on {@code status}
	 */
	void requireCanChangeTo(OrganizationStatus next) {
		if (this == DISSOLVED) {
			throw new IdentityConflictException("status", "a dissolved organization cannot change status");
		}
		if (this == next) {
			throw new IdentityConflictException("status", "the organization is already " + code());
		}
	}

}
