package vn.thanglong.id.identity;

import java.util.Locale;

/** Whether an organization may be acted for. */
public enum OrganizationStatus {

	ACTIVE, SUSPENDED, DISSOLVED;

	public String code() {
		return name().toLowerCase(Locale.ROOT);
	}

	static OrganizationStatus fromCode(String code) {
		return valueOf(code.toUpperCase(Locale.ROOT));
	}

}
