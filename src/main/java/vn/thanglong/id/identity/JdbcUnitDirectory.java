package vn.thanglong.id.identity;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

import org.springframework.jdbc.core.simple.JdbcClient;

/** {@link UnitDirectory} in SQL over {@code agency_unit}. */
final class JdbcUnitDirectory implements UnitDirectory {

	private static final String FROM = " from agency_unit u where u.realm = ?";

	private static final Function<UnitAttribute, ListingSql.Column> COLUMN = ListingSql.columnsOf(UnitAttribute.class, columns());

	private final JdbcClient jdbc;

	JdbcUnitDirectory(JdbcClient jdbc) {
		this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
	}

	private static Map<UnitAttribute, ListingSql.Column> columns() {
		Map<UnitAttribute, ListingSql.Column> columns = new EnumMap<>(UnitAttribute.class);
		columns.put(UnitAttribute.ID, ListingSql.Column.of("u.id", ListingSql.EXACT));
		// agency codes are stored upper-case (AgencyCodes), so the unique index serves eq and sw
		columns.put(UnitAttribute.CODE, ListingSql.Column.of("u.code", ListingSql.UPPER));
		columns.put(UnitAttribute.NAME, ListingSql.Column.of("lower(u.name)", ListingSql.LOWER));
		columns.put(UnitAttribute.STATUS, ListingSql.Column.of("u.status", ListingSql.LOWER));
		columns.put(UnitAttribute.PARENT_ID, ListingSql.Column.of("u.parent_id", ListingSql.EXACT));
		columns.put(UnitAttribute.CREATED, ListingSql.Column.instant(List.of("u.created_at")));
		columns.put(UnitAttribute.LAST_MODIFIED, ListingSql.Column.instant(List.of("u.updated_at")));
		return columns;
	}

	@Override
	public ListingPage<AgencyUnit> list(String realm, ListingQuery<UnitAttribute> query) {
		Objects.requireNonNull(realm, "realm");
		ListingSql<UnitAttribute> sql = new ListingSql<>(COLUMN);
		sql.bind(realm);
		String where = FROM + ((query.filter() != null) ? " and " + sql.where(query.filter()) : "");
		long total = this.jdbc.sql("select count(*)" + where).params(sql.params()).query(Long.class).single();
		if (query.limit() == 0 || query.offset() >= total) {
			return new ListingPage<>(List.of(), total);
		}
		String order = sql.orderBy(query.sortBy(), query.descending(), "u.code, u.id", "u.id");
		String window = sql.window(query.offset(), query.limit());
		List<AgencyUnit> units = this.jdbc.sql("select u.*" + where + order + window)
			.params(sql.params())
			.query(JdbcAgencyUnits::map)
			.list();
		return new ListingPage<>(units, total);
	}

}
