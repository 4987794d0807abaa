package vn.thanglong.id.identity;

/**
 * Optimistic concurrency: the write was based on a version that someone else has changed since
 * (the admin API's 412 on a stale {@code If-Match}, RFC 9110 section 13.1.1).
 */
public class StaleVersionException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final String type;

	private final String id;

	private final long expectedVersion;

	public StaleVersionException(String type, String id, long expectedVersion) {
		super(type + " " + id + " is no longer at version " + expectedVersion);
		this.type = type;
		this.id = id;
		this.expectedVersion = expectedVersion;
	}

	public String type() {
		return this.type;
	}

	public String id() {
		return this.id;
	}

	public long expectedVersion() {
		return this.expectedVersion;
	}

}
