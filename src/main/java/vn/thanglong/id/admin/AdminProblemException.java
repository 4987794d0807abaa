package vn.thanglong.id.admin;

import java.util.List;

import org.jspecify.annotations.Nullable;

/** A request the admin API refuses on its own account, answered as a problem document. */
final class AdminProblemException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final ProblemType type;

	private final transient List<FieldProblem> errors;

	AdminProblemException(ProblemType type, @Nullable String detail, List<FieldProblem> errors) {
		super(detail, null, false, false);
		this.type = type;
		this.errors = List.copyOf(errors);
	}

	AdminProblemException(ProblemType type, @Nullable String detail) {
		this(type, detail, List.of());
	}

	static AdminProblemException invalid(String field, String message) {
		return new AdminProblemException(ProblemType.INVALID_REQUEST, "The request has an invalid field.",
				List.of(new FieldProblem(field, message)));
	}

	static AdminProblemException notFound(String what) {
		return new AdminProblemException(ProblemType.NOT_FOUND, "No such " + what + " in this realm.");
	}

	Problem problem() {
		return Problem.of(this.type, getMessage(), this.errors);
	}

}
