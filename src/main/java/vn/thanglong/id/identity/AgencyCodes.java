package vn.thanglong.id.identity;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Agency codes of Decision 20/2020/QD-TTg (codes of agencies and organizations for exchanging
 * electronic documents): dot-separated groups of letters and digits, at most 35 characters,
 * such as {@code 000.00.00.H26}. Stored upper-case, so that one code cannot exist twice in two cases.
 */
final class AgencyCodes {

	static final int MAX_LENGTH = 35;

	private static final Pattern FORMAT = Pattern.compile("[A-Z0-9]+(?:\\.[A-Z0-9]+)*");

	private AgencyCodes() {
	}

	static String normalize(String code) {
		String upper = code.strip().toUpperCase(Locale.ROOT);
		if (upper.isEmpty() || upper.length() > MAX_LENGTH || !FORMAT.matcher(upper).matches()) {
			throw new IdentityValidationException("code",
					"must be dot-separated groups of letters and digits, at most " + MAX_LENGTH + " characters");
		}
		return upper;
	}

}
