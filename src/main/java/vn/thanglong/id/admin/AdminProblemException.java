package vn.thanglong.id.admin;

import java.util.List;

import org.jspecify.annotations.Nullable;

/** A request the admin API refuses on its own account, answered as a problem document. */
final class AdminProblemException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final ProblemType type;

	private final transient List<FieldProblem> errors;

	private final @Nullable String missingScope;

	AdminProblemException(ProblemType type, @Nullable String detail, List<FieldProblem> errors) {
		this(type, detail, errors, null);
	}

	private AdminProblemException(ProblemType type, @Nullable String detail, List<FieldProblem> errors,
			@Nullable String missingScope) {
		super(detail, null, false, false);
		this.type = type;
		this.errors = List.copyOf(errors);
		this.missingScope = missingScope;
	}

	AdminProblemException(ProblemType type, @Nullable String detail) {
		this(type, detail, List.of());
	}

	static AdminProblemException invalid(String field, String message) {
		return new AdminProblemException(ProblemType.INVALID_REQUEST, "The request has an invalid field.",
				List.of(new FieldProblem(field, message)));
	}

	/**
	 * A route of an area that needs a scope beyond the area's own (RFC 6750 section 3.1
	 * {@code insufficient_scope}); answered with the challenge naming it.
	 */
	static AdminProblemException insufficientScope(String scope) {
		return new AdminProblemException(ProblemType.INSUFFICIENT_SCOPE, "This operation needs the scope " + scope + ".",
				List.of(), scope);
	}

	static AdminProblemException notFound(String what) {
		return new AdminProblemException(ProblemType.NOT_FOUND, "No such " + what + " in this realm.");
	}

	/** The scope the token lacks, for the {@code WWW-Authenticate} challenge, or {@code null}. */
	@Nullable String missingScope() {
		return this.missingScope;
	}

	Problem problem() {
		return Problem.of(this.type, getMessage(), this.errors);
	}

}
