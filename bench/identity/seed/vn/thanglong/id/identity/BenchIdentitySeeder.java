package vn.thanglong.id.identity;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * BENCHMARK ONLY (bench/identity.sh): fills a migrated PostgreSQL database with a realistic
 * deployment of one realm: persons with personal ID numbers, a five-level agency unit tree, staff
 * with staff ID numbers and password accounts, organizations with memberships. Rows go in with
 * COPY, through the same protector, name folding and staff ID format the provider uses, so that
 * the provider finds and decrypts them exactly as its own. It lives in the identity package only to
 * reach those package-private parts; it is compiled by the benchmark script, never shipped.
 * <p>
 * Every seeded account gets the password hash of an existing account (the realm's demo user):
 * hashing 50,000 passwords with Argon2id would take most of an hour and measure nothing.
 * <p>
 * Usage: {@code BenchIdentitySeeder jdbcUrl user realm persons staff units organizations
 * hashFromUsername sampleDir} with the data key in {@code IDP_IDENTITY_DATA_KEY}. Writes to
 * sampleDir: {@code pins.txt} (numbers of seeded persons), {@code staff.txt} (usernames of
 * seeded staff accounts), {@code names.txt} (search queries without diacritics).
 */
public final class BenchIdentitySeeder {

	private static final String[] FAMILY = { "Nguyễn", "Nguyễn", "Nguyễn", "Trần", "Trần", "Lê", "Lê", "Phạm", "Hoàng",
			"Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý" };

	private static final String[] MIDDLE_MALE = { "Văn", "Hữu", "Đức", "Minh", "Quang", "Xuân", "Thành", "Công" };

	private static final String[] MIDDLE_FEMALE = { "Thị", "Thu", "Ngọc", "Thanh", "Kim", "Minh", "Thùy", "Hồng" };

	private static final String[] GIVEN = { "An", "Bình", "Chi", "Dũng", "Giang", "Hà", "Hải", "Hạnh", "Hoa", "Hùng",
			"Hương", "Khánh", "Lan", "Linh", "Long", "Mai", "Minh", "Nam", "Nga", "Ngọc", "Phúc", "Phương", "Quân",
			"Quỳnh", "Sơn", "Tâm", "Thảo", "Thắng", "Trang", "Trung", "Tuấn", "Vân", "Việt", "Yến", "Đạt", "Đông" };

	private static final String[] POSITIONS = { "Chuyên viên", "Chuyên viên", "Chuyên viên chính", "Cán bộ",
			"Phó trưởng phòng", "Trưởng phòng", "Văn thư" };

	private static final String[] UNIT_KINDS = { "Văn phòng", "Sở", "Phòng", "Ban", "Tổ" };

	private static final int TREE_DEPTH = 5;

	private static final String NOW = "2026-01-01 00:00:00+00";

	private BenchIdentitySeeder() {
	}

	public static void main(String[] args) throws Exception {
		if (args.length != 9) {
			System.err.println("usage: BenchIdentitySeeder jdbcUrl user realm persons staff units organizations "
					+ "hashFromUsername sampleDir (data key in IDP_IDENTITY_DATA_KEY)");
			System.exit(2);
		}
		String realm = args[2];
		int persons = Integer.parseInt(args[3]);
		int staff = Integer.parseInt(args[4]);
		int units = Integer.parseInt(args[5]);
		int organizations = Integer.parseInt(args[6]);
		if (staff > persons || 2 * organizations > persons - staff) {
			throw new IllegalArgumentException("need persons >= staff + 2 * organizations");
		}
		String key = System.getenv("IDP_IDENTITY_DATA_KEY");
		if (key == null || key.isBlank()) {
			throw new IllegalArgumentException("IDP_IDENTITY_DATA_KEY is not set");
		}
		PersonalIdProtector protector = new PersonalIdProtector(Base64.getDecoder().decode(key.strip()));
		Path samples = Path.of(args[8]);
		Files.createDirectories(samples);
		try (Connection db = DriverManager.getConnection(args[0], args[1], System.getenv().getOrDefault("PGPASSWORD", ""))) {
			db.setAutoCommit(false);
			CopyManager copy = db.unwrap(PGConnection.class).getCopyAPI();
			String hash = passwordHash(db, realm, args[7]);
			long firstSerial = reserveSerials(db, staff);
			Random random = new Random(20261202L);
			long t0 = System.nanoTime();
			List<String> personIds = seedPersons(copy, protector, realm, persons, random, samples);
			List<String> unitIds = seedUnits(copy, realm, units, random);
			seedStaff(copy, realm, personIds.subList(0, staff), unitIds, firstSerial, hash, random, samples);
			seedOrganizations(copy, personIds.subList(staff, persons), organizations, random);
			db.commit();
			long t1 = System.nanoTime();
			db.setAutoCommit(true);
			try (Statement st = db.createStatement()) {
				st.execute("analyze");
			}
			System.out.printf("seeded %,d persons, %,d staff, %,d units, %,d organizations in %.1f s (analyze %.1f s)%n",
					persons, staff, units, organizations, (t1 - t0) / 1e9, (System.nanoTime() - t1) / 1e9);
		}
	}

	private static String passwordHash(Connection db, String realm, String username) throws SQLException {
		try (PreparedStatement st = db.prepareStatement(
				"select password_hash from user_account where realm = ? and username = ? and password_hash is not null")) {
			st.setString(1, realm);
			st.setString(2, username);
			try (ResultSet rs = st.executeQuery()) {
				if (!rs.next()) {
					throw new IllegalStateException("no account " + username + " with a password in realm " + realm);
				}
				return rs.getString(1);
			}
		}
	}

	/** Takes serials from the provider's own sequence, so that later hires never collide with seeded staff. */
	private static long reserveSerials(Connection db, int count) throws SQLException {
		try (Statement st = db.createStatement();
				ResultSet rs = st.executeQuery("select nextval('staff_id_serial')")) {
			rs.next();
			long first = rs.getLong(1);
			st.execute("select setval('staff_id_serial', " + (first + Math.max(count, 1) - 1) + ")");
			return first;
		}
	}

	private static List<String> seedPersons(CopyManager copy, PersonalIdProtector protector, String realm, int count,
			Random random, Path samples) throws Exception {
		List<String> ids = new ArrayList<>(count);
		List<String> fullNames = new ArrayList<>(count);
		List<String> pins = new ArrayList<>();
		List<String> names = new ArrayList<>();
		String[] provinces = PersonalIdNumber.PROVINCES.keySet().stream().sorted().toArray(String[]::new);
		Rows rows = new Rows(copy, "person (id, realm, full_name, name_search, birth_date, sex, email, email_verified, "
				+ "phone, phone_verified, pid_lookup, pid_encrypted, locked, version, created_at, updated_at)");
		for (int i = 0; i < count; i++) {
			String id = uuid(random);
			boolean female = random.nextBoolean();
			LocalDate birth = LocalDate.of(1950 + random.nextInt(57), 1 + random.nextInt(12), 1 + random.nextInt(28));
			String name = PersonNames.normalize(FAMILY[random.nextInt(FAMILY.length)] + " "
					+ (female ? MIDDLE_FEMALE : MIDDLE_MALE)[random.nextInt(MIDDLE_MALE.length)] + " "
					+ GIVEN[random.nextInt(GIVEN.length)]);
			// PPP G YY NNNNNN: the serial is the row number, so every number is distinct
			int centurySex = (birth.getYear() >= 2000 ? 2 : 0) + (female ? 1 : 0);
			PersonalIdNumber pin = new PersonalIdNumber(provinces[random.nextInt(provinces.length)] + centurySex
					+ String.format("%02d%06d", birth.getYear() % 100, i));
			rows.add(id, realm, name, PersonNames.searchKey(name), birth.toString(), (female ? Sex.FEMALE : Sex.MALE).code(),
					"p" + i + "@example.invalid", "t", "09" + String.format("%08d", i), "f", protector.lookup(pin),
					protector.encrypt(pin, id), "f", "0", NOW, NOW);
			ids.add(id);
			fullNames.add(name);
			if (i % Math.max(1, count / 10_000) == 0) {
				pins.add(pin.value());
			}
			if (i % Math.max(1, count / 1_000) == 0) {
				names.add(PersonNames.searchKey(name));
			}
		}
		rows.finish();
		// the keys the provider writes with each person (JdbcPersons), after every person they reference
		Rows keys = new Rows(copy, "person_name_key (person_id, name_key, realm)");
		for (int i = 0; i < count; i++) {
			for (String key : PersonNames.wordKeys(fullNames.get(i))) {
				keys.add(ids.get(i), key, realm);
			}
		}
		keys.finish();
		Files.write(samples.resolve("pins.txt"), pins, StandardCharsets.US_ASCII);
		Files.write(samples.resolve("names.txt"), names, StandardCharsets.UTF_8);
		return ids;
	}

	/** A complete tree of {@value #TREE_DEPTH} levels filled breadth first: the root, then ministries and provinces, ... */
	private static List<String> seedUnits(CopyManager copy, String realm, int count, Random random) throws Exception {
		int branching = 2;
		while (treeSize(branching) < count) {
			branching++;
		}
		List<String> ids = new ArrayList<>(count);
		Rows rows = new Rows(copy, "agency_unit (id, realm, code, name, parent_id, status, version, created_at, updated_at)");
		for (int i = 0; i < count; i++) {
			String id = uuid(random);
			int level = levelOf(i, branching);
			String parent = (i == 0) ? null : ids.get((i - 1) / branching);
			rows.add(id, realm, String.format("B%d.%06d", level, i), UNIT_KINDS[level - 1] + " số " + i, parent,
					UnitStatus.ACTIVE.code(), "0", NOW, NOW);
			ids.add(id);
		}
		rows.finish();
		return ids;
	}

	private static long treeSize(int branching) {
		long size = 0;
		long level = 1;
		for (int d = 0; d < TREE_DEPTH; d++) {
			size += level;
			level *= branching;
		}
		return size;
	}

	private static int levelOf(int index, int branching) {
		int level = 1;
		for (int i = index; i > 0; i = (i - 1) / branching) {
			level++;
		}
		return level;
	}

	private static void seedStaff(CopyManager copy, String realm, List<String> personIds, List<String> unitIds,
			long firstSerial, String passwordHash, Random random, Path samples) throws Exception {
		StaffIdFormat format = new StaffIdFormat("TL", 8);
		List<String> usernames = new ArrayList<>();
		Rows staffIds = new Rows(copy, "person_staff_id (person_id, staff_id, allocated_at)");
		Rows records = new Rows(copy, "staff_record (id, person_id, realm, unit_id, position, status, version, created_at, updated_at)");
		Rows assignments = new Rows(copy, "staff_assignment (staff_record_id, unit_id, position, status, valid_from, recorded_at)");
		Rows accounts = new Rows(copy, "user_account (id, realm, username, password_hash, enabled, profile, person_id, created_at, updated_at)");
		// staff sit in the lower levels, as they do: offices of wards and departments, not the root
		int firstStaffedUnit = Math.min(unitIds.size() - 1, unitIds.size() / 5);
		for (int i = 0; i < personIds.size(); i++) {
			String personId = personIds.get(i);
			String staffId = format.format(firstSerial + i);
			String recordId = uuid(random);
			String unit = unitIds.get(firstStaffedUnit + random.nextInt(unitIds.size() - firstStaffedUnit));
			String position = POSITIONS[random.nextInt(POSITIONS.length)];
			String username = staffId.toLowerCase(java.util.Locale.ROOT);
			staffIds.add(personId, staffId, NOW);
			records.add(recordId, personId, realm, unit, position, StaffStatus.ACTIVE.code(), "0", NOW, NOW);
			assignments.add(recordId, unit, position, StaffStatus.ACTIVE.code(), "2025-07-01", NOW);
			// the account has its person's id, as the provider's own accounts do: the principal of a login
			// is the account id, and claims and subjects read it as the person's
			accounts.add(personId, realm, username, passwordHash, "t", "{}", personId, NOW, NOW);
			if (i % Math.max(1, personIds.size() / 5_000) == 0) {
				usernames.add(username);
			}
		}
		staffIds.finish();
		records.finish();
		assignments.finish();
		accounts.finish();
		Files.write(samples.resolve("staff.txt"), usernames, StandardCharsets.US_ASCII);
	}

	private static void seedOrganizations(CopyManager copy, List<String> personIds, int count, Random random)
			throws Exception {
		Rows organizations = new Rows(copy, "organization (id, tax_code, name, status, version, created_at, updated_at)");
		Rows memberships = new Rows(copy, "membership (id, person_id, organization_id, role, valid_from, created_at)");
		int head = 100_000_000;
		List<String> ids = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			String id = uuid(random);
			String taxCode;
			do {
				taxCode = taxCode(head++);
			}
			while (taxCode == null);
			organizations.add(id, taxCode, "Công ty TNHH Thăng Long " + i, OrganizationStatus.ACTIVE.code(), "0", NOW, NOW);
			ids.add(id);
		}
		// every organization is copied before the memberships that reference it
		organizations.finish();
		for (int i = 0; i < count; i++) {
			String id = ids.get(i);
			memberships.add(uuid(random), personIds.get(2 * i), id, MembershipRole.LEGAL_REPRESENTATIVE.code(), "2020-01-01", NOW);
			memberships.add(uuid(random), personIds.get(2 * i + 1), id, MembershipRole.AUTHORIZED_EMPLOYEE.code(),
					"2020-01-01", NOW);
		}
		memberships.finish();
	}

	/** Nine digits and their check digit (standards.md), or null when no check digit exists for them. */
	private static String taxCode(int nineDigits) {
		int[] weights = { 31, 29, 23, 19, 17, 13, 7, 5, 3 };
		String head = Integer.toString(nineDigits);
		int sum = 0;
		for (int i = 0; i < 9; i++) {
			sum += weights[i] * (head.charAt(i) - '0');
		}
		int check = 10 - (sum % 11);
		return (check < 10) ? head + check : null;
	}

	private static String uuid(Random random) {
		return new UUID(random.nextLong(), random.nextLong()).toString();
	}

	/** Rows of one table, sent to COPY in batches (tab-separated text; \N is null). */
	private static final class Rows {

		private static final int BATCH = 20_000;

		private final CopyManager copy;

		private final String target;

		private final StringBuilder buffer = new StringBuilder(1 << 20);

		private int pending;

		Rows(CopyManager copy, String target) {
			this.copy = copy;
			this.target = target;
		}

		void add(String... values) {
			for (int i = 0; i < values.length; i++) {
				if (i > 0) {
					this.buffer.append('\t');
				}
				this.buffer.append((values[i] == null) ? "\\N" : values[i]);
			}
			this.buffer.append('\n');
			if (++this.pending == BATCH) {
				flush();
			}
		}

		void finish() {
			flush();
		}

		private void flush() {
			if (this.pending == 0) {
				return;
			}
			try (Reader in = new StringReader(this.buffer.toString())) {
				this.copy.copyIn("COPY " + this.target + " FROM STDIN", in);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			catch (SQLException ex) {
				throw new IllegalStateException("COPY into " + this.target + " failed: " + ex.getMessage(), ex);
			}
			this.buffer.setLength(0);
			this.pending = 0;
		}

	}

}
