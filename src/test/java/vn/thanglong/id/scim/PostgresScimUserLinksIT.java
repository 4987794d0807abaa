package vn.thanglong.id.scim;

import vn.thanglong.id.support.TestServices;

/** The SCIM user link store contract on real PostgreSQL. */
class PostgresScimUserLinksIT extends ScimUserLinksContract {

	@Override
	String[] database() {
		TestServices.Database db = TestServices.freshPostgresDatabase("scimlinks");
		return new String[] { db.url(), db.user(), db.password() };
	}

}
