package vn.thanglong.id.admin;

import java.util.Arrays;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Who calls the admin API, from the verified access token.
 *
 * @param clientId the token's {@code client_id} (RFC 9068 section 2.2)
 * @param subject the token's {@code sub}: the client itself for {@code client_credentials}
 * @param adminUnit the agency code of the unit the client is bound to ({@code admin_unit}), or
 * {@code null} for a realm administrator
 */
record AdminCaller(String clientId, String subject, Set<String> scopes, @Nullable String adminUnit) {

	static final String ADMIN_UNIT_CLAIM = "admin_unit";

	AdminCaller {
		Objects.requireNonNull(clientId, "clientId");
		Objects.requireNonNull(subject, "subject");
		scopes = Set.copyOf(scopes);
	}

	static AdminCaller of(Jwt token) {
		String clientId = Objects.requireNonNullElse(token.getClaimAsString("client_id"), "unknown-client");
		String subject = Objects.requireNonNullElse(token.getSubject(), clientId);
		String scope = token.getClaimAsString("scope");
		Set<String> scopes = (scope == null) ? Set.of()
				: Arrays.stream(scope.split(" ")).filter((s) -> !s.isEmpty()).collect(Collectors.toSet());
		return new AdminCaller(clientId, subject, scopes, token.getClaimAsString(ADMIN_UNIT_CLAIM));
	}

	/** The actor of audit events: the client, and the user it acted for when that is someone else. */
	String actor() {
		return this.subject.equals(this.clientId) ? this.clientId : this.clientId + " for " + this.subject;
	}

	boolean isRealmAdministrator() {
		return this.adminUnit == null;
	}

	boolean maySeePersonalIdNumbers() {
		return this.scopes.contains(AdminArea.PERSONAL_ID_SCOPE);
	}

}
