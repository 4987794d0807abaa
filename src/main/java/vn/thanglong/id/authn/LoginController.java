package vn.thanglong.id.authn;

import java.util.Locale;
import java.util.Objects;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.util.UriComponentsBuilder;

import vn.thanglong.id.realm.RealmDefinition;
import vn.thanglong.id.realm.RealmRegistry;

/** The login page of each realm. */
@Controller
final class LoginController {

	private final RealmRegistry realms;

	LoginController(RealmRegistry realms) {
		this.realms = Objects.requireNonNull(realms, "realms");
	}

	@GetMapping("/realms/{realm}/login")
	String login(@PathVariable String realm, HttpServletRequest request, Model model, Locale locale) {
		RealmDefinition definition = this.realms.find(realm)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
		String continuation = LoginContinuation.requested(request);
		String loginHint = LoginContinuation.peek(request, continuation)
			.map((path) -> UriComponentsBuilder.fromUriString(path).build().getQueryParams().getFirst("login_hint"))
			.map((hint) -> java.net.URLDecoder.decode(hint, java.nio.charset.StandardCharsets.UTF_8))
			.orElse("");
		model.addAttribute("realm", realm);
		model.addAttribute("realmName", definition.displayName(locale.getLanguage()));
		model.addAttribute("loginHint", loginHint);
		model.addAttribute("continuation", continuation);
		model.addAttribute("error", request.getParameter("error") != null);
		model.addAttribute("throttled", request.getParameter("throttled") != null);
		return "login";
	}

}
