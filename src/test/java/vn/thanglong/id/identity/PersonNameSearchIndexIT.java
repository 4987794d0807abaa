package vn.thanglong.id.identity;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import vn.thanglong.id.support.ProviderIT;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * On PostgreSQL a page of the name search is one ordered range of the name-key index, stopped
 * at the page's end: no sort of every match, which for a common family name would be most of a
 * million persons. The plan of the provider's own query is checked, over a realm where every
 * person shares the family name.
 */
class PersonNameSearchIndexIT extends ProviderIT {

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TransactionTemplate transactions;

	@Test
	void whenACommonNameIsSearchedOnPostgresqlThenTheIndexRangeIsReadInOrderWithoutSorting() {
		List<String> plan = this.transactions.execute((status) -> {
			// 30,000 persons named "Nguyễn Văn <n>", rolled back afterwards
			this.jdbc.sql("insert into person (id, realm, full_name, name_search, version, created_at, updated_at) "
					+ "select 'nk-' || i, 'name-key-test', 'Nguyễn Văn ' || i, 'nguyen van ' || i, 0, now(), now() "
					+ "from generate_series(1, 30000) as i").update();
			this.jdbc.sql("insert into person_name_key (person_id, name_key, realm) "
					+ "select id, k.key, realm from person, lateral (values (name_search), "
					+ "(substr(name_search, 8)), (substr(name_search, 12))) as k(key) where realm = 'name-key-test'")
				.update();
			this.jdbc.sql("analyze person").update();
			this.jdbc.sql("analyze person_name_key").update();
			List<String> lines = this.jdbc.sql("explain " + JdbcPersons.searchSql(true, 21))
				.params("name-key-test", "nguyen%", "nguyen%", "nguyen van 1", "nguyen van 1", "nk-1")
				.query(String.class)
				.list();
			status.setRollbackOnly();
			return lines;
		});
		String text = String.join("\n", plan);
		assertThat(text).contains("ix_person_name_key").doesNotContain("Sort").doesNotContain("Seq Scan on person_name_key");
	}

}
