package vn.thanglong.id.identity;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import vn.thanglong.id.support.TestServices;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The test: 500 hires at once from two nodes (two independent service stacks, each with
 * its own connection pool) sharing one PostgreSQL database give 500 distinct, valid staff IDs.
 */
class StaffIdConcurrencyIT {

	private static final int HIRES = 500;

	@Test
	void whenTwoNodesHireFiveHundredAtOnceThenEveryStaffIdIsDistinctAndValid() throws Exception {
		TestServices.Database db = TestServices.freshPostgresDatabase("staffid");
		IdentityStack.migrate(db.url(), db.user(), db.password());
		byte[] dataKey = IdentityStack.randomKey();
		ExecutorService pool = Executors.newFixedThreadPool(16);
		try (IdentityStack node1 = new IdentityStack(db.url(), db.user(), db.password(), dataKey, 6);
				IdentityStack node2 = new IdentityStack(db.url(), db.user(), db.password(), dataKey, 6)) {
			AgencyUnit unit = node1.units.create("hanoi", "000.00.00.H26", "UBND Thành phố Hà Nội", null, "test");
			CountDownLatch start = new CountDownLatch(1);
			List<Future<StaffRecord>> hires = new ArrayList<>();
			for (int i = 0; i < HIRES; i++) {
				IdentityStack node = (i % 2 == 0) ? node1 : node2;
				PersonalIdNumber number = new PersonalIdNumber(String.format(Locale.ROOT, "001090%06d", i));
				Hire hire = new Hire(new NewPerson("hanoi", PersonProfile.named("Công chức " + i), number), unit.id(),
						"Chuyên viên", LocalDate.of(2026, 1, 5), null);
				hires.add(pool.submit(() -> {
					start.await();
					return node.staff.hire(hire, "hr-system");
				}));
			}
			start.countDown();
			Set<String> staffIds = new HashSet<>();
			for (Future<StaffRecord> hire : hires) {
				staffIds.add(hire.get().staffId());
			}
			assertThat(staffIds).hasSize(HIRES).allSatisfy((id) -> assertThat(IdentityStack.FORMAT.isValid(id)).isTrue());
			assertThat(node2.jdbc.sql("select count(distinct staff_id) from person_staff_id").query(Integer.class).single())
				.isEqualTo(HIRES);
		}
		finally {
			pool.shutdownNow();
		}
	}

}
