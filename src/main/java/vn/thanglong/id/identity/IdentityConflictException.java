package vn.thanglong.id.identity;

import java.util.Objects;

/**
 * A write that clashes with what is stored: an identifier already taken (a personal ID number,
 * a tax code, an agency code) or a state that forbids the change (closing a unit that still has
 * staff). The admin API answers 409 naming the field.
 */
public class IdentityConflictException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final String field;

	public IdentityConflictException(String field, String message) {
		super(field + ": " + message);
		this.field = Objects.requireNonNull(field, "field");
	}

	public String field() {
		return this.field;
	}

}
