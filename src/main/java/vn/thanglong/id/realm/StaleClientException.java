package vn.thanglong.id.realm;

/** A write based on a version of the client that is no longer the stored one. */
public final class StaleClientException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	StaleClientException(String realm, String clientId, long expectedVersion) {
		super("client " + realm + "/" + clientId + " is no longer at version " + expectedVersion, null, false, false);
	}

}
