package db.migration;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

import vn.thanglong.id.identity.PersonNames;

/**
 * Completes V10: every existing person gets the name keys the application writes for new ones
 * ({@link PersonNames#wordKeys}). In Java because splitting a name into words differs between
 * H2 and PostgreSQL; sent in batches so that a large deployment migrates in bounded memory.
 */
public class V10_2__person_name_keys_for_existing_persons extends BaseJavaMigration {

	private static final int BATCH = 1000;

	@Override
	public void migrate(Context context) throws Exception {
		Connection connection = context.getConnection();
		try (PreparedStatement select = connection.prepareStatement("select id, realm, full_name from person");
				PreparedStatement insert = connection
					.prepareStatement("insert into person_name_key (person_id, name_key, realm) values (?, ?, ?)")) {
			select.setFetchSize(BATCH);
			int pending = 0;
			try (ResultSet rows = select.executeQuery()) {
				while (rows.next()) {
					for (String key : PersonNames.wordKeys(rows.getString("full_name"))) {
						insert.setString(1, rows.getString("id"));
						insert.setString(2, key);
						insert.setString(3, rows.getString("realm"));
						insert.addBatch();
						pending++;
					}
					if (pending >= BATCH) {
						insert.executeBatch();
						pending = 0;
					}
				}
			}
			if (pending > 0) {
				insert.executeBatch();
			}
		}
	}

}
