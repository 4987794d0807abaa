package vn.thanglong.id.identity;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import vn.thanglong.id.support.ProviderIT;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * On PostgreSQL the name search (a word anywhere in the folded name) is served by a trigram
 * index, not a scan of every person: the PostgreSQL-only migration created it.
 */
class PersonNameSearchIndexIT extends ProviderIT {

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TransactionTemplate transactions;

	@Test
	void whenNamesAreSearchedOnPostgresqlThenTheTrigramIndexServesTheQuery() {
		assertThat(this.jdbc.sql("select count(*) from pg_indexes where indexname = 'ix_person_name_trgm'")
			.query(Integer.class).single()).isEqualTo(1);

		List<String> plan = this.transactions.execute((status) -> {
			// 30,000 persons of one realm, rolled back afterwards: enough for the planner to tell
			// a scan of the realm from the index
			this.jdbc.sql("insert into person (id, realm, full_name, name_search, version, created_at, updated_at) "
					+ "select 'trgm-' || i, 'trgm-test', 'Người số ' || i, 'nguoi so ' || i, 0, now(), now() "
					+ "from generate_series(1, 30000) as i").update();
			this.jdbc.sql("analyze person").update();
			List<String> lines = this.jdbc.sql("explain select id from person where realm = 'trgm-test' and "
					+ "(name_search like 'tran thi mai%' or name_search like '% tran thi mai%') "
					+ "order by name_search, id fetch first 21 rows only").query(String.class).list();
			status.setRollbackOnly();
			return lines;
		});
		assertThat(String.join("\n", plan)).contains("ix_person_name_trgm");
	}

}
