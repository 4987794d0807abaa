package vn.thanglong.id.audit;

import org.jspecify.annotations.Nullable;

/**
 * Which events to page through; every {@code null} criterion matches all.
 */
public record AuditQuery(@Nullable String realm, @Nullable String targetType, @Nullable String targetId) {

	public static AuditQuery all() {
		return new AuditQuery(null, null, null);
	}

	public static AuditQuery target(String targetType, String targetId) {
		return new AuditQuery(null, targetType, targetId);
	}

}
