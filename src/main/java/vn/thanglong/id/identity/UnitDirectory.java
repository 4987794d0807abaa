package vn.thanglong.id.identity;

/** Listings of a realm's agency units, filtered, sorted and paged by the database. */
public interface UnitDirectory {

	/** Without a sort, by agency code. */
	ListingPage<AgencyUnit> list(String realm, ListingQuery<UnitAttribute> query);

}
