package vn.thanglong.id.identity;

import java.util.Collection;
import java.util.List;

/**
 * Listings of a realm's staff records, filtered, sorted and paged by the database. Records of
 * other realms never appear, whatever the filter says.
 */
public interface StaffDirectory {

	ListingPage<ListedStaff> list(String realm, ListingQuery<StaffAttribute> query);

	/**
	 * The staff employed in each of {@code unitIds} of the realm (not terminated or retired), by
	 * unit, then by staff record id.
	 * @param unitIds at most {@link ListingQuery#MAX_LIMIT}
	 */
	List<UnitMember> membersOf(String realm, Collection<String> unitIds);

}
