package vn.thanglong.id.account;

import java.net.URL;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.security.oauth2.core.oidc.OidcUserInfo;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

/** Builds the account page's view of a login, with labels and values in the page's language. */
final class AccountViews {

	/** The ID token claims that say who logged in, with whom, for whom, when and how (OIDC Core section 2). */
	static final List<String> ID_TOKEN_CLAIMS = List.of("sub", "iss", "aud", "auth_time", "acr", "amr");

	/** Standard claims (OIDC Core section 5.1) in the order a person reads them; others follow by name. */
	static final List<String> USERINFO_ORDER = List.of("name", "family_name", "middle_name", "given_name", "nickname",
			"preferred_username", "birthdate", "gender", "email", "phone_number", "address", "locale", "zoneinfo",
			"picture", "profile", "website", "updated_at");

	/** Verification flags read as part of the value they qualify, not as rows of their own. */
	private static final Map<String, String> VERIFIED_FLAGS = Map.of("email", "email_verified", "phone_number",
			"phone_number_verified");

	/** Times are shown as people in Vietnam read them, whatever the server's zone. */
	static final ZoneId DISPLAY_ZONE = ZoneId.of("Asia/Ho_Chi_Minh");

	private final MessageSource messages;

	AccountViews(MessageSource messages) {
		this.messages = Objects.requireNonNull(messages, "messages");
	}

	AccountView of(OidcUser user, Locale locale) {
		String subject = user.getSubject();
		String name = firstNonBlank(user.getFullName(), user.getPreferredUsername(), subject);
		List<AccountView.Claim> idToken = new ArrayList<>();
		for (String claim : ID_TOKEN_CLAIMS) {
			Object value = user.getIdToken().getClaims().get(claim);
			if (value != null) {
				idToken.add(claim(claim, value, locale));
			}
		}
		OidcUserInfo userInfo = user.getUserInfo();
		List<AccountView.Claim> released = new ArrayList<>();
		if (userInfo != null) {
			Map<String, Object> claims = userInfo.getClaims();
			claims.entrySet().stream()
				.filter((entry) -> !"sub".equals(entry.getKey()) && entry.getValue() != null
						&& !VERIFIED_FLAGS.containsValue(entry.getKey()))
				.sorted(Comparator.comparing((Map.Entry<String, Object> entry) -> order(entry.getKey()))
					.thenComparing(Map.Entry::getKey))
				.forEach((entry) -> released.add(withVerification(claim(entry.getKey(), entry.getValue(), locale),
						claims.get(VERIFIED_FLAGS.getOrDefault(entry.getKey(), "")), locale)));
		}
		return new AccountView(name, subject, idToken, released);
	}

	private AccountView.Claim withVerification(AccountView.Claim claim, @Nullable Object verified, Locale locale) {
		if (!(verified instanceof Boolean flag) || claim.values().size() != 1) {
			return claim;
		}
		String note = this.messages.getMessage(flag ? "account.value.verified" : "account.value.unverified", null,
				locale);
		return new AccountView.Claim(claim.name(), claim.label(), List.of(claim.values().get(0) + " (" + note + ")"));
	}

	private static int order(String claim) {
		int index = USERINFO_ORDER.indexOf(claim);
		return (index < 0) ? USERINFO_ORDER.size() : index;
	}

	private AccountView.Claim claim(String name, Object value, Locale locale) {
		String label = this.messages.getMessage("account.claim." + name, null, name, locale);
		return new AccountView.Claim(name, (label != null) ? label : name, lines(name, value, locale));
	}

	/** An authentication method reference (RFC 8176 section 2) in words, with the value itself. */
	private String method(String amr, Locale locale) {
		String words = this.messages.getMessage("account.amr." + amr, null, null, locale);
		return (words != null) ? words + " (" + amr + ")" : amr;
	}

	private List<String> lines(String name, Object value, Locale locale) {
		if (value instanceof Collection<?> values) {
			List<String> out = new ArrayList<>();
			values.forEach((item) -> out.add("amr".equals(name) ? method(String.valueOf(item), locale)
					: text(item, locale)));
			return out;
		}
		if (value instanceof Map<?, ?> map) {
			// an address (OIDC Core section 5.1.1): its formatted form says it all when present
			Object formatted = map.get("formatted");
			if (formatted != null) {
				return List.of(text(formatted, locale));
			}
			List<String> out = new ArrayList<>();
			map.forEach((key, item) -> out.add(key + ": " + text(item, locale)));
			return out;
		}
		return List.of(text(value, locale));
	}

	private String text(Object value, Locale locale) {
		if (value instanceof Instant instant) {
			return DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM)
				.withLocale(locale)
				.withZone(DISPLAY_ZONE)
				.format(instant) + " (UTC+7)";
		}
		if (value instanceof Boolean flag) {
			return this.messages.getMessage(flag ? "account.value.yes" : "account.value.no", null, locale);
		}
		if (value instanceof URL url) {
			return url.toExternalForm();
		}
		return String.valueOf(value);
	}

	private static String firstNonBlank(String... candidates) {
		for (String candidate : candidates) {
			if (candidate != null && !candidate.isBlank()) {
				return candidate;
			}
		}
		return "";
	}

}
