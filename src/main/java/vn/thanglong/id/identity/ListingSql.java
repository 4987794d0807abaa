package vn.thanglong.id.identity;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.function.UnaryOperator;

import org.jspecify.annotations.Nullable;

/**
 * Turns a {@link ListingQuery} into a where clause, an order and a window for H2 and PostgreSQL
 * alike. Only fixed SQL fragments (from the listing's column map) are written into the statement;
 * every value is a bind parameter, and LIKE patterns are escaped so that the value is matched
 * literally.
 */
final class ListingSql<A extends ListingAttribute> {

	/**
	 * How an attribute is stored.
	 * @param expressions the column, already folded as {@code fold} folds values (e.g. {@code lower(p.email)});
	 * two for "the later of" (instants only, neither ever null)
	 * @param fold applied to text values before they are bound
	 */
	record Column(List<String> expressions, UnaryOperator<String> fold, Set<String> joins,
			@Nullable Equality equality) {

		static Column of(String expression, UnaryOperator<String> fold, String... joins) {
			return new Column(List.of(expression), fold, Set.of(joins), null);
		}

		static Column instant(List<String> expressions, String... joins) {
			return new Column(expressions, UnaryOperator.identity(), Set.of(joins), null);
		}

		/** The same column, with eq written as {@code equality} so that it can use indexes the expression cannot. */
		Column withEquality(Equality equality) {
			return new Column(this.expressions, this.fold, this.joins, equality);
		}

		String sortExpression() {
			return (this.expressions.size() == 1) ? this.expressions.get(0)
					: "greatest(" + String.join(", ", this.expressions) + ")";
		}

	}

	/**
	 * An equivalent of {@code expression = value} for eq: {@code sql} with one placeholder per
	 * fold, each bound to the value as that fold makes it.
	 */
	record Equality(String sql, List<UnaryOperator<String>> folds) {
	}

	static final UnaryOperator<String> EXACT = UnaryOperator.identity();

	static final UnaryOperator<String> LOWER = (value) -> value.toLowerCase(Locale.ROOT);

	static final UnaryOperator<String> UPPER = (value) -> value.toUpperCase(Locale.ROOT);

	private static final String ESCAPE = "\\";

	private final Function<A, Column> columns;

	private final List<Object> params = new ArrayList<>();

	private final Set<String> joins = new HashSet<>();

	/**
	 * The column of every attribute of {@code type}, as a listing looks them up; an attribute
	 * without one stops the class that declares them from loading.
	 */
	static <E extends Enum<E> & ListingAttribute> Function<E, Column> columnsOf(Class<E> type, Map<E, Column> columns) {
		if (columns.size() != type.getEnumConstants().length) {
			throw new IllegalStateException("every " + type.getSimpleName() + " needs a column");
		}
		Map<E, Column> copy = new EnumMap<>(columns);
		return copy::get;
	}

	ListingSql(Function<A, Column> columns) {
		this.columns = Objects.requireNonNull(columns, "columns");
	}

	/** The bind parameters of what was rendered so far, in order. */
	List<Object> params() {
		return List.copyOf(this.params);
	}

	/** The joins (by alias) that the conditions and the order rendered so far need. */
	Set<String> joins() {
		return Set.copyOf(this.joins);
	}

	void bind(Object value) {
		this.params.add(value);
	}

	/** A boolean SQL expression that is never unknown, so that {@code not} inverts it exactly. */
	String where(Condition<A> condition) {
		if (condition instanceof Condition.And<A> and) {
			return join(and.conditions(), " and ");
		}
		if (condition instanceof Condition.Or<A> or) {
			return join(or.conditions(), " or ");
		}
		if (condition instanceof Condition.Not<A> not) {
			return "not (" + where(not.condition()) + ")";
		}
		return compare((Condition.Compare<A>) condition);
	}

