package vn.thanglong.id.identity;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SubjectIdentifiersTest {

	private final SubjectIdentifiers subjects = new SubjectIdentifiers(
			(realm) -> (realm + "-key-of-thirty-two-bytes-or-more!").getBytes(StandardCharsets.UTF_8));

	@Test
	void whenPairwiseThenStablePerSectorAndDifferentAcrossSectorsAndRealms() {
		String a = this.subjects.subject("hanoi", "person-1", true, "thue.gov.vn");

		assertThat(this.subjects.subject("hanoi", "person-1", true, "thue.gov.vn")).isEqualTo(a);
		assertThat(this.subjects.subject("hanoi", "person-1", true, "dichvucong.gov.vn")).isNotEqualTo(a);
		assertThat(this.subjects.subject("hue", "person-1", true, "thue.gov.vn")).isNotEqualTo(a);
		assertThat(this.subjects.subject("hanoi", "person-2", true, "thue.gov.vn")).isNotEqualTo(a);
		assertThat(a).matches("[A-Za-z0-9_-]{43}").doesNotContain("person-1");
	}

	@Test
	void whenSectorAndIdShiftTheirBoundaryThenSubjectsDiffer() {
		// the separator keeps ("ab", "c") and ("a", "bc") apart
		assertThat(this.subjects.subject("hanoi", "c", true, "ab"))
			.isNotEqualTo(this.subjects.subject("hanoi", "bc", true, "a"));
	}

	@Test
	void whenPublicThenTheLocalIdentifier() {
		assertThat(this.subjects.subject("hanoi", "person-1", false, "thue.gov.vn")).isEqualTo("person-1");
	}

}
