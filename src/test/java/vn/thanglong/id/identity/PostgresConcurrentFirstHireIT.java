package vn.thanglong.id.identity;

import vn.thanglong.id.support.TestServices;

/** Simultaneous first hires on real PostgreSQL. */
class PostgresConcurrentFirstHireIT extends ConcurrentFirstHireContract {

	@Override
	String[] database() {
		TestServices.Database db = TestServices.freshPostgresDatabase("firsthire");
		return new String[] { db.url(), db.user(), db.password() };
	}

}
