package vn.thanglong.id.identity;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * The staff lifecycle: each action, the statuses it may start from, the status it leads to
 * ({@code null}: unchanged), and the past-tense name of its audit event.
 */
public enum StaffAction {

	HIRE("StaffHired", EnumSet.noneOf(StaffStatus.class), StaffStatus.ACTIVE),
	TRANSFER("StaffTransferred", EnumSet.of(StaffStatus.ACTIVE, StaffStatus.SUSPENDED, StaffStatus.ON_LEAVE), null),
	CHANGE_POSITION("StaffPositionChanged", EnumSet.of(StaffStatus.ACTIVE, StaffStatus.SUSPENDED, StaffStatus.ON_LEAVE),
			null),
	SUSPEND("StaffSuspended", EnumSet.of(StaffStatus.ACTIVE, StaffStatus.ON_LEAVE), StaffStatus.SUSPENDED),
	START_LEAVE("StaffLeaveStarted", EnumSet.of(StaffStatus.ACTIVE), StaffStatus.ON_LEAVE),
	REINSTATE("StaffReinstated", EnumSet.of(StaffStatus.SUSPENDED, StaffStatus.ON_LEAVE), StaffStatus.ACTIVE),
	TERMINATE("StaffTerminated", EnumSet.of(StaffStatus.ACTIVE, StaffStatus.SUSPENDED, StaffStatus.ON_LEAVE),
			StaffStatus.TERMINATED),
	RETIRE("StaffRetired", EnumSet.of(StaffStatus.ACTIVE, StaffStatus.SUSPENDED, StaffStatus.ON_LEAVE),
			StaffStatus.RETIRED),
	REHIRE("StaffRehired", EnumSet.of(StaffStatus.TERMINATED, StaffStatus.RETIRED), StaffStatus.ACTIVE);

	private final String auditAction;

	private final Set<StaffStatus> from;

	private final @Nullable StaffStatus to;

	StaffAction(String auditAction, Set<StaffStatus> from, @Nullable StaffStatus to) {
		this.auditAction = auditAction;
		this.from = from;
		this.to = to;
	}

	/** The audit action name, e.g. {@code StaffSuspended}. */
	public String auditAction() {
		return this.auditAction;
	}

	/** The status after this action from {@code current}; refuses a transition the lifecycle does not have. */
	public StaffStatus apply(StaffStatus current) {
		if (!this.from.contains(current)) {
			throw new StaffTransitionException(this, current);
		}
		return (this.to != null) ? this.to : current;
	}

	/** For messages: {@code change position}. */
	String verb() {
		return name().toLowerCase(Locale.ROOT).replace('_', ' ');
	}

}
