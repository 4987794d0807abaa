package vn.thanglong.id.oidc;

import java.util.Collections;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AcceptLanguageFilterTest {

	private static List<Locale> locales(String... headers) {
		return AcceptLanguageFilter.locales(Collections.enumeration(List.of(headers)));
	}

	@Test
	void localesComeInOrderOfPreference() {
		assertThat(locales("en;q=0.5, vi-VN, fr;q=0.7")).containsExactly(Locale.forLanguageTag("vi-VN"),
				Locale.forLanguageTag("fr"), Locale.forLanguageTag("en"));
	}

	@Test
	void everyHeaderLineCounts() {
		assertThat(locales("vi", "en;q=0.5")).containsExactly(Locale.forLanguageTag("vi"), Locale.forLanguageTag("en"));
	}

	@Test
	void atMostTenAreKept() {
		String many = String.join(",", List.of("a1", "vi", "en", "fr", "de", "ja", "ko", "zh", "ru", "pt", "es", "it",
				"th", "lo"));
		assertThat(locales(many)).hasSize(AcceptLanguageFilter.MOST).startsWith(Locale.forLanguageTag("vi"),
				Locale.forLanguageTag("en"));
	}

	@Test
	void refusedAndWildcardRangesAreSkipped() {
		assertThat(locales("*, en;q=0, vi;q=0.3")).containsExactly(Locale.forLanguageTag("vi"));
	}

	@Test
	void withoutAUsableRangeTheDefaultIsGiven() {
		assertThat(locales()).containsExactly(Locale.getDefault());
		assertThat(locales("")).containsExactly(Locale.getDefault());
		assertThat(locales(";;;q=x")).containsExactly(Locale.getDefault());
		assertThat(locales("a1, en;q=0.2")).containsExactly(Locale.forLanguageTag("en"));
		assertThat(locales("*")).containsExactly(Locale.getDefault());
		assertThat(locales("vi,".repeat(3000))).containsExactly(Locale.getDefault());
	}

}
