package vn.thanglong.id.identity;

import java.util.Objects;

/**
 * A membership write that would make a person a member of the same organization twice on some
 * day: the person would then find the organization twice among their choices after login. The
 * admin API answers 409 naming the field and the membership already stored.
 */
public final class OverlappingMembershipException extends IdentityConflictException {

	private static final long serialVersionUID = 1L;

	private final String existingId;

	public OverlappingMembershipException(String field, String message, String existingId) {
		super(field, message);
		this.existingId = Objects.requireNonNull(existingId, "existingId");
	}

	/** The stored membership of the same person and organization whose period overlaps. */
	public String existingId() {
		return this.existingId;
	}

}
