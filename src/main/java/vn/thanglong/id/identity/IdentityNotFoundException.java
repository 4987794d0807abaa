package vn.thanglong.id.identity;

/** A write named a person, organization, unit, membership or staff record that does not exist. */
public class IdentityNotFoundException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final String type;

	private final String id;

	public IdentityNotFoundException(String type, String id) {
		super("no " + type + " " + id);
		this.type = type;
		this.id = id;
	}

	public String type() {
		return this.type;
	}

	public String id() {
		return this.id;
	}

}
