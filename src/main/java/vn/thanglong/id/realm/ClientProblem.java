package vn.thanglong.id.realm;

import java.util.Objects;

/**
 * One rule a client definition breaks.
 *
 * @param field the field as named in {@code clients/*.yaml} and in admin API requests
 * ({@code redirectUris[0]}), or empty for the document as a whole
 * @param problem what is wrong, never the value of a secret
 */
public record ClientProblem(String field, String problem) {

	public ClientProblem {
		Objects.requireNonNull(field, "field");
		Objects.requireNonNull(problem, "problem");
	}

}
