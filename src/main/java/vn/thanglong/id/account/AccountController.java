package vn.thanglong.id.account;

import java.util.Locale;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.server.ResponseStatusException;

import vn.thanglong.id.realm.RealmDefinition;
import vn.thanglong.id.realm.RealmRegistry;

/** The account page of each realm, and the pages around its login and logout. */
@Controller
final class AccountController {

	private final RealmRegistry realms;

	private final AccountViews views;

	AccountController(RealmRegistry realms, AccountViews views) {
		this.realms = Objects.requireNonNull(realms, "realms");
		this.views = Objects.requireNonNull(views, "views");
	}

	/** Reached only with this realm's login (the security chain sees to it). */
	@GetMapping("/realms/{realm}" + AccountPaths.ACCOUNT)
	String account(@PathVariable String realm, @Nullable Authentication authentication, Model model, Locale locale) {
		RealmDefinition definition = realm(realm);
		OidcUser user = (authentication != null) ? AccountRealmGuard.loginFor(authentication, realm).orElse(null)
				: null;
		if (user == null) {
			return "redirect:" + AccountPaths.path(realm, AccountPaths.LOGIN);
		}
		model.addAttribute("realm", realm);
		model.addAttribute("realmName", definition.displayName(locale.getLanguage()));
		model.addAttribute("account", this.views.of(user, locale));
		return "account";
	}

	@GetMapping("/realms/{realm}" + AccountPaths.LOGGED_OUT)
	String loggedOut(@PathVariable String realm, Model model, Locale locale) {
		model.addAttribute("realm", realm);
		model.addAttribute("realmName", realm(realm).displayName(locale.getLanguage()));
		return "account-logged-out";
	}

	@GetMapping("/realms/{realm}" + AccountPaths.FAILED)
	String failed(@PathVariable String realm, Model model, Locale locale) {
		model.addAttribute("realm", realm);
		model.addAttribute("realmName", realm(realm).displayName(locale.getLanguage()));
		return "account-failed";
	}

	private RealmDefinition realm(String name) {
		return this.realms.find(name).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
	}

}
