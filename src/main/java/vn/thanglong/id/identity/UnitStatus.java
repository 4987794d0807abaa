package vn.thanglong.id.identity;

import java.util.Locale;

/** Whether an agency unit still exists; a closed unit keeps its history and its code. */
public enum UnitStatus {

	ACTIVE, CLOSED;

	public String code() {
		return name().toLowerCase(Locale.ROOT);
	}

	static UnitStatus fromCode(String code) {
		return valueOf(code.toUpperCase(Locale.ROOT));
	}

}
