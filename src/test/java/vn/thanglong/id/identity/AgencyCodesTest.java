package vn.thanglong.id.identity;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AgencyCodesTest {

	@ParameterizedTest(name = "{0} -> {1}")
	@CsvSource({ "000.00.00.H26, 000.00.00.H26", "000.00.00.h26, 000.00.00.H26", "' 000.01.23.H26 ', 000.01.23.H26",
			"H26, H26", "A.B.C.D.E.F.G.H.I.J.K.L.M.N.O.P.Q.R, A.B.C.D.E.F.G.H.I.J.K.L.M.N.O.P.Q.R" })
	void whenCodeIsDotSeparatedGroupsThenItIsAcceptedInUpperCase(String code, String stored) {
		assertThat(AgencyCodes.normalize(code)).isEqualTo(stored);
	}

	@ParameterizedTest(name = "[{0}]")
	@ValueSource(strings = { "", "   ", ".000", "000.", "000..00", "000 00", "000-00", "Đ26", "000.00.00.H26.000.00.00.H26.00000000" /* 36 */ })
	void whenCodeIsNotInTheDecisionFormatThenItIsRefusedOnCode(String code) {
		assertThatThrownBy(() -> AgencyCodes.normalize(code)).isInstanceOf(IdentityValidationException.class)
			.satisfies((ex) -> assertThat(((IdentityValidationException) ex).field()).isEqualTo("code"));
	}

}
