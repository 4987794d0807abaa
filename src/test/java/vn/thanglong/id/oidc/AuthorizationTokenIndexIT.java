package vn.thanglong.id.oidc;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import vn.thanglong.id.support.ProviderIT;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * On PostgreSQL the JWT-valued token columns are indexed by hash, not by a B-tree holding each
 * kilobyte-long value, and the stock store's look-ups by access token, by ID token and by any
 * token (the query without a type hint) still go through the indexes.
 */
class AuthorizationTokenIndexIT extends ProviderIT {

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TransactionTemplate transactions;

	@Test
	void whenTheSchemaIsMigratedOnPostgresqlThenJwtColumnsHaveHashIndexesAndMostlyNullColumnsPartialOnes() {
		List<String> definitions = this.jdbc
			.sql("select indexdef from pg_indexes where tablename = 'oauth2_authorization' "
					+ "and indexname like 'ix_authz_%' order by indexname")
			.query(String.class)
			.list();

		assertThat(definitions).anySatisfy((definition) -> assertThat(definition).contains("ix_authz_access_hash").contains("USING hash"))
			.anySatisfy((definition) -> assertThat(definition).contains("ix_authz_id_token_hash").contains("USING hash"))
			.noneSatisfy((definition) -> assertThat(definition).contains("USING btree (access_token_value)"))
			.noneSatisfy((definition) -> assertThat(definition).contains("USING btree (oidc_id_token_value)"));
		// columns null in most rows: only their set values are indexed
		assertThat(definitions).anySatisfy((definition) -> assertThat(definition).contains("(state) WHERE (state IS NOT NULL)"))
			.anySatisfy((definition) -> assertThat(definition).contains("(user_code_value) WHERE (user_code_value IS NOT NULL)"))
			.anySatisfy((definition) -> assertThat(definition).contains("(device_code_value) WHERE (device_code_value IS NOT NULL)"))
			.noneSatisfy((definition) -> assertThat(definition).endsWith("USING btree (state)"))
			.noneSatisfy((definition) -> assertThat(definition).endsWith("USING btree (user_code_value)"))
			.noneSatisfy((definition) -> assertThat(definition).endsWith("USING btree (device_code_value)"));
	}

	@Test
	void whenATokenIsLookedUpByValueThenAnIndexIsUsed() {
		String byAccessToken = plan("select id from oauth2_authorization where access_token_value = ?");
		String byIdToken = plan("select id from oauth2_authorization where oidc_id_token_value = ?");
		String byAnyToken = plan("select id from oauth2_authorization where state = ? or authorization_code_value = ? "
				+ "or access_token_value = ? or oidc_id_token_value = ? or refresh_token_value = ? "
				+ "or user_code_value = ? or device_code_value = ?");

		assertThat(byAccessToken).contains("ix_authz_access_hash").doesNotContain("Seq Scan");
		assertThat(byIdToken).contains("ix_authz_id_token_hash").doesNotContain("Seq Scan");
		assertThat(byAnyToken).contains("ix_authz_access_hash").contains("ix_authz_id_token_hash")
			.contains("ix_authz_state_set").contains("ix_authz_user_code_set").contains("ix_authz_device_code_set")
			.doesNotContain("Seq Scan");
		assertThat(plan("select id from oauth2_authorization where state = ?")).contains("ix_authz_state_set")
			.doesNotContain("Seq Scan");
	}

	private String plan(String query) {
		return this.transactions.execute((status) -> {
			// the table is nearly empty here: only whether an index can serve the query matters
			this.jdbc.sql("set local enable_seqscan = off").update();
			int parameters = (int) query.chars().filter((c) -> c == '?').count();
			List<String> lines = this.jdbc.sql("explain " + query)
				.params(java.util.Collections.nCopies(parameters, "eyJ.token.value"))
				.query(String.class)
				.list();
			status.setRollbackOnly();
			return String.join("\n", lines);
		});
	}

}
