package vn.thanglong.id.identity;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * A filter over a listing's attributes: comparisons combined with and, or and not. The operators
 * are those of SCIM (RFC 7644 section 3.4.2.2) but the semantics are the store's: text compares
 * ignoring case unless the attribute says otherwise, a missing value never matches a comparison
 * (so {@code not} of it does), and {@code co}, {@code sw}, {@code ew} match the value literally
 * (a {@code %} or {@code _} in it is not a wildcard).
 */
public sealed interface Condition<A extends ListingAttribute>
		permits Condition.Compare, Condition.And, Condition.Or, Condition.Not {

	enum Operator {

		EQ, CO, SW, EW, PR, GT, GE, LT, LE;

		/** Whether the operator makes sense on an instant: equality, order and presence, not substrings. */
		boolean appliesToInstants() {
			return this != CO && this != SW && this != EW;
		}

	}

	/**
	 * @param value a {@link String} for a text attribute, an {@link Instant} for an instant one,
	 * {@code null} for {@link Operator#PR} only
	 * @throws IllegalArgumentException when the value or the operator does not fit the attribute
	 */
	record Compare<A extends ListingAttribute>(A attribute, Operator operator, @Nullable Object value)
			implements Condition<A> {

		public Compare {
			Objects.requireNonNull(attribute, "attribute");
			Objects.requireNonNull(operator, "operator");
			if (operator == Operator.PR) {
				if (value != null) {
					throw new IllegalArgumentException("pr takes no value");
				}
			}
			else if (attribute.isInstant()) {
				if (!operator.appliesToInstants()) {
					throw new IllegalArgumentException(operator + " does not apply to the instant " + attribute);
				}
				if (!(value instanceof Instant)) {
					throw new IllegalArgumentException(attribute + " compares with an instant");
				}
			}
			else if (!(value instanceof String)) {
				throw new IllegalArgumentException(attribute + " compares with text");
			}
		}

	}

	record And<A extends ListingAttribute>(List<Condition<A>> conditions) implements Condition<A> {

		public And {
			conditions = nonEmpty(conditions);
		}

	}

	record Or<A extends ListingAttribute>(List<Condition<A>> conditions) implements Condition<A> {

		public Or {
			conditions = nonEmpty(conditions);
		}

	}

	record Not<A extends ListingAttribute>(Condition<A> condition) implements Condition<A> {

		public Not {
			Objects.requireNonNull(condition, "condition");
		}

	}

	static <A extends ListingAttribute> Condition<A> compare(A attribute, Operator operator, String value) {
		return new Compare<>(attribute, operator, value);
	}

	static <A extends ListingAttribute> Condition<A> compare(A attribute, Operator operator, Instant value) {
		return new Compare<>(attribute, operator, value);
	}

	static <A extends ListingAttribute> Condition<A> eq(A attribute, String value) {
		return new Compare<>(attribute, Operator.EQ, value);
	}

	static <A extends ListingAttribute> Condition<A> present(A attribute) {
		return new Compare<>(attribute, Operator.PR, null);
	}

	static <A extends ListingAttribute> Condition<A> and(List<Condition<A>> conditions) {
		return (conditions.size() == 1) ? conditions.get(0) : new And<>(conditions);
	}

	static <A extends ListingAttribute> Condition<A> or(List<Condition<A>> conditions) {
		return (conditions.size() == 1) ? conditions.get(0) : new Or<>(conditions);
	}

	static <A extends ListingAttribute> Condition<A> not(Condition<A> condition) {
		return new Not<>(condition);
	}

	private static <A extends ListingAttribute> List<Condition<A>> nonEmpty(List<Condition<A>> conditions) {
		if (conditions.isEmpty()) {
			throw new IllegalArgumentException("at least one condition is needed");
		}
		return List.copyOf(conditions);
	}

}
