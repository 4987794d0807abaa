package vn.thanglong.id.scim;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.scim2.common.Path;
import com.unboundid.scim2.common.exceptions.BadRequestException;
import com.unboundid.scim2.common.exceptions.ScimException;
import com.unboundid.scim2.common.filters.Filter;
import com.unboundid.scim2.common.utils.FilterEvaluator;
import com.unboundid.scim2.common.utils.JsonUtils;
import org.jspecify.annotations.Nullable;

/**
 * Filtering, sorting and paging of a list of representations in memory (RFC 7644 sections
 * 3.4.2.2 to 3.4.2.4), with the UnboundID SDK's filter parser and evaluator. The caller caps how
 * many representations it hands over.
 *
 * @param startIndex 1-based (RFC 7644 section 3.4.2.4); values below 1 count as 1
 * @param count at most {@link #MAX_COUNT}; negative counts as 0
 */
record ScimListing(@Nullable Filter filter, @Nullable Path sortBy, boolean descending, int startIndex, int count) {

	static final int DEFAULT_COUNT = 100;

	static final int MAX_COUNT = 200;

	/**
	 * @throws ScimProblem 400 invalidFilter for a filter or sortBy that does not parse, invalidValue for a bad sortOrder
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

	/** The ListResponse (RFC 7644 section 3.4.2) of the page of {@code resources} this listing selects. */
	ObjectNode page(List<ObjectNode> resources) {
		List<ObjectNode> selected = new ArrayList<>();
		for (ObjectNode resource : resources) {
			if (matches(resource)) {
				selected.add(resource);
			}
		}
		if (this.sortBy != null) {
			// RFC 7644 section 3.4.2.3: resources without the attribute come last in either order
			Comparator<String> keys = this.descending ? Comparator.reverseOrder() : Comparator.naturalOrder();
			selected.sort(Comparator.comparing(this::sortKey, Comparator.nullsLast(keys)));
		}
		ObjectNode response = ScimJson.object();
		response.putArray("schemas").add(ScimJson.LIST_RESPONSE);
		response.put("totalResults", selected.size());
		int from = Math.min(this.startIndex - 1, selected.size());
		int to = Math.min(from + this.count, selected.size());
		response.put("startIndex", this.startIndex);
		response.put("itemsPerPage", to - from);
		ArrayNode items = response.putArray("Resources");
		selected.subList(from, to).forEach(items::add);
		return response;
	}

	private boolean matches(ObjectNode resource) {
		if (this.filter == null) {
			return true;
		}
		try {
			return FilterEvaluator.evaluate(this.filter, resource);
		}
		catch (ScimException | RuntimeException ex) {
			throw ScimProblem.invalidFilter("the filter cannot be evaluated (RFC 7644 section 3.4.2.2)");
		}
	}

	/** The first value at the sort path, ignoring case (strings are caseExact false here). */
	private @Nullable String sortKey(ObjectNode resource) {
		try {
			List<JsonNode> values = JsonUtils.findMatchingPaths(this.sortBy, resource);
			for (JsonNode value : values) {
				JsonNode scalar = value.isArray() ? (value.isEmpty() ? null : value.get(0)) : value;
				if (scalar != null && scalar.isObject()) {
					scalar = scalar.get("value");
				}
				if (scalar != null && scalar.isValueNode() && !scalar.isNull()) {
					return scalar.asText().toLowerCase(Locale.ROOT);
				}
			}
			return null;
		}
		catch (ScimException ex) {
			return null;
		}
	}

}
