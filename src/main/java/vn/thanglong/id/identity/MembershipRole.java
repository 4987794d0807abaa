package vn.thanglong.id.identity;

import java.util.Locale;

/** The role an organization gives a person; the {@code organization} claim carries its code. */
public enum MembershipRole {

	/** The enterprise's legal representative (Law on Enterprises 2020, art. 12). */
	LEGAL_REPRESENTATIVE,
	/** An employee authorized to act for the enterprise in online public services. */
	AUTHORIZED_EMPLOYEE,
	CHIEF_ACCOUNTANT,
	MEMBER;

	public String code() {
		return name().toLowerCase(Locale.ROOT);
	}

	static MembershipRole fromCode(String code) {
		return valueOf(code.toUpperCase(Locale.ROOT));
	}

}
