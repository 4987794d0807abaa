package vn.thanglong.id.identity;

import java.util.Objects;

/**
 * Input that the identity model refuses, naming the field and the problem, so that the admin
 * API can answer an RFC 9457 problem document pointing at it. The message never repeats a
 * personal identification number.
 */
public class IdentityValidationException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final String field;

	public IdentityValidationException(String field, String message) {
		super(field + ": " + message);
		this.field = Objects.requireNonNull(field, "field");
	}

	/** The name of the offending field, as in the records of this package ({@code fullName}, {@code unitId}, ...). */
	public String field() {
		return this.field;
	}

}