	/** {@code order by} the attribute, records without it last, then {@code tieBreak}. */
	String orderBy(@Nullable A sortBy, boolean descending, String defaultOrder, String tieBreak) {
		if (sortBy == null) {
			return " order by " + defaultOrder;
		}
		Column column = this.columns.apply(sortBy);
		this.joins.addAll(column.joins());
		return " order by " + column.sortExpression() + (descending ? " desc" : " asc")
				+ " nulls last, " + tieBreak;
	}

	/** The window; standard SQL, which both databases take with bind parameters. */
	String window(long offset, int limit) {
		bind(offset);
		bind(limit);
		return " offset ? rows fetch next ? rows only";
	}

	private String join(List<Condition<A>> conditions, String operator) {
		List<String> parts = new ArrayList<>(conditions.size());
		for (Condition<A> condition : conditions) {
			parts.add(where(condition));
		}
		return "(" + String.join(operator, parts) + ")";
	}

	private String compare(Condition.Compare<A> compare) {
		Column column = this.columns.apply(compare.attribute());
		List<String> expressions = column.expressions();
		if (compare.operator() == Condition.Operator.EQ && column.equality() != null
				&& compare.value() instanceof String text) {
			for (UnaryOperator<String> fold : column.equality().folds()) {
				bind(fold.apply(text));
			}
			return "(" + column.equality().sql() + ")";
		}
		this.joins.addAll(column.joins());
		if (compare.operator() == Condition.Operator.PR) {
			return "(" + expressions.get(0) + " is not null)";
		}
		if (compare.value() instanceof Instant instant) {
			return instant(expressions, compare.operator(), Timestamp.from(instant));
		}
		String folded = column.fold().apply((String) Objects.requireNonNull(compare.value()));
		if (folded.isEmpty() && !((String) compare.value()).isEmpty()) {
			// the fold dropped everything (a name search key keeps only letters and digits): nothing
			// stored can hold what was asked for
			return "(1 = 0)";
		}
		String expression = expressions.get(0);
		return switch (compare.operator()) {
			case EQ -> comparison(expression, "=", folded);
			case GT -> comparison(expression, ">", folded);
			case GE -> comparison(expression, ">=", folded);
			case LT -> comparison(expression, "<", folded);
			case LE -> comparison(expression, "<=", folded);
			case CO -> like(expression, "%" + escape(folded) + "%");
			case SW -> like(expression, escape(folded) + "%");
			case EW -> like(expression, "%" + escape(folded));
			case PR -> throw new IllegalStateException("handled above");
		};
	}

	/**
	 * The later of several instants is above x when one of them is, below x when all are; written
	 * so, each can use its own index.
	 */
	private String instant(List<String> expressions, Condition.Operator operator, Timestamp value) {
		String sql = switch (operator) {
			case GT -> ">";
			case GE -> ">=";
			case LT -> "<";
			case LE -> "<=";
			case EQ -> "=";
			default -> throw new IllegalStateException(operator + " on an instant");
		};
		if (expressions.size() == 1) {
			return comparison(expressions.get(0), sql, value);
		}
		if (operator == Condition.Operator.EQ) {
			bind(value);
			return "(greatest(" + String.join(", ", expressions) + ") = ?)";
		}
		String combine = (operator == Condition.Operator.GT || operator == Condition.Operator.GE) ? " or " : " and ";
		List<String> parts = new ArrayList<>();
		for (String expression : expressions) {
			parts.add(expression + " " + sql + " ?");
			bind(value);
		}
		return "(" + String.join(combine, parts) + ")";
	}

	private String comparison(String expression, String operator, Object value) {
		bind(value);
		return "(" + expression + " is not null and " + expression + " " + operator + " ?)";
	}

	private String like(String expression, String pattern) {
		bind(pattern);
		return "(" + expression + " is not null and " + expression + " like ? escape '" + ESCAPE + "')";
	}

	static String escape(String value) {
		return value.replace(ESCAPE, ESCAPE + ESCAPE).replace("%", ESCAPE + "%").replace("_", ESCAPE + "_");
	}

}
