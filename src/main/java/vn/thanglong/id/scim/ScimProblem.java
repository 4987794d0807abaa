package vn.thanglong.id.scim;

import org.jspecify.annotations.Nullable;

/**
 * A SCIM error response to send (RFC 7644 section 3.12): the HTTP status, the {@code scimType}
 * where the RFC defines one, and a fixed, non-sensitive detail (never an input value: it could be
 * a personal ID number).
 */
final class ScimProblem extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final int status;

	private final @Nullable String scimType;

	ScimProblem(int status, @Nullable String scimType, String detail) {
		super(detail, null, false, false);
		this.status = status;
		this.scimType = scimType;
	}

	static ScimProblem invalidValue(String detail) {
		return new ScimProblem(400, "invalidValue", detail);
	}

	static ScimProblem invalidSyntax(String detail) {
		return new ScimProblem(400, "invalidSyntax", detail);
	}

	static ScimProblem invalidFilter(String detail) {
		return new ScimProblem(400, "invalidFilter", detail);
	}

	static ScimProblem mutability(String detail) {
		return new ScimProblem(400, "mutability", detail);
	}

	static ScimProblem uniqueness(String detail) {
		return new ScimProblem(409, "uniqueness", detail);
	}

	static ScimProblem notFound(String detail) {
		return new ScimProblem(404, null, detail);
	}

	static ScimProblem preconditionFailed() {
		return new ScimProblem(412, null, "the resource has changed since the version in If-Match");
	}

	int status() {
		return this.status;
	}

	@Nullable String scimType() {
		return this.scimType;
	}

	String detail() {
		return getMessage();
	}

}
