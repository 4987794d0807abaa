package vn.thanglong.id.admin;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * An RFC 9457 problem details document. {@code detail} is a fixed, non-sensitive explanation:
 * never an exception message that could carry a personal ID number or a stack trace.
 *
 * @param errors the fields at fault (an extension member, RFC 9457 section 3.2), or {@code null}
 * @param conflictsWith the id of the stored item a conflict is with, so that the caller can
 * act on it (an extension member; a membership whose period overlaps), or {@code null}
 */
record Problem(String type, String title, int status, @Nullable String detail, @Nullable List<FieldProblem> errors,
		@Nullable String conflictsWith) {

	static final String MEDIA_TYPE = "application/problem+json";

	static Problem of(ProblemType type, @Nullable String detail, List<FieldProblem> errors) {
		return new Problem(type.uri(), type.title(), type.status(), detail, errors.isEmpty() ? null : List.copyOf(errors),
				null);
	}

	/** The same problem, naming the stored item it is a conflict with. */
	Problem conflictingWith(String id) {
		return new Problem(this.type, this.title, this.status, this.detail, this.errors, id);
	}

}
