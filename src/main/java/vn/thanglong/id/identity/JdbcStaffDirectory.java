package vn.thanglong.id.identity;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@link StaffDirectory} in SQL over {@code staff_record} and what it joins: the filter, the
 * order and the window run in the database, then the page's persons are read in one query.
 * The {@link ProvisioningName}s are identity's own {@code staff_provisioning_name}: what
 * provisioning systems filter on, in the same query as the rest of the model.
 */
final class JdbcStaffDirectory implements StaffDirectory {

	/**
	 * What a condition or an order may join, by alias. A count joins only what its filter needs:
	 * PostgreSQL does not drop an unused inner join, and at 50,000 records joining four tables to
	 * count one is most of the time.
	 */
	private static final Map<String, String> JOINS = Map.of(
			"s", " join person_staff_id s on s.person_id = r.person_id",
			"p", " join person p on p.id = r.person_id",
			"u", " join agency_unit u on u.id = r.unit_id",
			"su", " left join staff_provisioning_name su on su.staff_record_id = r.id");

	private static final List<String> JOIN_ORDER = List.of("s", "p", "u", "su");

	/**
	 * userName eq is what a provisioning system asks before every create; as a semi-join from the
	 * two unique keys it reads a row or two instead of every record of the realm.
	 */
	private static final ListingSql.Equality USER_NAME_EQUALITY = new ListingSql.Equality(
			"r.id in (select su2.staff_record_id from staff_provisioning_name su2 where su2.user_name_key = ? "
					+ "union all select r2.id from person_staff_id s2 join staff_record r2 on r2.person_id = s2.person_id "
					+ "where s2.staff_id = ? and not exists (select 1 from staff_provisioning_name su3 where su3.staff_record_id = r2.id))",
			List.of(ListingSql.LOWER, ListingSql.UPPER));

	private static final Function<StaffAttribute, ListingSql.Column> COLUMN = ListingSql.columnsOf(StaffAttribute.class, columns());

	private final JdbcClient jdbc;

	private final PersonRows persons;

	JdbcStaffDirectory(JdbcClient jdbc, PersonRows persons) {
		this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
		this.persons = Objects.requireNonNull(persons, "persons");
	}

	private static Map<StaffAttribute, ListingSql.Column> columns() {
		Map<StaffAttribute, ListingSql.Column> columns = new EnumMap<>(StaffAttribute.class);
		columns.put(StaffAttribute.ID, ListingSql.Column.of("r.id", ListingSql.EXACT));
		// staff ID numbers are upper-case (StaffIdFormat), so the indexed column is compared as it is
		columns.put(StaffAttribute.STAFF_ID, ListingSql.Column.of("s.staff_id", ListingSql.UPPER, "s"));
		columns.put(StaffAttribute.USER_NAME,
				ListingSql.Column.of("coalesce(su.user_name_key, lower(s.staff_id))", ListingSql.LOWER, "s", "su")
					.withEquality(USER_NAME_EQUALITY));
		columns.put(StaffAttribute.EXTERNAL_ID, ListingSql.Column.of("su.external_id", ListingSql.EXACT, "su"));
		columns.put(StaffAttribute.FULL_NAME, ListingSql.Column.of("p.name_search", PersonNames::searchKey, "p"));
		columns.put(StaffAttribute.EMAIL, ListingSql.Column.of("lower(p.email)", ListingSql.LOWER, "p"));
		columns.put(StaffAttribute.PHONE, ListingSql.Column.of("p.phone", ListingSql.EXACT, "p"));
		columns.put(StaffAttribute.POSITION, ListingSql.Column.of("lower(r.position)", ListingSql.LOWER));
		columns.put(StaffAttribute.STATUS, ListingSql.Column.of("r.status", ListingSql.LOWER));
		columns.put(StaffAttribute.UNIT_ID, ListingSql.Column.of("r.unit_id", ListingSql.EXACT));
		// agency codes are stored upper-case (AgencyCodes)
		columns.put(StaffAttribute.UNIT_CODE, ListingSql.Column.of("u.code", ListingSql.UPPER, "u"));
		columns.put(StaffAttribute.UNIT_NAME, ListingSql.Column.of("lower(u.name)", ListingSql.LOWER, "u"));
		columns.put(StaffAttribute.CREATED, ListingSql.Column.instant(List.of("r.created_at")));
		columns.put(StaffAttribute.LAST_MODIFIED, ListingSql.Column.instant(List.of("r.updated_at", "p.updated_at"), "p"));
		return columns;
	}

