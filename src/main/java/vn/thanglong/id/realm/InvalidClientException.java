package vn.thanglong.id.realm;

import java.util.List;

/** A client definition given at run time (admin API) that breaks the rules of realm-config clients. */
public final class InvalidClientException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final transient List<ClientProblem> problems;

	InvalidClientException(List<ClientProblem> problems) {
		super("invalid client definition: " + problems.size() + " problems", null, false, false);
		if (problems.isEmpty()) {
			throw new IllegalArgumentException("an invalid client has at least one problem");
		}
		this.problems = List.copyOf(problems);
	}

	public List<ClientProblem> problems() {
		return this.problems;
	}

}
