package vn.thanglong.id.realm;

import java.util.Objects;

/**
 * A secret read from realm-config (a client secret or a demo user's password). Kept out of
 * records so that no {@code toString} ever prints it.
 */
public final class Secret {

	private final String value;

	public Secret(String value) {
		this.value = Objects.requireNonNull(value, "value");
	}

	public String reveal() {
		return this.value;
	}

	@Override
	public String toString() {
		return "[secret]";
	}

}
