package vn.thanglong.id.identity;

/** What a unit listing filters and sorts on. */
public enum UnitAttribute implements ListingAttribute {

	/** The unit id, exactly. */
	ID,
	/** The agency code, ignoring case. */
	CODE,
	/** The name, ignoring case. */
	NAME,
	/** The {@link UnitStatus#code()}. */
	STATUS,
	/** The parent's id, exactly; absent for a root. */
	PARENT_ID,
	CREATED,
	LAST_MODIFIED;

	@Override
	public boolean isInstant() {
		return this == CREATED || this == LAST_MODIFIED;
	}

}
