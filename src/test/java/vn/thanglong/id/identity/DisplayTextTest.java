package vn.thanglong.id.identity;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class DisplayTextTest {

	@ParameterizedTest
	@ValueSource(strings = { "Nguyễn Văn An", "Nguye\u0302\u0303n", "Đống Đa – số 1 (Hà Nội)", "Công ty TNHH Một thành viên & Cộng sự",
			"a.b@example.gov.vn", "Ê-đê", "𠀀 chữ Nôm" })
	void whenTextIsMadeOfLettersMarksAndPunctuationThenReadable(String text) {
		assertThat(DisplayText.readable(text)).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "a\u0000b", "a\u0007b", "a\u001Bb", "a\u0085b", "evil\u202Eexe.pdf", "a\u2066b", "a\u200Bb",
			"a\uFEFFb", "a\u2028b", "a\uE000b", "a\uD800b" })
	void whenTextHoldsControlFormatOrInvisibleCharactersThenNot(String text) {
		assertThat(DisplayText.readable(text)).isFalse();
	}

}
