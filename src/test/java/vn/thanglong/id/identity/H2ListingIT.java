package vn.thanglong.id.identity;

import java.util.UUID;

/** The listing contract on H2, the embedded default's database. */
class H2ListingIT extends ListingContract {

	@Override
	String[] database() {
		return new String[] { "jdbc:h2:mem:listing-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "" };
	}

	@Override
	String[] migrations() {
		return new String[] { "classpath:db/migration" };
	}

}
