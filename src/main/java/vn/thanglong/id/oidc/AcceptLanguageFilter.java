package vn.thanglong.id.oidc;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The request's locales ({@code Accept-Language}, RFC 9110 section 12.5.4), read here instead
 * of by the container: Tomcat refuses a header of more than ten languages with an exception,
 * and the first component to ask (Spring's request context, on every page and most endpoints)
 * turned it into a 500 and a stack trace. Browsers send two ranges per language a person has
 * set ({@code vi-VN,vi;q=0.9}), so six languages were enough. Here the header is read in order of
 * preference, ranges that name no language ({@code *}, {@code q=0}, malformed) are skipped,
 * and at most {@link #MOST} locales are kept; a header with none gives the server's default,
 * as the container would. The pages do not take their language from this header anyway (they
 * are Vietnamese unless {@code ui_locales} or the switch says otherwise).
 */
final class AcceptLanguageFilter extends OncePerRequestFilter {

	/** Locales kept of a header: the container's own limit, which it enforces by failing. */
	static final int MOST = 10;

	/** A header longer than this is not read at all (the container bounds the whole header block). */
	private static final int LONGEST = 4096;

	@Override
	protected boolean shouldNotFilterErrorDispatch() {
		// the error page reads the locale too, from the container's request unless wrapped again
		return false;
	}

	@Override
	protected boolean shouldNotFilterAsyncDispatch() {
		return false;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		chain.doFilter(new BoundedLocales(request), response);
	}

	/** The locales of {@code headers} (every {@code Accept-Language} line), most preferred first. */
	static List<Locale> locales(Enumeration<String> headers) {
		List<String> lines = (headers != null) ? Collections.list(headers) : List.of();
		String header = String.join(",", lines);
		List<Locale> locales = new ArrayList<>();
		if (!header.isBlank() && header.length() <= LONGEST) {
			List<Locale.LanguageRange> ranges = new ArrayList<>();
			for (String element : header.split(",")) {
				try {
					ranges.addAll(Locale.LanguageRange.parse(element));
				}
				catch (IllegalArgumentException ex) {
					// a malformed range: skipped, the others still count
				}
			}
			// most preferred first; among equals, in the order sent
			ranges.sort(Comparator.comparingDouble(Locale.LanguageRange::getWeight).reversed());
			for (Locale.LanguageRange range : ranges) {
				if (locales.size() == MOST) {
					break;
				}
				Locale locale = Locale.forLanguageTag(range.getRange());
				if (range.getWeight() > 0 && !locale.getLanguage().isEmpty() && !locales.contains(locale)) {
					locales.add(locale);
				}
			}
		}
		if (locales.isEmpty()) {
			locales.add(Locale.getDefault());
		}
		return List.copyOf(locales);
	}

	private static final class BoundedLocales extends HttpServletRequestWrapper {

		private List<Locale> locales;

		BoundedLocales(HttpServletRequest request) {
			super(request);
		}

		private List<Locale> locales() {
			if (this.locales == null) {
				this.locales = AcceptLanguageFilter.locales(getHeaders("Accept-Language"));
			}
			return this.locales;
		}

		@Override
		public Locale getLocale() {
			return locales().get(0);
		}

		@Override
		public Enumeration<Locale> getLocales() {
			return Collections.enumeration(locales());
		}

	}

}
