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
	void whenPairwiseThenTheDocumentedDigestWhichNeverChanges() {
		// base64url(HMAC-SHA256(key, sector || 0x00 || local id)): agency systems keep these for good
		assertThat(this.subjects.subject("hanoi", "person-1", true, "thue.gov.vn"))
			.isEqualTo("oEZZrV-o8AG7NxID7k2QsPKTfndnf7MgP515PAE8yDw");
	}

	@Test
	void whenOneLoginIsSeenFromSectorsThenEachHasItsOwnSessionIdentifier() {
		long second = 1_764_816_000L;
		String sid = this.subjects.sessionIdentifier("hanoi", "thue.gov.vn", "person-1", second);

		assertThat(sid).isEqualTo("il6taooiIKnAzkPznzs0rQrLViBMbxNvLwDXrFU2yYo");
		assertThat(this.subjects.sessionIdentifier("hanoi", "thue.gov.vn", "person-1", second)).isEqualTo(sid);
		assertThat(this.subjects.sessionIdentifier("hanoi", "dichvucong.gov.vn", "person-1", second))
			.as("another sector").isNotEqualTo(sid);
		assertThat(this.subjects.sessionIdentifier("hanoi", "thue.gov.vn", "person-1", second + 1))
			.as("another login").isNotEqualTo(sid);
		assertThat(this.subjects.sessionIdentifier("hanoi", "thue.gov.vn", "person-2", second))
			.as("another person").isNotEqualTo(sid);
		assertThat(this.subjects.sessionIdentifier("hue", "thue.gov.vn", "person-1", second))
			.as("another realm").isNotEqualTo(sid);
		assertThat(sid).isNotEqualTo(this.subjects.subject("hanoi", "person-1", true, "thue.gov.vn"));
	}

	@Test
	void whenPublicThenTheLocalIdentifier() {
		assertThat(this.subjects.subject("hanoi", "person-1", false, "thue.gov.vn")).isEqualTo("person-1");
	}

}
