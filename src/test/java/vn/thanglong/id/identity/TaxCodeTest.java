package vn.thanglong.id.identity;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class TaxCodeTest {

	@ParameterizedTest
	@CsvSource({ "0100109106, 0100109106, 0", "0100109106-001, 0100109106, 1", " 0100109106-999 , 0100109106, 999",
			"0102030405, 0102030405, 0" })
	void whenCodeChecksThenItIsAccepted(String text, String head, int branch) {
		assertThat(TaxCode.parse(text)).hasValueSatisfying((code) -> {
			assertThat(code.head()).isEqualTo(head);
			assertThat(code.branch()).isEqualTo(branch);
		});
	}

	@ParameterizedTest
	@ValueSource(strings = { "0100109107", "0100109105", "1100109106", "010010910", "01001091061", "0100109106-000",
			"0100109106-1", "0100109106-0001", "01001O9106", "", "0100109106 001", "-0100109106" })
	void whenCodeDoesNotCheckOrIsMalformedThenItIsRejected(String text) {
		assertThat(TaxCode.parse(text)).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "0100109106", "0102030405" })
	void whenAnySingleDigitOfAValidCodeChangesThenItIsRejected(String valid) {
		int accepted = 0;
		for (int position = 0; position < 10; position++) {
			for (char digit = '0'; digit <= '9'; digit++) {
				if (digit == valid.charAt(position)) {
					continue;
				}
				String changed = valid.substring(0, position) + digit + valid.substring(position + 1);
				if (TaxCode.parse(changed).isPresent()) {
					accepted++;
				}
			}
		}
		// a weighted mod-11 check catches every single-digit change of this code
		assertThat(accepted).isZero();
	}

}
