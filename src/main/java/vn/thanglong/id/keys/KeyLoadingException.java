package vn.thanglong.id.keys;

/** A key file or key set that cannot be used: the message names the file and the problem. */
public final class KeyLoadingException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	public KeyLoadingException(String message) {
		super(message);
	}

}
