package vn.thanglong.id.scim;

import java.util.UUID;

/** The SCIM user link store contract on H2, the embedded default's database. */
class H2ScimUserLinksIT extends ScimUserLinksContract {

	@Override
	String[] database() {
		return new String[] { "jdbc:h2:mem:scim-links-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "" };
	}

}
