package vn.thanglong.id.oidc;

import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
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
 * {@code values} of other claims are accepted and not enforced (section 5.5.1: the OP need not
 * honour them), except two that the authorization endpoint enforces: a {@code sub} with a
 * {@code value} (or {@code values}) in the ID token names the user the response must be for
 * (section 5.5.1), and an essential {@code acr} with values names the levels the login must
 * reach (section 5.5.1.1).
 *
 * @param idToken claim names asked for in the ID token
 * @param userInfo claim names asked for at userinfo
 * @param subjects the ID token's {@code sub} values asked for (one of them), or null
 * @param essentialAcr the ID token's {@code acr} values asked for as essential, or null when the
 * request names none as essential
 */
record ClaimsRequest(Set<String> idToken, Set<String> userInfo, @Nullable Set<String> subjects,
		@Nullable Set<String> essentialAcr) {

	static final String PARAMETER = "claims";

	static final ClaimsRequest NONE = new ClaimsRequest(Set.of(), Set.of(), null, null);

	ClaimsRequest {
		idToken = Set.copyOf(idToken);
		userInfo = Set.copyOf(userInfo);
		subjects = (subjects != null) ? Set.copyOf(subjects) : null;
		essentialAcr = (essentialAcr != null) ? Set.copyOf(essentialAcr) : null;
	}

	/** The request in {@code value}, or empty when it is not a JSON object of that shape. */
	static Optional<ClaimsRequest> parse(@Nullable Object value) {
		if (value == null || "".equals(value)) {
			// an empty parameter is an omitted one (RFC 6749 section 3.1)
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
			Map<?, ?> idTokenClaims = (json.get("id_token") instanceof Map<?, ?> claims) ? claims : Map.of();
			Optional<Set<String>> subjects = values(idTokenClaims.get("sub"));
			Optional<Set<String>> essentialAcr = essential(idTokenClaims.get("acr")) ? values(idTokenClaims.get("acr"))
					: Optional.empty();
			if (subjects.isPresent() && subjects.get().contains(null)
					|| essentialAcr.isPresent() && essentialAcr.get().contains(null)) {
				// a subject identifier and levels of assurance are strings (sections 2 and 5.1)
				return Optional.empty();
			}
			return Optional.of(new ClaimsRequest(idToken.get(), userInfo.get(), subjects.orElse(null),
					essentialAcr.orElse(null)));
		}
		catch (java.text.ParseException ex) {
			return Optional.empty();
		}
	}

	private static boolean essential(@Nullable Object claim) {
		return claim instanceof Map<?, ?> request && Boolean.TRUE.equals(request.get("essential"));
	}

	/**
	 * The values a claim's request accepts ({@code value} and {@code values}, section 5.5.1), if
	 * it names any; a value that is no string is kept as null, for the caller to refuse.
	 */
	private static Optional<Set<String>> values(@Nullable Object claim) {
		if (!(claim instanceof Map<?, ?> request)) {
			return Optional.empty();
		}
		Set<String> values = new HashSet<>();
		if (request.get("value") != null) {
			values.add((request.get("value") instanceof String text) ? text : null);
		}
		if (request.get("values") instanceof List<?> list) {
			list.forEach((item) -> values.add((item instanceof String text) ? text : null));
		}
		else if (request.get("values") != null) {
			values.add(null);
		}
		return values.isEmpty() ? Optional.empty() : Optional.of(values);
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
