package vn.thanglong.id.identity;

import java.util.Locale;

/** Where a civil servant's employment stands. */
public enum StaffStatus {

	ACTIVE, SUSPENDED, ON_LEAVE, TERMINATED, RETIRED;

	/** The stored form: {@code active}, {@code on_leave}, ... */
	public String code() {
		return name().toLowerCase(Locale.ROOT);
	}

	static StaffStatus fromCode(String code) {
		return valueOf(code.toUpperCase(Locale.ROOT));
	}

}
