package vn.thanglong.id.identity;

import java.time.LocalDate;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PersonalIdNumberTest {

	@ParameterizedTest(name = "{0} -> {1} {2} {3}")
	@CsvSource({
			// number,       region, sex,    birth year
			"001090012345, 001, MALE,   1990",
			"001009012345, 001, MALE,   1909",
			"001190012345, 001, FEMALE, 1990",
			"079203000001, 079, MALE,   2003",
			"096399999999, 096, FEMALE, 2099",
			"048400000000, 048, MALE,   2100",
			"002512000000, 002, FEMALE, 2112",
			"031650000000, 031, MALE,   2250",
			"031799000000, 031, FEMALE, 2299",
			"092800000000, 092, MALE,   2300",
			"092999000000, 092, FEMALE, 2399",
			"' 001090012345 ', 001, MALE, 1990" })
	void whenNumberIsWellFormedThenRegionSexAndBirthYearAreDecoded(String text, String region, Sex sex, int year) {
		PersonalIdNumber number = PersonalIdNumber.parse(text, Set.of());
		assertThat(number.regionCode()).isEqualTo(region);
		assertThat(number.sex()).isEqualTo(sex);
		assertThat(number.birthYear()).isEqualTo(year);
	}

	@ParameterizedTest(name = "[{0}] refused")
	@CsvSource(value = {
			"''", // empty
			"'   '", // blank
			"00109001234", // 11 digits
			"0010900123456", // 13 digits
			"00109001234a", // a letter
			"001-09001234", // a separator
			"００１０９００１２３４５", // full-width digits are not ASCII digits
			"000090012345", // 000 is no province
			"003090012345", // 003 is not used (gap in the GSO codes)
			"097090012345", // past the last province
			"840090012345", // a country code that the deployment did not configure
	}, nullValues = "NULL")
	void whenNumberIsMalformedThenItIsRefusedOnItsField(String text) {
		assertThatThrownBy(() -> PersonalIdNumber.parse(text, Set.of())).isInstanceOf(IdentityValidationException.class)
			.satisfies((ex) -> assertThat(((IdentityValidationException) ex).field()).isEqualTo("personalIdNumber"))
			.satisfies((ex) -> assertThat(ex.getMessage()).doesNotContain(text.strip().isEmpty() ? "\u0000" : text.strip()));
	}

	@Test
	void whenNumberIsNullThenItIsRequired() {
		assertThatThrownBy(() -> PersonalIdNumber.parse(null, Set.of())).isInstanceOf(IdentityValidationException.class)
			.hasMessageContaining("required");
	}

	@Test
	void whenCountryCodeIsConfiguredThenItIsAccepted() {
		assertThat(PersonalIdNumber.parse("840090012345", Set.of("840")).regionCode()).isEqualTo("840");
	}

	@Test
	void whenProvinceListIsCountedThenItHasTheSixtyThreeProvinces() {
		assertThat(PersonalIdNumber.PROVINCES).hasSize(63).containsEntry("001", "Hà Nội").containsEntry("096", "Cà Mau");
	}

	@ParameterizedTest(name = "{0} born {1} {2}: consistent={3}")
	@CsvSource(value = {
			"001090012345, 1990-03-01, MALE,   true",
			"001090012345, 2090-03-01, MALE,   false", // same YY, wrong century
			"001090012345, 1991-03-01, MALE,   false", // wrong year
			"001090012345, 1990-03-01, FEMALE, false", // wrong sex
			"001190012345, 1990-12-31, FEMALE, true",
			"079203000001, 2003-01-01, NULL,   true", // sex unknown
			"079203000001, NULL,       MALE,   true", // birth date unknown
			"079203000001, NULL,       NULL,   true",
			"079303000001, 2003-01-01, MALE,   false", // 3 is a woman born in the 2000s
	}, nullValues = "NULL")
	void whenBirthDateOrSexIsKnownThenItMustAgree(String text, LocalDate birthDate, Sex sex, boolean consistent) {
		PersonalIdNumber number = PersonalIdNumber.parse(text, Set.of());
		if (consistent) {
			number.requireConsistentWith(birthDate, sex);
		}
		else {
			assertThatThrownBy(() -> number.requireConsistentWith(birthDate, sex))
				.isInstanceOf(IdentityValidationException.class)
				.hasMessageNotContaining(text);
		}
	}

	@Test
	void whenPrintedThenTheNumberIsMasked() {
		PersonalIdNumber number = PersonalIdNumber.parse("001090012345", Set.of());
		assertThat(number.toString()).isEqualTo("001*******45").doesNotContain("0900123");
		assertThat(number.masked()).isEqualTo("001*******45");
		assertThat(number.value()).isEqualTo("001090012345");
	}

}
