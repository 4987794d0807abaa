package vn.thanglong.id.identity;

import java.text.Normalizer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class PersonNamesTest {

	@ParameterizedTest(name = "{0} -> {1}")
	@CsvSource({ "Nguyễn Văn An, nguyen van an", "ĐẶNG THỊ ĐÀO, dang thi dao", "Trần   Thị\tBình, tran thi binh",
			"Lê-Ngọc Ánh, le ngoc anh", "O'Brien Hưng, o brien hung", "Phạm Văn 2, pham van 2", "Ưng Ơn Ư, ung on u" })
	void whenNameIsFoldedThenDiacriticsAndCaseAreGoneAndDIsPlain(String name, String key) {
		assertThat(PersonNames.searchKey(name)).isEqualTo(key);
	}

	@Test
	void whenNameArrivesDecomposedThenItIsStoredComposedAndFoldsTheSame() {
		String decomposed = Normalizer.normalize("Nguyễn Văn An", Normalizer.Form.NFD);
		assertThat(decomposed).isNotEqualTo("Nguyễn Văn An");
		assertThat(PersonNames.normalize("  " + decomposed + " ")).isEqualTo("Nguyễn Văn An");
		assertThat(PersonNames.searchKey(decomposed)).isEqualTo("nguyen van an");
	}

	@Test
	void whenNameHasSeveralWordsThenItIsKeyedFromEachWordOn() {
		assertThat(PersonNames.wordKeys("Nguyễn  Văn An")).containsExactly("nguyen van an", "van an", "an");
		assertThat(PersonNames.wordKeys("Đào")).containsExactly("dao");
		assertThat(PersonNames.wordKeys("--")).isEmpty();
	}

	@Test
	void whenNameHasVeryManyWordsThenOnlyTheFirstOnesAreKeys() {
		String name = "a b c d e f g h i j k l m n o";
		assertThat(PersonNames.wordKeys(name)).hasSize(PersonNames.MAX_WORD_KEYS)
			.startsWith(name)
			.endsWith("l m n o");
	}

}
