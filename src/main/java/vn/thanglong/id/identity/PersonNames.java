package vn.thanglong.id.identity;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * How person names are stored and searched. A full name is kept in Unicode NFC with its
 * diacritics (the same text may arrive composed or decomposed: UAX #15); its search key drops
 * them, so that "nguyen van an" finds "Nguyễn Văn An".
 */
public final class PersonNames {

	private static final Pattern MARKS = Pattern.compile("\\p{M}+");

	private static final Pattern SEPARATORS = Pattern.compile("[^\\p{L}\\p{N}]+");

	private static final Pattern SPACES = Pattern.compile("\\s+");

	private PersonNames() {
	}

	/** The name as stored: NFC, runs of white space made one space, trimmed. */
	public static String normalize(String fullName) {
		return SPACES.matcher(Normalizer.normalize(fullName, Normalizer.Form.NFC)).replaceAll(" ").strip();
	}

	/**
	 * The search key: lower case without diacritics, {@code đ} as {@code d} (it is a letter of its
	 * own, not a d with a mark, so decomposition leaves it), anything but letters and digits one space.
	 */
	public static String searchKey(String text) {
		String decomposed = Normalizer.normalize(text, Normalizer.Form.NFD);
		String bare = MARKS.matcher(decomposed).replaceAll("").replace('đ', 'd').replace('Đ', 'D');
		return SEPARATORS.matcher(bare.toLowerCase(Locale.ROOT)).replaceAll(" ").strip();
	}

}
