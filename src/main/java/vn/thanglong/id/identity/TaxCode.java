package vn.thanglong.id.identity;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An enterprise / tax code: ten digits whose tenth is a check digit (weights 31, 29, 23, 19,
 * 17, 13, 7, 5, 3 on digits one to nine; check = 10 - (sum mod 11)), optionally followed by a
 * branch suffix {@code -001} to {@code -999}. A code whose check digit is wrong is rejected,
 * never corrected.
 *
 * @param head the ten-digit code of the enterprise
 * @param branch the branch number, or 0 for the enterprise itself
 */
public record TaxCode(String head, int branch) {

	private static final Pattern FORMAT = Pattern.compile("(\\d{10})(?:-(\\d{3}))?");

	private static final int[] WEIGHTS = { 31, 29, 23, 19, 17, 13, 7, 5, 3 };

	public TaxCode {
		Objects.requireNonNull(head, "head");
		if (!isValidHead(head) || branch < 0 || branch > 999) {
			throw new IllegalArgumentException("not a valid tax code");
		}
	}

	/** The code, if the text is one (surrounding spaces ignored). */
	public static Optional<TaxCode> parse(String text) {
		if (text == null) {
			return Optional.empty();
		}
		Matcher matcher = FORMAT.matcher(text.strip());
		if (!matcher.matches() || !isValidHead(matcher.group(1))) {
			return Optional.empty();
		}
		int branch = (matcher.group(2) != null) ? Integer.parseInt(matcher.group(2)) : 0;
		if (matcher.group(2) != null && branch == 0) {
			return Optional.empty();
		}
		return Optional.of(new TaxCode(matcher.group(1), branch));
	}

	private static boolean isValidHead(String head) {
		if (head.length() != 10 || !head.chars().allMatch((c) -> c >= '0' && c <= '9')) {
			return false;
		}
		int sum = 0;
		for (int i = 0; i < WEIGHTS.length; i++) {
			sum += WEIGHTS[i] * (head.charAt(i) - '0');
		}
		int check = 10 - (sum % 11);
		return check < 10 && check == head.charAt(9) - '0';
	}

	@Override
	public String toString() {
		return (this.branch == 0) ? this.head : this.head + "-" + String.format(java.util.Locale.ROOT, "%03d", this.branch);
	}

}
