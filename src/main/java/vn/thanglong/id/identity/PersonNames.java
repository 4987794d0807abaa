package vn.thanglong.id.identity;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
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

	/**
	 * The keys a name is found under: its search key from each word on ("nguyen van an", "van an",
	 * "an"), so that a search matches the start of any word through an ordinary index range. A
	 * name with more than {@value #MAX_WORD_KEYS} words is found by its first ones only.
	 */
	public static List<String> wordKeys(String fullName) {
		String key = searchKey(fullName);
		List<String> keys = new ArrayList<>();
		int start = 0;
		while (!key.isEmpty() && keys.size() < MAX_WORD_KEYS) {
			keys.add(key.substring(start));
			int space = key.indexOf(' ', start);
			if (space < 0) {
				break;
			}
			start = space + 1;
		}
		return keys;
	}

	/** At most this many keys per name (Vietnamese names have two to six words). */
	public static final int MAX_WORD_KEYS = 12;

}
