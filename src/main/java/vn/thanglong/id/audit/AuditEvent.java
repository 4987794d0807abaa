package vn.thanglong.id.audit;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A recorded audit event: an {@link AuditEntry} with its place in the trail.
 *
 * @param id increasing in the order events were recorded; the paging cursor
 */
public record AuditEvent(long id, Instant occurredAt, @Nullable String realm, String actor, String action,
		String targetType, String targetId, @Nullable String beforeState, @Nullable String afterState) {
}
