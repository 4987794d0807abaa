package vn.thanglong.id.audit;

import org.jspecify.annotations.Nullable;

/**
 * The append-only audit trail. An event is recorded in the caller's transaction, so that a
 * change and its audit event commit or roll back together. There is no update and no delete.
 */
public interface AuditLog {

	void record(AuditEntry entry);

	/**
	 * Events matching {@code query}, newest first, at most {@code limit}; keyset paging: pass the
	 * previous page's {@link AuditPage#nextBefore()} as {@code before} ({@code null} for the first page).
	 */
	AuditPage page(AuditQuery query, @Nullable Long before, int limit);

}
