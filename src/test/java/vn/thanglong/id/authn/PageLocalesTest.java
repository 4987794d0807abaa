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

	@Test
	void whenThePageHasParametersThenTheSwitchKeepsThemAndOnlyChangesTheLanguage() {
		Locale vietnamese = Locale.forLanguageTag("vi");
		assertThat(PageLocales.switchHref("/consent", "scope=openid%20profile&lang=vi&state=a%26b", vietnamese))
			.isEqualTo("/consent?scope=openid%20profile&state=a%26b&lang=en");
		assertThat(PageLocales.switchHref("/realms/hanoi/oauth2/authorize", null, Locale.ENGLISH))
			.isEqualTo("/realms/hanoi/oauth2/authorize?lang=vi");
		assertThat(PageLocales.switchHref("//evil.example/oauth2/authorize", "a=b", vietnamese)).isNull();
		assertThat(PageLocales.switchHref("/\\evil.example/", null, vietnamese)).isNull();
	}

}
