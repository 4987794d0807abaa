package vn.thanglong.id.identity;

/** A staff lifecycle action that the record's current status does not allow (e.g. suspending a terminated record). */
public class StaffTransitionException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final StaffAction action;

	private final StaffStatus status;

	public StaffTransitionException(StaffAction action, StaffStatus status) {
		super("cannot " + action.verb() + " a staff record that is " + status.code());
		this.action = action;
		this.status = status;
	}

	public StaffAction action() {
		return this.action;
	}

	public StaffStatus status() {
		return this.status;
	}

}
