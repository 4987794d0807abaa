package vn.thanglong.id.oidc;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.nimbusds.jose.util.JSONObjectUtils;
import org.jspecify.annotations.Nullable;

/**
 * The {@code claims} request parameter (OIDC Core section 5.5): which individual claims the
 * client wants in the ID token and at userinfo. It only chooses where a claim goes: a claim is
 * released when a scope the user granted to this request covers it, never otherwise, and the
 * personal ID number never goes into an ID token. {@code essential}, {@code value} and
 * {@code values} are accepted and not enforced (section 5.5.1: the OP need not honour them).
 *
 * @param idToken claim names asked for in the ID token
 * @param userInfo claim names asked for at userinfo
 */
record ClaimsRequest(Set<String> idToken, Set<String> userInfo) {

	static final String PARAMETER = "claims";

	static final ClaimsRequest NONE = new ClaimsRequest(Set.of(), Set.of());

	ClaimsRequest {
		idToken = Set.copyOf(idToken);
		userInfo = Set.copyOf(userInfo);
	}

	/** The request in {@code value}, or empty when it is not a JSON object of that shape. */
	static Optional<ClaimsRequest> parse(@Nullable Object value) {
		if (value == null) {
			return Optional.of(NONE);
		}
		if (!(value instanceof String text) || text.length() > 4096) {
			return Optional.empty();
		}
		if (!text.strip().startsWith("{")) {
			// a JSON object (OIDC Core section 5.5); the parser reads "null" as no object and "[]" as an empty one
			return Optional.empty();
		}
		try {
			Map<String, Object> json = JSONObjectUtils.parse(text);
			Optional<Set<String>> idToken = members(json.get("id_token"));
			Optional<Set<String>> userInfo = members(json.get("userinfo"));
			if (idToken.isEmpty() || userInfo.isEmpty()) {
				return Optional.empty();
			}
			return Optional.of(new ClaimsRequest(idToken.get(), userInfo.get()));
		}
		catch (java.text.ParseException ex) {
			return Optional.empty();
		}
	}

	/** A member must be absent or an object whose values are null or objects (section 5.5). */
	private static Optional<Set<String>> members(@Nullable Object member) {
		if (member == null) {
			return Optional.of(Set.of());
		}
		if (!(member instanceof Map<?, ?> claims)) {
			return Optional.empty();
		}
		Set<String> names = new LinkedHashSet<>();
		for (Map.Entry<?, ?> claim : claims.entrySet()) {
			if (claim.getValue() != null && !(claim.getValue() instanceof Map)) {
				return Optional.empty();
			}
			names.add(String.valueOf(claim.getKey()));
		}
		return Optional.of(names);
	}

}
