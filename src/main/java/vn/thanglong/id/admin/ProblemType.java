package vn.thanglong.id.admin;

import java.util.Locale;

/**
 * The kinds of problem the admin API answers (RFC 9457 section 3.1.1: {@code type} is a URI that
 * identifies the problem kind; ours are URNs, documented in the OpenAPI document).
 */
enum ProblemType {

	INVALID_REQUEST(400, "Invalid request"),
	MALFORMED_REQUEST(400, "Malformed request"),
	UNAUTHORIZED(401, "Unauthorized"),
	INSUFFICIENT_SCOPE(403, "Insufficient scope"),
	OUTSIDE_ADMINISTERED_UNIT(403, "Outside the administered unit"),
	NOT_FOUND(404, "Not found"),
	METHOD_NOT_ALLOWED(405, "Method not allowed"),
	CONFLICT(409, "Conflict"),
	TRANSITION_NOT_ALLOWED(409, "Transition not allowed"),
	IDEMPOTENCY_KEY_IN_USE(409, "Idempotency key in use"),
	PRECONDITION_FAILED(412, "Precondition failed"),
	UNSUPPORTED_MEDIA_TYPE(415, "Unsupported media type"),
	IDEMPOTENCY_KEY_REUSED(422, "Idempotency key reused"),
	PRECONDITION_REQUIRED(428, "Precondition required"),
	INTERNAL_ERROR(500, "Internal error"),
	TEMPORARILY_UNAVAILABLE(503, "Temporarily unavailable");

	private final int status;

	private final String title;

	ProblemType(int status, String title) {
		this.status = status;
		this.title = title;
	}

	int status() {
		return this.status;
	}

	String title() {
		return this.title;
	}

	/** {@code urn:thanglong-id:problem:precondition-required}, ... */
	String uri() {
		return "urn:thanglong-id:problem:" + name().toLowerCase(Locale.ROOT).replace('_', '-');
	}

}
