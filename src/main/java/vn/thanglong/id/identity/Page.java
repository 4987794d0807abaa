package vn.thanglong.id.identity;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One page of a keyset-paged listing.
 *
 * @param next the opaque cursor for the following page, or {@code null} on the last page
 */
public record Page<T>(List<T> items, @Nullable String next) {

	public Page {
		items = List.copyOf(items);
	}

}
