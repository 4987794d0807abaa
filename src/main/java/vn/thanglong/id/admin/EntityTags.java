package vn.thanglong.id.admin;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Optimistic concurrency over HTTP: a resource's version is its strong entity tag
 * ({@code ETag: "3"}, RFC 9110 section 8.8.3), and a write names the version it was based on in
 * {@code If-Match} (RFC 9110 section 13.1.1). Without it the write is refused with 428
 * (RFC 6585 section 3): a lost update is not an option for staff records.
 */
final class EntityTags {

	static final String IF_MATCH = "If-Match";

	private static final Pattern STRONG = Pattern.compile("\"(\\d{1,18})\"");

	private EntityTags() {
	}

	static String of(long version) {
		return "\"" + version + "\"";
	}

	/**
	 * The version an {@code If-Match} names. A weak tag, {@code *} or a list cannot name one
	 * version under strong comparison, so the condition fails (412).
	 */
	static long expectedVersion(@Nullable String ifMatch) {
		if (ifMatch == null || ifMatch.isBlank()) {
			throw new AdminProblemException(ProblemType.PRECONDITION_REQUIRED,
					"This write needs an If-Match header with the ETag of the resource as last read.");
		}
		Matcher matcher = STRONG.matcher(ifMatch.strip());
		if (!matcher.matches()) {
			throw new AdminProblemException(ProblemType.PRECONDITION_FAILED,
					"If-Match must be the one strong ETag of the resource as last read.");
		}
		return Long.parseLong(matcher.group(1));
	}

}
