package vn.thanglong.id.identity;

/**
 * Text that people read: names of persons, units and organizations, positions, addresses,
 * email addresses. It may hold any letter, mark, digit, punctuation, symbol or space of
 * Unicode, but no control character (C0 and C1, which terminals and exports interpret), no
 * format character (the direction overrides U+202A..U+202E and U+2066..U+2069, which make
 * {@code "evil\u202Eexe.pdf"} read backwards, and the invisible zero-width characters that make
 * two names look alike), no line or paragraph separator, no private-use character and no lone
 * surrogate. Each was accepted and stored before.
 */
public final class DisplayText {

	static final String RULE = "must not contain control, direction-changing or invisible characters";

	private DisplayText() {
	}

	/** Whether {@code text} holds only characters a person can read as they are. */
	public static boolean readable(String text) {
		for (int i = 0; i < text.length();) {
			int c = text.codePointAt(i);
			switch (Character.getType(c)) {
				case Character.CONTROL, Character.FORMAT, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR,
						Character.PRIVATE_USE, Character.SURROGATE, Character.UNASSIGNED -> {
					return false;
				}
				default -> {
				}
			}
			i += Character.charCount(c);
		}
		return true;
	}

	/** Refuses {@code text} as the value of {@code field} unless it is {@link #readable}. */
	static void require(String field, @org.jspecify.annotations.Nullable String text) {
		if (text != null && !readable(text)) {
			throw new IdentityValidationException(field, RULE);
		}
	}

}
