package vn.thanglong.id.scim;

import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.scim2.common.Path;
import com.unboundid.scim2.common.exceptions.BadRequestException;
import com.unboundid.scim2.common.filters.Filter;
import org.jspecify.annotations.Nullable;

import vn.thanglong.id.identity.Condition;
import vn.thanglong.id.identity.ListingAttribute;
import vn.thanglong.id.identity.ListingQuery;
import vn.thanglong.id.identity.StaffAttribute;
import vn.thanglong.id.identity.UnitAttribute;
import vn.thanglong.id.identity.UnitStatus;

/**
 * A SCIM query (RFC 7644 sections 3.4.2.2 to 3.4.2.4) as parsed, and as the identity listing
 * query the database runs: the filter through {@link ScimFilters}, sortBy and sortOrder as the
 * sort, startIndex and count as offset and limit.
 *
 * @param startIndex 1-based (RFC 7644 section 3.4.2.4); values below 1 count as 1
 * @param count at most {@link #MAX_COUNT}; negative counts as 0
 */
record ScimListing(@Nullable Filter filter, @Nullable Path sortBy, boolean descending, int startIndex, int count) {

	static final int DEFAULT_COUNT = 100;

	/** Advertised as the ServiceProviderConfig's filter.maxResults (RFC 7643 section 5). */
	static final int MAX_COUNT = 200;

	/**
	 * @throws ScimProblem 400 invalidFilter for a filter that does not parse, invalidValue for a
	 * sortBy that does not parse or a bad sortOrder
	 */
	static ScimListing of(@Nullable String filter, @Nullable String sortBy, @Nullable String sortOrder,
			@Nullable Integer startIndex, @Nullable Integer count) {
		Filter parsed = null;
		if (filter != null && !filter.isBlank()) {
			try {
				parsed = Filter.fromString(filter);
			}
			catch (BadRequestException | RuntimeException ex) {
				throw ScimProblem.invalidFilter("the filter is not valid (RFC 7644 section 3.4.2.2)");
			}
		}
		Path sort = null;
		if (sortBy != null && !sortBy.isBlank()) {
			try {
				sort = Path.fromString(sortBy);
			}
			catch (BadRequestException | RuntimeException ex) {
				throw ScimProblem.invalidValue("sortBy is not an attribute path");
			}
		}
		boolean descending = false;
		if (sortOrder != null && !sortOrder.isBlank()) {
			String order = sortOrder.strip().toLowerCase(Locale.ROOT);
			if (!order.equals("ascending") && !order.equals("descending")) {
				throw ScimProblem.invalidValue("sortOrder must be ascending or descending");
			}
			descending = order.equals("descending");
		}
		int start = (startIndex == null || startIndex < 1) ? 1 : startIndex;
		int size = (count == null) ? DEFAULT_COUNT : Math.max(0, Math.min(count, MAX_COUNT));
		return new ScimListing(parsed, sort, descending, start, size);
	}

	/** @throws ScimProblem 400 invalidFilter or invalidValue for what has no column behind it */
	ListingQuery<StaffAttribute> users() {
		return query(ScimFilters.USERS, null);
	}

	/** Groups are the realm's active units only, whatever the filter. */
	ListingQuery<UnitAttribute> groups() {
		return query(ScimFilters.GROUPS, Condition.eq(UnitAttribute.STATUS, UnitStatus.ACTIVE.code()));
	}

	private <A extends ListingAttribute> ListingQuery<A> query(ScimFilters<A> filters, @Nullable Condition<A> always) {
		Condition<A> condition = (this.filter != null) ? filters.condition(this.filter) : null;
		if (always != null) {
			condition = (condition != null) ? Condition.and(List.of(always, condition)) : always;
		}
		A sort = (this.sortBy != null) ? filters.sortAttribute(this.sortBy) : null;
		return new ListingQuery<>(condition, sort, this.descending, this.startIndex - 1L, this.count);
	}

	/** The ListResponse (RFC 7644 section 3.4.2) of one page. */
	ObjectNode response(long totalResults, List<ObjectNode> resources) {
		ObjectNode response = ScimJson.object();
		response.putArray("schemas").add(ScimJson.LIST_RESPONSE);
		response.put("totalResults", totalResults);
		response.put("startIndex", this.startIndex);
		response.put("itemsPerPage", resources.size());
		ArrayNode items = response.putArray("Resources");
		resources.forEach(items::add);
		return response;
	}

}
