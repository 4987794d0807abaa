package vn.thanglong.id.identity;

import java.util.UUID;

/** The identity store contract on H2, the embedded default's database. */
class H2IdentityStoresIT extends IdentityStoresContract {

	@Override
	String[] database() {
		return new String[] { "jdbc:h2:mem:identity-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "" };
	}

}
