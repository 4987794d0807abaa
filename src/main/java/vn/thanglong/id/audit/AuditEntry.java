package vn.thanglong.id.audit;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * What a capability asks the audit trail to record; the log adds the time and an id.
 *
 * @param realm the realm concerned, or {@code null} for deployment-wide things (organizations)
 * @param actor who did it: an administrator's subject, a client id, or a process such as {@code realm-config}
 * @param action what happened, a past-tense name such as {@code StaffHired}
 * @param targetType what kind of thing changed ({@code person}, {@code staff_record}, ...)
 * @param targetId its id
 * @param beforeState the thing before, as JSON, or {@code null} when it was created; never a personal ID number
 * @param afterState the thing after, as JSON, or {@code null} when it was removed; never a personal ID number
 */
public record AuditEntry(@Nullable String realm, String actor, String action, String targetType, String targetId,
		@Nullable String beforeState, @Nullable String afterState) {

	public AuditEntry {
		Objects.requireNonNull(actor, "actor");
		Objects.requireNonNull(action, "action");
		Objects.requireNonNull(targetType, "targetType");
		Objects.requireNonNull(targetId, "targetId");
	}

}
