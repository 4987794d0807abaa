package vn.thanglong.id.admin;

import java.util.Optional;

/**
 * The areas of the admin API, each behind a scope of its own: a client is given only the
 * areas it administers. The area is the first path segment below {@code /admin/api/}.
 */
enum AdminArea {

	PERSONS("persons", "admin:persons"),
	STAFF("staff", "admin:staff"),
	UNITS("units", "admin:units"),
	ORGANIZATIONS("organizations", "admin:organizations"),
	AUDIT("audit", "admin:audit"),
	CLIENTS("clients", "admin:clients");

	/** Shows personal ID numbers unmasked in person responses; alone it opens no area. */
	static final String PERSONAL_ID_SCOPE = "admin:persons.pin";

	static final String API = "/admin/api/";

	private final String segment;

	private final String scope;

	AdminArea(String segment, String scope) {
		this.segment = segment;
		this.scope = scope;
	}

	String scope() {
		return this.scope;
	}

	/** The path patterns of the area, below any realm. */
	String[] patterns() {
		return new String[] { "/realms/*" + API + this.segment, "/realms/*" + API + this.segment + "/**" };
	}

	/** The area a request path {@code /realms/{realm}/admin/api/{area}/...} falls in. */
	static Optional<AdminArea> of(String path) {
		int at = path.indexOf(API);
		if (at < 0) {
			return Optional.empty();
		}
		String rest = path.substring(at + API.length());
		int end = rest.indexOf('/');
		String segment = (end < 0) ? rest : rest.substring(0, end);
		for (AdminArea area : values()) {
			if (area.segment.equals(segment)) {
				return Optional.of(area);
			}
		}
		return Optional.empty();
	}

}
