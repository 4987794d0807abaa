package vn.thanglong.id.authn;

import java.util.Locale;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PageLocalesTest {

	@Test
	void whenUiLocalesListsLanguagesThenTheFirstThePagesSpeakIsTaken() {
		assertThat(PageLocales.spoken("fr-CA en-GB vi")).contains(Locale.ENGLISH);
		assertThat(PageLocales.spoken("vi-VN")).contains(Locale.forLanguageTag("vi"));
		assertThat(PageLocales.spoken("de ja")).isEmpty();
		assertThat(PageLocales.spoken("")).isEmpty();
		assertThat(PageLocales.spoken(null)).isEmpty();
	}

}
