package vn.thanglong.id.identity;

/**
 * An attribute a listing ({@link StaffDirectory}, {@link UnitDirectory}) can filter and sort on.
 * Each listing has a closed enum of them, so that a query can only name columns the store maps.
 */
public interface ListingAttribute {

	/** Whether values are instants (compared in time) rather than text. */
	boolean isInstant();

}
