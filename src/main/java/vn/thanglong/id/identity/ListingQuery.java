package vn.thanglong.id.identity;

import org.jspecify.annotations.Nullable;

/**
 * What to list: a filter, an order and a window by offset (SCIM pages by index, RFC 7644
 * section 3.4.2.4, so keyset paging does not fit here).
 *
 * @param filter {@code null} for everything of the realm
 * @param sortBy {@code null} for the listing's own order (see each listing); records without the
 * attribute come last in either direction, ties in id order
 * @param limit at most {@link #MAX_LIMIT}; 0 only counts
 */
public record ListingQuery<A extends ListingAttribute>(@Nullable Condition<A> filter, @Nullable A sortBy,
		boolean descending, long offset, int limit) {

	/** A page is read into memory whole; callers page with less (SCIM: 200). */
	public static final int MAX_LIMIT = 1000;

	public ListingQuery {
		if (offset < 0) {
			throw new IllegalArgumentException("offset must not be negative");
		}
		if (limit < 0 || limit > MAX_LIMIT) {
			throw new IllegalArgumentException("limit must be 0-" + MAX_LIMIT);
		}
	}

}