	@Override
	public ListingPage<ListedStaff> list(String realm, ListingQuery<StaffAttribute> query) {
		Objects.requireNonNull(realm, "realm");
		ListingSql<StaffAttribute> sql = new ListingSql<>(COLUMN);
		sql.bind(realm);
		String where = " where r.realm = ?" + ((query.filter() != null) ? " and " + sql.where(query.filter()) : "");
		List<Object> whereParams = sql.params();
		long total = this.jdbc.sql("select count(*)" + from(sql.joins()) + where)
			.params(whereParams)
			.query(Long.class)
			.single();
		if (query.limit() == 0 || query.offset() >= total) {
			return new ListingPage<>(List.of(), total);
		}
		String order = sql.orderBy(query.sortBy(), query.descending(), "r.created_at, r.id", "r.id");
		String window = sql.window(query.offset(), query.limit());
		Set<String> joins = new HashSet<>(sql.joins());
		joins.add("s");
		List<StaffRecord> records = this.jdbc.sql("select r.*, s.staff_id" + from(joins) + where + order + window)
			.params(sql.params())
			.query(StaffRows::map)
			.list();
		Map<String, Person> persons = personsOf(records);
		List<ListedStaff> items = new ArrayList<>(records.size());
		for (StaffRecord record : records) {
			items.add(new ListedStaff(record, Objects.requireNonNull(persons.get(record.personId()), record.personId())));
		}
		return new ListingPage<>(items, total);
	}

	@Override
	public List<UnitMember> membersOf(String realm, Collection<String> unitIds) {
		if (unitIds.isEmpty()) {
			return List.of();
		}
		if (unitIds.size() > ListingQuery.MAX_LIMIT) {
			throw new IllegalArgumentException("at most " + ListingQuery.MAX_LIMIT + " units at once");
		}
		List<Object> params = new ArrayList<>();
		params.add(realm);
		params.add(StaffStatus.TERMINATED.code());
		params.add(StaffStatus.RETIRED.code());
		params.addAll(unitIds);
		return this.jdbc.sql("select r.unit_id, r.id, p.full_name from staff_record r join person p on p.id = r.person_id "
				+ "where r.realm = ? and r.status not in (?, ?) and r.unit_id in (" + placeholders(unitIds.size()) + ") "
				+ "order by r.unit_id, r.id")
			.params(params)
			.query((rs, row) -> new UnitMember(rs.getString(1), rs.getString(2), rs.getString(3)))
			.list();
	}

	private Map<String, Person> personsOf(List<StaffRecord> records) {
		if (records.isEmpty()) {
			return Map.of();
		}
		List<Object> ids = new ArrayList<>(records.size());
		records.forEach((record) -> ids.add(record.personId()));
		Map<String, Person> persons = new java.util.HashMap<>();
		this.jdbc.sql(PersonRows.SELECT + " where p.id in (" + placeholders(ids.size()) + ")")
			.params(ids)
			.query(this.persons::map)
			.list()
			.forEach((person) -> persons.put(person.id(), person));
		return persons;
	}

	private static String from(Set<String> joins) {
		StringBuilder from = new StringBuilder(" from staff_record r");
		for (String alias : JOIN_ORDER) {
			if (joins.contains(alias)) {
				from.append(JOINS.get(alias));
			}
		}
		return from.toString();
	}

	/** {@code ?, ?, ?}: how many there are is the only thing written into the statement. */
	static String placeholders(int count) {
		return String.join(", ", Collections.nCopies(count, "?"));
	}

}
