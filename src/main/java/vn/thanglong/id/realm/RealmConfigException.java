package vn.thanglong.id.realm;

/** An invalid realm-config file: the message names the file, the field and the problem. */
public final class RealmConfigException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	RealmConfigException(String file, String field, String problem) {
		super(file + ": " + (field.isEmpty() ? "" : field + ": ") + problem);
	}

}
