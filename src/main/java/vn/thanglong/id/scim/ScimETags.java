package vn.thanglong.id.scim;

import org.jspecify.annotations.Nullable;

/** If-Match against a weak entity tag (RFC 9110 sections 8.8.3 and 13.1.1; RFC 7644 section 3.14). */
final class ScimETags {

	private ScimETags() {
	}

	/** No header, {@code *}, or any listed tag equal to {@code current} when the weak prefix is ignored. */
	static boolean matches(String current, @Nullable String ifMatch) {
		if (ifMatch == null || ifMatch.isBlank()) {
			return true;
		}
		String opaque = opaque(current);
		for (String candidate : ifMatch.split(",")) {
			String tag = candidate.strip();
			if (tag.equals("*") || opaque(tag).equals(opaque)) {
				return true;
			}
		}
		return false;
	}

	private static String opaque(String tag) {
		return tag.startsWith("W/") ? tag.substring(2) : tag;
	}

}
