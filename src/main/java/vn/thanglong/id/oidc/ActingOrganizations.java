package vn.thanglong.id.oidc;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsent;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationConsentAuthenticationContext;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationConsentAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;

import vn.thanglong.id.identity.PersonClaims;

/**
 * Which organization a business representative acts for at one agency system (scope
 * {@code organization}). The person picks it on the consent page; the choice is kept with the
 * consent, as an authority {@code ORGANIZATION_<membership id>}, so it holds for that client
 * until the person consents again ({@code prompt=consent} lets the client offer a change).
 * Tokens then carry the organization only while the membership still holds.
 */
final class ActingOrganizations {

	static final String PARAMETER = "organization";

	private static final String PREFIX = "ORGANIZATION_";

	private final PersonClaims claims;

	private final OAuth2AuthorizationConsentService consents;

	ActingOrganizations(PersonClaims claims, OAuth2AuthorizationConsentService consents) {
		this.claims = Objects.requireNonNull(claims, "claims");
		this.consents = Objects.requireNonNull(consents, "consents");
	}

	/** Consent customizer: records the posted choice, if it is one of the person's own memberships. */
	void onConsent(OAuth2AuthorizationConsentAuthenticationContext context) {
		if (!context.getAuthorizationRequest().getScopes().contains(PersonClaims.ORGANIZATION)) {
			return;
		}
		OAuth2AuthorizationConsentAuthenticationToken consent = context.getAuthentication();
		Object posted = consent.getAdditionalParameters().get(PARAMETER);
		String person = Objects.requireNonNull(context.getAuthorization()).getPrincipalName();
		if (!(posted instanceof String membershipId) || this.claims.organizationsOf(person).stream()
			.noneMatch((choice) -> choice.membershipId().equals(membershipId))) {
			return;
		}
		context.getAuthorizationConsent().authorities((authorities) -> {
			authorities.removeIf((authority) -> authority.getAuthority().startsWith(PREFIX));
			authorities.add(new SimpleGrantedAuthority(PREFIX + membershipId));
		});
	}

	/** Whether the person has organizations to choose from. */
	boolean hasChoices(String person) {
		return !this.claims.organizationsOf(person).isEmpty();
	}

	/** Whether the person already chose an organization for this client. */
	static boolean chosen(OAuth2AuthorizationConsent consent) {
		return chosenMembership(consent).isPresent();
	}

	/** The {@code organization} claim for {@code person} at {@code client}, when the scope asks for it. */
	Map<String, Object> claims(RegisteredClient client, String person, Set<String> scopes) {
		if (!scopes.contains(PersonClaims.ORGANIZATION)) {
			return Map.of();
		}
		return Optional.ofNullable(this.consents.findById(client.getId(), person))
			.flatMap(ActingOrganizations::chosenMembership)
			.map((membership) -> this.claims.organizationClaims(person, membership))
			.orElse(Map.of());
	}

	private static Optional<String> chosenMembership(OAuth2AuthorizationConsent consent) {
		return consent.getAuthorities().stream()
			.map(GrantedAuthority::getAuthority)
			.filter((authority) -> authority.startsWith(PREFIX))
			.map((authority) -> authority.substring(PREFIX.length()))
			.findFirst();
	}

}
