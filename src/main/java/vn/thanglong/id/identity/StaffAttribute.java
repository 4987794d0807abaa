package vn.thanglong.id.identity;

/** What a staff listing filters and sorts on. */
public enum StaffAttribute implements ListingAttribute {

	/** The staff record id, exactly. */
	ID,
	/** The lifelong staff ID number, ignoring case. */
	STAFF_ID,
	/**
	 * The name a provisioning system gave the record ({@link ProvisioningName#userName()}, SCIM
	 * {@code userName}), else its staff ID number; ignoring case.
	 */
	USER_NAME,
	/** The provisioning system's own id for the record ({@link ProvisioningName#externalId()}), exactly. */
	EXTERNAL_ID,
	/** The person's full name, ignoring case and diacritics ({@link PersonNames#searchKey}). */
	FULL_NAME,
	/** The person's email address, ignoring case. */
	EMAIL,
	/** The person's phone number, exactly. */
	PHONE,
	/** The position, ignoring case. */
	POSITION,
	/** The {@link StaffStatus#code()}. */
	STATUS,
	/** The unit's id, exactly. */
	UNIT_ID,
	/** The unit's agency code, ignoring case. */
	UNIT_CODE,
	/** The unit's name, ignoring case. */
	UNIT_NAME,
	CREATED,
	/** The later of the record's and the person's last change. */
	LAST_MODIFIED;

	@Override
	public boolean isInstant() {
		return this == CREATED || this == LAST_MODIFIED;
	}

}
