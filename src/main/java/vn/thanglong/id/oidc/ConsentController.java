package vn.thanglong.id.oidc;

import java.io.IOException;
import java.security.Principal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsent;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;

import vn.thanglong.id.authn.PageLocales;
import vn.thanglong.id.identity.PersonClaims;
import vn.thanglong.id.realm.RealmRegistry;

/**
 * The consent page: names the agency system and the data it asks for in plain words. The
 * pending authorization is found by its one-time {@code state}, which also ties the page to
 * the logged-in user; the answer is posted to the realm's authorization endpoint.
 */
@Controller
final class ConsentController {

	private static final OAuth2TokenType STATE = new OAuth2TokenType(OAuth2ParameterNames.STATE);

	private final OAuth2AuthorizationService authorizations;

	private final OAuth2AuthorizationConsentService consents;

	private final RealmRegisteredClientRepository clients;

	private final RealmRegistry realms;

	private final PersonClaims personClaims;

	ConsentController(OAuth2AuthorizationService authorizations, OAuth2AuthorizationConsentService consents,
			RealmRegisteredClientRepository clients, RealmRegistry realms, PersonClaims personClaims) {
		this.personClaims = Objects.requireNonNull(personClaims, "personClaims");
		this.authorizations = Objects.requireNonNull(authorizations, "authorizations");
		this.consents = Objects.requireNonNull(consents, "consents");
		this.clients = Objects.requireNonNull(clients, "clients");
		this.realms = Objects.requireNonNull(realms, "realms");
	}

	@GetMapping("/consent")
	String consent(Principal principal, @RequestParam(OAuth2ParameterNames.STATE) String state,
			@RequestParam(name = OAuth2ParameterNames.SCOPE, defaultValue = "") String scope, Model model,
			Locale locale, HttpServletRequest request) {
		OAuth2Authorization pending = this.authorizations.findByToken(state, STATE);
		if (pending == null || !pending.getPrincipalName().equals(principal.getName())) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST);
		}
		RegisteredClient client = this.clients.findById(pending.getRegisteredClientId());
		String realm = this.clients.realmOfClient(pending.getRegisteredClientId()).orElse(null);
		if (client == null || realm == null) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST);
		}
		OAuth2AuthorizationConsent previous = this.consents.findById(client.getId(), principal.getName());
		Set<String> granted = (previous != null) ? previous.getScopes() : Set.of();
		List<String> toApprove = new ArrayList<>();
		List<String> alreadyGranted = new ArrayList<>();
		for (String requested : new LinkedHashSet<>(Arrays.asList(scope.split(" ")))) {
			if (requested.isBlank() || OidcScopes.OPENID.equals(requested)) {
				continue;
			}
			(granted.contains(requested) ? alreadyGranted : toApprove).add(requested);
		}
		model.addAttribute("clientId", client.getClientId());
		model.addAttribute("clientName", client.getClientName());
		model.addAttribute("realmName", this.realms.find(realm).map((r) -> r.displayName(locale.getLanguage()))
			.orElse(realm));
		model.addAttribute("action", "/realms/" + realm + "/oauth2/authorize");
		model.addAttribute("switchHref", PageLocales.switchHref(request.getRequestURI(), request.getQueryString(), locale));
		model.addAttribute("state", state);
		model.addAttribute("scopes", toApprove);
		model.addAttribute("previouslyApproved", alreadyGranted);
		model.addAttribute("openid", Arrays.asList(scope.split(" ")).contains(OidcScopes.OPENID));
		model.addAttribute("organizations", Arrays.asList(scope.split(" ")).contains(PersonClaims.ORGANIZATION)
				? this.personClaims.organizationsOf(principal.getName()) : List.of());
		return "consent";
	}

	/**
	 * The user said no: the pending request ends with {@code access_denied} (RFC 6749 section
	 * 4.1.2.1), whatever the user allowed this client earlier. The stock consent endpoint would
	 * instead carry on with the earlier consent when no scope is posted.
	 */
	@PostMapping("/consent/deny")
	void deny(Principal principal, @RequestParam(OAuth2ParameterNames.STATE) String state,
			HttpServletResponse response) throws IOException {
		OAuth2Authorization pending = this.authorizations.findByToken(state, STATE);
		if (pending == null || !pending.getPrincipalName().equals(principal.getName())) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST);
		}
		OAuth2AuthorizationRequest request = pending.getAttribute(OAuth2AuthorizationRequest.class.getName());
		String realm = this.clients.realmOfClient(pending.getRegisteredClientId()).orElse(null);
		this.authorizations.remove(pending);
		if (request == null || realm == null) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST);
		}
		Map<String, String> parameters = new LinkedHashMap<>();
		parameters.put("error", "access_denied");
		parameters.put("error_description", "The user denied the request.");
		if (request.getState() != null) {
			parameters.put("state", request.getState());
		}
		parameters.put("iss", ServletUriComponentsBuilder.fromCurrentContextPath().path("/realms/{realm}")
			.buildAndExpand(realm).toUriString());
		response.sendRedirect(ClientRedirects.withQuery(request.getRedirectUri(), parameters));
	}

}
