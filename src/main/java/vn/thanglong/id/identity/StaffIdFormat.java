package vn.thanglong.id.identity;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The deployment's staff ID number format: a fixed prefix, a zero-padded serial of a fixed
 * number of digits, and a check character computed with ISO/IEC 7064 MOD 11-2 over the serial
 * (a pure system with a prime modulus: it detects every single-character substitution and
 * every transposition of adjacent characters). The check character is {@code 0-9} or {@code X}.
 *
 * @param prefix upper-case letters that start every number of this deployment (may be empty)
 * @param digits how many digits the serial has
 */
public record StaffIdFormat(String prefix, int digits) {

	private static final Pattern PREFIX = Pattern.compile("[A-Z]{0,8}");

	public StaffIdFormat {
		Objects.requireNonNull(prefix, "prefix");
		if (!PREFIX.matcher(prefix).matches()) {
			throw new IllegalArgumentException("prefix must be 0-8 upper-case letters");
		}
		if (digits < 4 || digits > 15) {
			throw new IllegalArgumentException("digits must be between 4 and 15");
		}
	}

	/** The staff ID number of the {@code serial}-th allocation. */
	public String format(long serial) {
		String number = String.format(Locale.ROOT, "%0" + this.digits + "d", serial);
		if (serial < 0 || number.length() != this.digits) {
			throw new IllegalArgumentException("serial out of range for " + this.digits + " digits");
		}
		return this.prefix + number + checkCharacter(number);
	}

	/** Whether {@code text} is a well-formed staff ID number of this format with a correct check character. */
	public boolean isValid(String text) {
		if (text == null || text.length() != this.prefix.length() + this.digits + 1 || !text.startsWith(this.prefix)) {
			return false;
		}
		String number = text.substring(this.prefix.length(), text.length() - 1);
		if (!number.chars().allMatch((c) -> c >= '0' && c <= '9')) {
			return false;
		}
		return checkCharacter(number) == text.charAt(text.length() - 1);
	}

	/** ISO/IEC 7064 MOD 11-2: iterate p = (p + digit) * 2 mod 11, then check = (12 - p) mod 11, 10 written X. */
	static char checkCharacter(String number) {
		int p = 0;
		for (int i = 0; i < number.length(); i++) {
			p = ((p + (number.charAt(i) - '0')) * 2) % 11;
		}
		int check = (12 - p) % 11;
		return (check == 10) ? 'X' : (char) ('0' + check);
	}

}
