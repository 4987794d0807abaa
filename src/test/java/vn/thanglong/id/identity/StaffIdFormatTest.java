package vn.thanglong.id.identity;

import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class StaffIdFormatTest {

	private final StaffIdFormat format = new StaffIdFormat("HN", 8);

	@Test
	void whenSerialIsFormattedThenPrefixPaddedDigitsAndIso7064CheckCharacter() {
		// ISO/IEC 7064 MOD 11-2 as ORCID uses it: published identifiers and their check characters
		assertThat(StaffIdFormat.checkCharacter("000000021825009")).isEqualTo('7');
		assertThat(StaffIdFormat.checkCharacter("000000015109370")).isEqualTo('0');
		assertThat(StaffIdFormat.checkCharacter("000000021694233")).isEqualTo('X');
		assertThat(this.format.format(42)).startsWith("HN00000042").hasSize(11);
		assertThat(this.format.isValid(this.format.format(42))).isTrue();
	}

	@Test
	void whenAnySingleCharacterChangesOrAdjacentCharactersSwapThenTheNumberIsRejected() {
		Random random = new Random(20261123L);
		String alphabet = "0123456789X";
		for (int sample = 0; sample < 2000; sample++) {
			String valid = this.format.format(random.nextInt(100_000_000));
			String body = valid.substring(2);
			for (int i = 0; i < body.length(); i++) {
				for (char c : alphabet.toCharArray()) {
					if (c != body.charAt(i)) {
						String changed = "HN" + body.substring(0, i) + c + body.substring(i + 1);
						assertThat(this.format.isValid(changed)).as("%s -> %s", valid, changed).isFalse();
					}
				}
				if (i + 1 < body.length() && body.charAt(i) != body.charAt(i + 1)) {
					String swapped = "HN" + body.substring(0, i) + body.charAt(i + 1) + body.charAt(i) + body.substring(i + 2);
					assertThat(this.format.isValid(swapped)).as("%s -> %s", valid, swapped).isFalse();
				}
			}
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "HN0000004", "XX000000425", "HN0000004A5", "hn000000425" })
	void whenTextIsMalformedThenItIsRejected(String text) {
		assertThat(this.format.isValid(text)).isFalse();
	}

	@Test
	void whenFormatIsMisconfiguredThenItIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> new StaffIdFormat("hn", 8));
		assertThatIllegalArgumentException().isThrownBy(() -> new StaffIdFormat("HN", 3));
		assertThatIllegalArgumentException().isThrownBy(() -> this.format.format(1_000_000_000L));
	}

}
