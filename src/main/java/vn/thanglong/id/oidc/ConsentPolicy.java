package vn.thanglong.id.oidc;

import java.util.Arrays;
import java.util.Set;
import java.util.function.Predicate;

import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsent;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationContext;

import vn.thanglong.id.identity.PersonClaims;

/**
 * When the consent page is shown. {@code prompt=consent} always asks (OIDC Core section
 * 3.1.2.1), even when the user agreed before; otherwise a client that requires consent asks
 * unless the user already allowed every requested scope. {@code openid} alone needs none. The
 * personal ID number and {@code offline_access} (OIDC Core section 11) are always asked for, and a person with organizations picks the one they
 * act for when a client asks for {@code organization}.
 */
final class ConsentPolicy implements Predicate<OAuth2AuthorizationCodeRequestAuthenticationContext> {

	/** OIDC Core section 11: tokens that keep working while the user is not logged in. */
	static final String OFFLINE_ACCESS = "offline_access";

	private final ActingOrganizations organizations;

	ConsentPolicy(ActingOrganizations organizations) {
		this.organizations = java.util.Objects.requireNonNull(organizations, "organizations");
	}

	@Override
	public boolean test(OAuth2AuthorizationCodeRequestAuthenticationContext context) {
		OAuth2AuthorizationRequest request = context.getAuthorizationRequest();
		Object prompt = request.getAdditionalParameters().get("prompt");
		if (prompt instanceof String value && Arrays.asList(value.split(" ")).contains("consent")) {
			return true;
		}
		Set<String> requested = request.getScopes();
		OAuth2AuthorizationConsent earlier = context.getAuthorizationConsent();
		if (requested.contains(PersonClaims.NATIONAL_ID)
				&& (earlier == null || !earlier.getScopes().contains(PersonClaims.NATIONAL_ID))) {
			// the personal identification number is released only with the user's own consent,
			// whatever the client's registration says
			return true;
		}
		if (requested.contains(OFFLINE_ACCESS)
				&& (earlier == null || !earlier.getScopes().contains(OFFLINE_ACCESS))) {
			// OIDC Core section 11: the OP MUST always obtain consent to access while the user is away
			return true;
		}
		if (requested.contains(PersonClaims.ORGANIZATION) && (earlier == null || !ActingOrganizations.chosen(earlier))
				&& this.organizations.hasChoices(
					((org.springframework.security.core.Authentication) context.getAuthentication().getPrincipal()).getName())) {
			// a business representative picks the organization they act for (consent page)
			return true;
		}
		if (!context.getRegisteredClient().getClientSettings().isRequireAuthorizationConsent()) {
			return false;
		}
		if (requested.isEmpty() || Set.of(OidcScopes.OPENID).equals(requested)) {
			return false;
		}
		OAuth2AuthorizationConsent previous = context.getAuthorizationConsent();
		return previous == null || !previous.getScopes().containsAll(requested);
	}

}
