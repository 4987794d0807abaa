package vn.thanglong.id.identity;

import vn.thanglong.id.support.TestServices;

/** The identity store contract on real PostgreSQL. */
class PostgresIdentityStoresIT extends IdentityStoresContract {

	@Override
	String[] database() {
		TestServices.Database db = TestServices.freshPostgresDatabase("identity");
		return new String[] { db.url(), db.user(), db.password() };
	}

}
