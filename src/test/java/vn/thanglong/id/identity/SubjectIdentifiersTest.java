package vn.thanglong.id.identity;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

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
		Instant at = Instant.ofEpochSecond(1_764_816_000L);
		String sid = this.subjects.sessionIdentifier("hanoi", "thue.gov.vn", "person-1", at);

		// base64url(HMAC-SHA256(key, 0x01 "sid" 0x00 sector 0x00 local id 0x00 seconds "." nanoseconds))
		assertThat(sid).isEqualTo("1HHuGrKznNr72oUFYd-56qXixbB4c5rakK84U_c39SI");
		assertThat(this.subjects.sessionIdentifier("hanoi", "thue.gov.vn", "person-1", at)).isEqualTo(sid);
		assertThat(this.subjects.sessionIdentifier("hanoi", "dichvucong.gov.vn", "person-1", at))
			.as("another sector").isNotEqualTo(sid);
		assertThat(this.subjects.sessionIdentifier("hanoi", "thue.gov.vn", "person-1", at.plusNanos(1)))
			.as("another login, a nanosecond later").isNotEqualTo(sid);
		assertThat(this.subjects.sessionIdentifier("hanoi", "thue.gov.vn", "person-2", at))
			.as("another person").isNotEqualTo(sid);
		assertThat(this.subjects.sessionIdentifier("hue", "thue.gov.vn", "person-1", at))
			.as("another realm").isNotEqualTo(sid);
		assertThat(sid).isNotEqualTo(this.subjects.subject("hanoi", "person-1", true, "thue.gov.vn"));
	}

	@Test
	void whenPublicThenTheLocalIdentifier() {
		assertThat(this.subjects.subject("hanoi", "person-1", false, "thue.gov.vn")).isEqualTo("person-1");
	}

}
