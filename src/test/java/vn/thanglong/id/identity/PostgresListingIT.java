package vn.thanglong.id.identity;

import vn.thanglong.id.support.TestServices;

/** The listing contract on real PostgreSQL, with its vendor migrations (trigram and email indexes). */
class PostgresListingIT extends ListingContract {

	@Override
	String[] database() {
		TestServices.Database db = TestServices.freshPostgresDatabase("listing");
		return new String[] { db.url(), db.user(), db.password() };
	}

	@Override
	String[] migrations() {
		return new String[] { "classpath:db/migration", "classpath:db/vendor/postgresql" };
	}

}
