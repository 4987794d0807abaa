package vn.thanglong.id.admin;

import vn.thanglong.id.support.TestServices;

/** The Idempotency-Key store on real PostgreSQL. */
class PostgresIdempotencyKeysIT extends IdempotencyKeysContract {

	@Override
	String[] database() {
		TestServices.Database db = TestServices.freshPostgresDatabase("idempotency");
		return new String[] { db.url(), db.user(), db.password() };
	}

}
