package vn.thanglong.id.admin;

import java.util.UUID;

/** The Idempotency-Key store on H2, the embedded default's database. */
class H2IdempotencyKeysIT extends IdempotencyKeysContract {

	@Override
	String[] database() {
		return new String[] { "jdbc:h2:mem:idempotency-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "" };
	}

}
