package vn.thanglong.id.realm;

import java.util.Arrays;

/** What wrote a client into the store. */
public enum ClientOrigin {

	/** The start-up import: realm-config files and the provider's built-in clients. */
	IMPORT("import"),

	/** An administrator, through the admin API. */
	ADMIN_API("admin-api");

	private final String value;

	ClientOrigin(String value) {
		this.value = value;
	}

	public String value() {
		return this.value;
	}

	static ClientOrigin of(String value) {
		return Arrays.stream(values()).filter((origin) -> origin.value.equals(value)).findFirst()
			.orElseThrow(() -> new IllegalStateException("unknown client origin " + value));
	}

}
