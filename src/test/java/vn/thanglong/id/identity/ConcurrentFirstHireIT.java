package vn.thanglong.id.identity;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import vn.thanglong.id.support.TestServices;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two nodes hire the same new person at the same moment, many times over, on PostgreSQL: the
 * person is created once, one hire succeeds and the other is a second hire of that person
 * ({@link StaffTransitionException}), never a conflict on the ID number. One node runs its hire
 * inside an enclosing transaction, as a request with an {@code Idempotency-Key} does, so that
 * the lost insert must not doom the transaction around it.
 */
class ConcurrentFirstHireIT {

	private static final int ROUNDS = 25;

	@Test
	void whenTwoNodesHireTheSameNewPersonAtOnceThenOnePersonOneHireAndTheOtherIsASecondHire() throws Exception {
		TestServices.Database db = TestServices.freshPostgresDatabase("firsthire");
		IdentityStack.migrate(db.url(), db.user(), db.password());
		byte[] dataKey = IdentityStack.randomKey();
		ExecutorService pool = Executors.newFixedThreadPool(2);
		try (IdentityStack node1 = new IdentityStack(db.url(), db.user(), db.password(), dataKey, 2);
				IdentityStack node2 = new IdentityStack(db.url(), db.user(), db.password(), dataKey, 2)) {
			AgencyUnit unit = node1.units.create("hanoi", "000.00.00.H26", "UBND Thành phố Hà Nội", null, "test");
			TransactionTemplate enclosing = new TransactionTemplate(new DataSourceTransactionManager(node2.dataSource));
			for (int round = 0; round < ROUNDS; round++) {
				PersonalIdNumber number = new PersonalIdNumber(String.format(Locale.ROOT, "001090%06d", round));
				Hire hire = new Hire(new NewPerson("hanoi", PersonProfile.named("Công chức " + round), number), unit.id(),
						"Chuyên viên", LocalDate.of(2026, 1, 5), null);
				CountDownLatch start = new CountDownLatch(1);
				List<Future<StaffRecord>> hires = new ArrayList<>();
				hires.add(pool.submit(() -> {
					start.await();
					return node1.staff.hire(hire, "hr-1");
				}));
				hires.add(pool.submit(() -> {
					start.await();
					return enclosing.execute((status) -> node2.staff.hire(hire, "hr-2"));
				}));
				start.countDown();

				int hired = 0;
				int secondHires = 0;
				for (Future<StaffRecord> result : hires) {
					try {
						result.get();
						hired++;
					}
					catch (ExecutionException ex) {
						assertThat(ex.getCause()).as("round " + round).isInstanceOf(StaffTransitionException.class);
						secondHires++;
					}
				}
				assertThat(hired).as("round " + round).isEqualTo(1);
				assertThat(secondHires).as("round " + round).isEqualTo(1);
				assertThat(node1.jdbc.sql("select count(*) from person where full_name = ?").param("Công chức " + round)
					.query(Integer.class).single()).as("persons of round " + round).isEqualTo(1);
			}
			assertThat(node1.jdbc.sql("select count(*) from staff_record").query(Integer.class).single()).isEqualTo(ROUNDS);
			assertThat(node1.jdbc.sql("select count(*) from audit_event where action = 'PersonCreated'")
				.query(Integer.class).single()).isEqualTo(ROUNDS);
		}
		finally {
			pool.shutdownNow();
		}
	}

}
