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

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Two nodes (two stacks, each with its own pool) hire the same new person at the same moment,
 * many times over: the person is created once, one hire succeeds and the other is a second hire
 * of that person ({@link StaffTransitionException}), never a conflict on the ID number nor a
 * database concurrency error. One node runs its hire inside an enclosing transaction, as a
 * request with an {@code Idempotency-Key} does, so that the lost insert must not doom the
 * transaction around it. Run against every database we support by its subclasses: PostgreSQL
 * makes the loser's insert wait for the winner's commit, H2 refuses it at once.
 */
abstract class ConcurrentFirstHireContract {

	/** A fresh, empty database: JDBC URL, user, password. */
	abstract String[] database();

	/** How many times the two nodes race: enough for the database's losing path to be taken many times. */
	int rounds() {
		return 25;
	}

	@Test
	void whenTwoNodesHireTheSameNewPersonAtOnceThenOnePersonOneHireAndTheOtherIsASecondHire() throws Exception {
		String[] db = database();
		IdentityStack.migrate(db[0], db[1], db[2]);
		byte[] dataKey = IdentityStack.randomKey();
		ExecutorService pool = Executors.newFixedThreadPool(2);
		try (IdentityStack node1 = new IdentityStack(db[0], db[1], db[2], dataKey, 2);
				IdentityStack node2 = new IdentityStack(db[0], db[1], db[2], dataKey, 2)) {
			AgencyUnit unit = node1.units.create("hanoi", "000.00.00.H26", "UBND Thành phố Hà Nội", null, "test");
			TransactionTemplate enclosing = new TransactionTemplate(new DataSourceTransactionManager(node2.dataSource));
			for (int round = 0; round < rounds(); round++) {
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
			assertThat(node1.jdbc.sql("select count(*) from staff_record").query(Integer.class).single()).isEqualTo(rounds());
			assertThat(node1.jdbc.sql("select count(*) from audit_event where action = 'PersonCreated'")
				.query(Integer.class).single()).isEqualTo(rounds());
		}
		finally {
			pool.shutdownNow();
		}
	}

	/**
	 * The winner holds its transaction open past H2's default lock timeout (2 s), as a slow
	 * request would: the loser's insert is refused by a timeout rather than as a duplicate, and
	 * must still end as a second hire of the winner's person.
	 */
	@Test
	void whenTheWinnerCommitsAfterTheLockTimeoutThenTheOtherIsStillASecondHire() throws Exception {
		String[] db = database();
		IdentityStack.migrate(db[0], db[1], db[2]);
		byte[] dataKey = IdentityStack.randomKey();
		ExecutorService pool = Executors.newFixedThreadPool(1);
		try (IdentityStack node1 = new IdentityStack(db[0], db[1], db[2], dataKey, 2);
				IdentityStack node2 = new IdentityStack(db[0], db[1], db[2], dataKey, 2)) {
			AgencyUnit unit = node1.units.create("hanoi", "000.00.00.H26", "UBND Thành phố Hà Nội", null, "test");
			Hire hire = new Hire(new NewPerson("hanoi", PersonProfile.named("Công chức chậm"),
					new PersonalIdNumber("001090999999")), unit.id(), "Chuyên viên", LocalDate.of(2026, 1, 5), null);
			TransactionTemplate slow = new TransactionTemplate(new DataSourceTransactionManager(node1.dataSource));
			CountDownLatch inserted = new CountDownLatch(1);
			Future<StaffRecord> winner = pool.submit(() -> slow.execute((status) -> {
				StaffRecord hired = node1.staff.hire(hire, "hr-1");
				inserted.countDown();
				try {
					Thread.sleep(2_500);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
				return hired;
			}));
			inserted.await();

			assertThatThrownBy(() -> node2.staff.hire(hire, "hr-2")).isInstanceOf(StaffTransitionException.class);
			assertThat(winner.get().status()).isEqualTo(StaffStatus.ACTIVE);
			assertThat(node1.jdbc.sql("select count(*) from person").query(Integer.class).single()).isEqualTo(1);
		}
		finally {
			pool.shutdownNow();
		}
	}

}
