package vn.thanglong.id.identity;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@link StaffDirectory} in SQL over {@code staff_record} and what it joins: the filter, the
 * order and the window run in the database, then the page's persons are read in one query.
 * {@code scim_user} is SCIM's table, read here (never written) because its userName and
 * externalId are what provisioning systems filter on, and a filter that mixes them with the
 * identity model's attributes can only be one query.
 */
final class JdbcStaffDirectory implements StaffDirectory {

	private static final String FROM = " from staff_record r join person_staff_id s on s.person_id = r.person_id "
			+ "join person p on p.id = r.person_id join agency_unit u on u.id = r.unit_id "
			+ "left join scim_user su on su.staff_record_id = r.id where r.realm = ?";

	private static final Map<StaffAttribute, ListingSql.Column> COLUMNS = columns();

	private static final Function<StaffAttribute, ListingSql.Column> COLUMN = COLUMNS::get;

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
		columns.put(StaffAttribute.STAFF_ID, ListingSql.Column.of("s.staff_id", ListingSql.UPPER));
		columns.put(StaffAttribute.USER_NAME,
				ListingSql.Column.of("coalesce(su.user_name_key, lower(s.staff_id))", ListingSql.LOWER));
		columns.put(StaffAttribute.EXTERNAL_ID, ListingSql.Column.of("su.external_id", ListingSql.EXACT));
		columns.put(StaffAttribute.FULL_NAME, ListingSql.Column.of("p.name_search", PersonNames::searchKey));
		columns.put(StaffAttribute.EMAIL, ListingSql.Column.of("lower(p.email)", ListingSql.LOWER));
		columns.put(StaffAttribute.PHONE, ListingSql.Column.of("p.phone", ListingSql.EXACT));
		columns.put(StaffAttribute.POSITION, ListingSql.Column.of("lower(r.position)", ListingSql.LOWER));
		columns.put(StaffAttribute.STATUS, ListingSql.Column.of("r.status", ListingSql.LOWER));
		columns.put(StaffAttribute.UNIT_ID, ListingSql.Column.of("r.unit_id", ListingSql.EXACT));
		// agency codes are stored upper-case (AgencyCodes)
		columns.put(StaffAttribute.UNIT_CODE, ListingSql.Column.of("u.code", ListingSql.UPPER));
		columns.put(StaffAttribute.UNIT_NAME, ListingSql.Column.of("lower(u.name)", ListingSql.LOWER));
		columns.put(StaffAttribute.CREATED, ListingSql.Column.instant("r.created_at"));
		columns.put(StaffAttribute.LAST_MODIFIED, ListingSql.Column.instant("r.updated_at", "p.updated_at"));
		if (columns.size() != StaffAttribute.values().length) {
			throw new IllegalStateException("every staff attribute needs a column");
		}
		return Collections.unmodifiableMap(columns);
	}

	@Override
	public ListingPage<ListedStaff> list(String realm, ListingQuery<StaffAttribute> query) {
		Objects.requireNonNull(realm, "realm");
		ListingSql<StaffAttribute> sql = new ListingSql<>(COLUMN);
		sql.bind(realm);
		String where = FROM + ((query.filter() != null) ? " and " + sql.where(query.filter()) : "");
		long total = this.jdbc.sql("select count(*)" + where).params(sql.params()).query(Long.class).single();
		if (query.limit() == 0 || query.offset() >= total) {
			return new ListingPage<>(List.of(), total);
		}
		String order = sql.orderBy(query.sortBy(), query.descending(), "r.created_at, r.id", "r.id");
		String window = sql.window(query.offset(), query.limit());
		List<StaffRecord> records = this.jdbc.sql("select r.*, s.staff_id" + where + order + window)
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

	/** {@code ?, ?, ?}: how many there are is the only thing written into the statement. */
	static String placeholders(int count) {
		return String.join(", ", Collections.nCopies(count, "?"));
	}

}
