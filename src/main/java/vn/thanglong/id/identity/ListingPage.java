package vn.thanglong.id.identity;

import java.util.List;

/**
 * One window of a listing and how many records the filter matched in all.
 *
 * @param totalResults across every page, not only this one
 */
public record ListingPage<T>(List<T> items, long totalResults) {

	public ListingPage {
		items = List.copyOf(items);
	}

}
