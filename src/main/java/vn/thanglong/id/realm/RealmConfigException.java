package vn.thanglong.id.realm;

/** An invalid realm-config file: the message names the file, the field and the problem. */
public final class RealmConfigException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final String field;

	private final String problem;

	RealmConfigException(String file, String field, String problem) {
		super(file + ": " + (field.isEmpty() ? "" : field + ": ") + problem);
		this.field = field;
		this.problem = problem;
	}

	/** The field as written in the file ({@code redirectUris[0]}), or empty for the whole file. */
	String field() {
		return this.field;
	}

	String problem() {
		return this.problem;
	}

}
