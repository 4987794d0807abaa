package vn.thanglong.id.audit;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One page of events, newest first.
 *
 * @param nextBefore the cursor for the next (older) page, or {@code null} when this is the last
 */
public record AuditPage(List<AuditEvent> events, @Nullable Long nextBefore) {

	public AuditPage {
		events = List.copyOf(events);
	}

}
