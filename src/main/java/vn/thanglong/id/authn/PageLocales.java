package vn.thanglong.id.authn;

import java.util.Locale;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.i18n.LocaleContext;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;
import org.springframework.web.servlet.i18n.SessionLocaleResolver;

/**
 * Page language: Vietnamese by default, English on request: the switch ({@code ?lang=en}, kept
 * in the session), or an agency system's {@code ui_locales} (OIDC Core section 3.1.2.1,
 * RP-Initiated Logout section 2), which sets the language of the pages answering that request
 * (the error page and the logout page included) and, when a login is needed, of the session.
 */
@Configuration(proxyBeanMethods = false)
public class PageLocales implements WebMvcConfigurer {

	private static final Locale VIETNAMESE = Locale.forLanguageTag("vi");

	/** The language switch's parameter. */
	public static final String SWITCH = "lang";

	/**
	 * The link of the language switch on a page answering {@code path} with the (encoded)
	 * {@code query}: the same request, in the other language of {@code current}. None for a path
	 * that a browser would not read as one of this server's ({@code //host/...}, a backslash).
	 */
	public static @Nullable String switchHref(String path, @Nullable String query, Locale current) {
		if (!path.startsWith("/") || path.startsWith("//") || path.indexOf('\\') >= 0) {
			return null;
		}
		StringBuilder href = new StringBuilder(path).append('?');
		if (query != null) {
			for (String pair : query.split("&")) {
				if (!pair.isEmpty() && !pair.equals(SWITCH) && !pair.startsWith(SWITCH + "=")) {
					href.append(pair).append('&');
				}
			}
		}
		return href.append(SWITCH).append('=').append("vi".equals(current.getLanguage()) ? "en" : "vi").toString();
	}

	/** The first language of {@code uiLocales} (space-separated BCP 47 tags) that the pages speak. */
	public static Optional<Locale> spoken(@Nullable String uiLocales) {
		if (uiLocales == null) {
			return Optional.empty();
		}
		for (String tag : uiLocales.split(" ")) {
			String language = Locale.forLanguageTag(tag).getLanguage();
			if ("vi".equals(language) || "en".equals(language)) {
				return Optional.of(Locale.forLanguageTag(language));
			}
		}
		return Optional.empty();
	}

	@Bean
	LocaleResolver localeResolver() {
		SessionLocaleResolver resolver = new SessionLocaleResolver() {

			@Override
			public Locale resolveLocale(HttpServletRequest request) {
				return asked(request).orElseGet(() -> super.resolveLocale(request));
			}

			@Override
			public LocaleContext resolveLocaleContext(HttpServletRequest request) {
				Optional<Locale> asked = asked(request);
				return asked.isPresent() ? asked::get : super.resolveLocaleContext(request);
			}

		};
		resolver.setDefaultLocale(VIETNAMESE);
		return resolver;
	}

	private static Optional<Locale> asked(HttpServletRequest request) {
		try {
			// the switch on this request wins over what the agency system asked for (a later request of the
			// same flow that carries ui_locales is answered in that language again)
			return (request.getParameter(SWITCH) != null) ? Optional.empty() : spoken(request.getParameter("ui_locales"));
		}
		catch (IllegalStateException ex) {
			// parameters the container could not read: the error page says so, in the default language
			return Optional.empty();
		}
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		LocaleChangeInterceptor interceptor = new LocaleChangeInterceptor();
		interceptor.setParamName(SWITCH);
		interceptor.setIgnoreInvalidLocale(true);
		registry.addInterceptor(interceptor);
	}

}
