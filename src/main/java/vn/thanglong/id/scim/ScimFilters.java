package vn.thanglong.id.scim;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ValueNode;
import com.unboundid.scim2.common.Path;
import com.unboundid.scim2.common.filters.Filter;
import org.jspecify.annotations.Nullable;

import vn.thanglong.id.identity.Condition;
import vn.thanglong.id.identity.ListingAttribute;
import vn.thanglong.id.identity.StaffAttribute;
import vn.thanglong.id.identity.StaffStatus;
import vn.thanglong.id.identity.UnitAttribute;

/**
 * Translates a parsed SCIM filter (RFC 7644 section 3.4.2.2) into a {@link Condition} of the
 * identity listings, which the database evaluates. An attribute with no column behind it is a
 * filter this provider cannot evaluate: 400 invalidFilter, as the RFC asks, rather than a
 * silently wrong result. Attribute names compare ignoring case (RFC 7643 section 2.1).
 */
final class ScimFilters<A extends ListingAttribute> {

	/** Users: every filterable (and sortable) attribute path, lower case, core schema URN dropped. */
	static final ScimFilters<StaffAttribute> USERS = new ScimFilters<>(ScimJson.CORE_USER, true, Map.ofEntries(
			Map.entry("id", StaffAttribute.ID),
			Map.entry("externalid", StaffAttribute.EXTERNAL_ID),
			Map.entry("username", StaffAttribute.USER_NAME),
			Map.entry("name.formatted", StaffAttribute.FULL_NAME),
			Map.entry("displayname", StaffAttribute.FULL_NAME),
			Map.entry("title", StaffAttribute.POSITION),
			Map.entry("emails", StaffAttribute.EMAIL),
			Map.entry("emails.value", StaffAttribute.EMAIL),
			Map.entry("phonenumbers", StaffAttribute.PHONE),
			Map.entry("phonenumbers.value", StaffAttribute.PHONE),
			Map.entry("groups", StaffAttribute.UNIT_ID),
			Map.entry("groups.value", StaffAttribute.UNIT_ID),
			Map.entry("groups.display", StaffAttribute.UNIT_NAME),
			Map.entry(enterprise("employeenumber"), StaffAttribute.STAFF_ID),
			Map.entry(enterprise("organization"), StaffAttribute.UNIT_CODE),
			Map.entry(enterprise("department"), StaffAttribute.UNIT_NAME),
			Map.entry("meta.created", StaffAttribute.CREATED),
			Map.entry("meta.lastmodified", StaffAttribute.LAST_MODIFIED)));

	/** Groups: the unit's id, name and agency code (externalId). */
	static final ScimFilters<UnitAttribute> GROUPS = new ScimFilters<>(ScimJson.CORE_GROUP, false, Map.of(
			"id", UnitAttribute.ID,
			"externalid", UnitAttribute.CODE,
			"displayname", UnitAttribute.NAME,
			"meta.created", UnitAttribute.CREATED,
			"meta.lastmodified", UnitAttribute.LAST_MODIFIED));

	/** Users' {@code active}: a boolean over the staff status, so translated rather than mapped. */
	private static final String ACTIVE = "active";

	private final String coreSchema;

	private final Map<String, A> attributes;

	/** Whether {@code active} is an attribute here: of staff records, so only when A is {@link StaffAttribute}. */
	private final boolean staffActive;

	private ScimFilters(String coreSchema, boolean staffActive, Map<String, A> attributes) {
		this.coreSchema = coreSchema.toLowerCase(Locale.ROOT);
		this.staffActive = staffActive;
		this.attributes = Map.copyOf(attributes);
	}

	/** @throws ScimProblem 400 invalidFilter for an attribute, operator or value this provider cannot filter on */
	Condition<A> condition(Filter filter) {
		return translate(filter, null);
	}

	/** @throws ScimProblem 400 invalidValue when the path names no sortable attribute (RFC 7644 section 3.4.2.3) */
	A sortAttribute(Path path) {
		A attribute = this.attributes.get(key(path, null, false));
		if (attribute == null) {
			throw ScimProblem.invalidValue("sortBy names an attribute this provider cannot sort on");
		}
		return attribute;
	}

	/** @param prefix the multi-valued attribute of an enclosing value filter, {@code emails[value ...]} */
	private Condition<A> translate(Filter filter, @Nullable String prefix) {
		switch (filter.getFilterType()) {
			case AND:
				return Condition.and(all(filter.getCombinedFilters(), prefix));
			case OR:
				return Condition.or(all(filter.getCombinedFilters(), prefix));
			case NOT:
				return Condition.not(translate(filter.getInvertedFilter(), prefix));
			case COMPLEX_VALUE:
				if (prefix != null) {
					throw unsupported();
				}
				return translate(filter.getValueFilter(), key(filter.getAttributePath(), null, true));
			default:
				return comparison(filter, key(filter.getAttributePath(), prefix, true));
		}
	}

	private List<Condition<A>> all(List<Filter> filters, @Nullable String prefix) {
		List<Condition<A>> conditions = new ArrayList<>(filters.size());
		for (Filter filter : filters) {
			conditions.add(translate(filter, prefix));
		}
		return conditions;
	}

	private Condition<A> comparison(Filter filter, String key) {
		if (this.staffActive && key.equals(ACTIVE)) {
			return active(filter);
		}
		A attribute = this.attributes.get(key);
		if (attribute == null) {
			throw unsupported();
		}
		switch (filter.getFilterType()) {
			case PRESENT:
				return Condition.present(attribute);
			case NOT_EQUAL:
				return Condition.not(compare(attribute, Condition.Operator.EQ, filter.getComparisonValue()));
			case EQUAL:
				return compare(attribute, Condition.Operator.EQ, filter.getComparisonValue());
			case CONTAINS:
				return compare(attribute, Condition.Operator.CO, filter.getComparisonValue());
			case STARTS_WITH:
				return compare(attribute, Condition.Operator.SW, filter.getComparisonValue());
			case ENDS_WITH:
				return compare(attribute, Condition.Operator.EW, filter.getComparisonValue());
			case GREATER_THAN:
				return compare(attribute, Condition.Operator.GT, filter.getComparisonValue());
			case GREATER_OR_EQUAL:
				return compare(attribute, Condition.Operator.GE, filter.getComparisonValue());
			case LESS_THAN:
				return compare(attribute, Condition.Operator.LT, filter.getComparisonValue());
			case LESS_OR_EQUAL:
				return compare(attribute, Condition.Operator.LE, filter.getComparisonValue());
			default:
				throw unsupported();
		}
	}

	private Condition<A> compare(A attribute, Condition.Operator operator, @Nullable ValueNode value) {
		if (value == null || !value.isTextual()) {
			throw ScimProblem.invalidFilter("the filter compares an attribute with a value of another type");
		}
		try {
			if (attribute.isInstant()) {
				return Condition.compare(attribute, operator, instant(value.asText()));
			}
			return Condition.compare(attribute, operator, value.asText());
		}
		catch (IllegalArgumentException ex) {
			throw ScimProblem.invalidFilter("the filter uses an operator the attribute does not support");
		}
	}

	/** {@code active} is true exactly while the staff status is active. */
	@SuppressWarnings("unchecked")
	private Condition<A> active(Filter filter) {
		Condition<StaffAttribute> isActive = Condition.eq(StaffAttribute.STATUS, StaffStatus.ACTIVE.code());
		Condition<StaffAttribute> condition;
		switch (filter.getFilterType()) {
			case PRESENT:
				// every User has it
				condition = Condition.present(StaffAttribute.ID);
				break;
			case EQUAL:
				condition = bool(filter) ? isActive : Condition.not(isActive);
				break;
			case NOT_EQUAL:
				condition = bool(filter) ? Condition.not(isActive) : isActive;
				break;
			default:
				throw ScimProblem.invalidFilter("active is compared with eq, ne or pr only");
		}
		return (Condition<A>) condition;
	}

	private static boolean bool(Filter filter) {
		ValueNode value = filter.getComparisonValue();
		if (value == null || !value.isBoolean()) {
			throw ScimProblem.invalidFilter("active compares with true or false");
		}
		return value.booleanValue();
	}

	/** RFC 7643 section 2.3.5: an xsd:dateTime, with its offset. */
	private static Instant instant(String text) {
		try {
			return OffsetDateTime.parse(text).toInstant();
		}
		catch (DateTimeParseException ex) {
			try {
				return Instant.parse(text);
			}
			catch (DateTimeParseException again) {
				throw ScimProblem.invalidFilter("a dateTime attribute compares with an xsd:dateTime value");
			}
		}
	}

	/**
	 * {@code emails.value}, {@code urn:...:enterprise:2.0:user:employeenumber}: the path in lower
	 * case, without the resource's core schema URN; a path with a value filter inside it
	 * ({@code emails[type eq "work"].value}) has no column.
	 */
	private String key(Path path, @Nullable String prefix, boolean filtering) {
		StringBuilder key = new StringBuilder();
		String urn = path.getSchemaUrn();
		if (urn != null && !urn.toLowerCase(Locale.ROOT).equals(this.coreSchema)) {
			if (prefix != null) {
				throw unsupported();
			}
			key.append(urn.toLowerCase(Locale.ROOT)).append(':');
		}
		if (prefix != null) {
			key.append(prefix);
		}
		for (Path.Element element : path) {
			if (element.getValueFilter() != null) {
				throw filtering ? unsupported() : ScimProblem.invalidValue("sortBy cannot hold a value filter");
			}
			if (key.length() > 0 && key.charAt(key.length() - 1) != ':') {
				key.append('.');
			}
			key.append(element.getAttribute().toLowerCase(Locale.ROOT));
		}
		return key.toString();
	}

	private static String enterprise(String attribute) {
		return ScimJson.ENTERPRISE_USER.toLowerCase(Locale.ROOT) + ":" + attribute;
	}

	private static ScimProblem unsupported() {
		return ScimProblem.invalidFilter("the filter names an attribute this provider cannot filter on "
				+ "(RFC 7644 section 3.4.2.2; see /Schemas and the README for those it can)");
	}

}
