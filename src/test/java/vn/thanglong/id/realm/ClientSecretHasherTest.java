package vn.thanglong.id.realm;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class ClientSecretHasherTest {

	private static final String SECRET = "demo-portal-secret-change-me-000000";

	private static final String PREFIX = "{" + ClientSecretHasher.ID + "}";

	private final ClientSecretHasher hasher = new ClientSecretHasher();

	@Test
	void whenSecretIsEncodedThenTheSameSecretMatches() {
		String encoded = this.hasher.encode(SECRET);

		assertThat(encoded).startsWith(PREFIX).doesNotContain(SECRET);
		assertThat(this.hasher.matches(SECRET, encoded)).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "demo-portal-secret-change-me-000001", "", "DEMO-PORTAL-SECRET-CHANGE-ME-000000",
			"demo-portal-secret-change-me-000000 " })
	void whenAnotherSecretIsPresentedThenItDoesNotMatch(String other) {
		assertThat(this.hasher.matches(other, this.hasher.encode(SECRET))).isFalse();
	}

	@Test
	void whenTheSameSecretIsEncodedTwiceThenTheSaltsMakeTheEncodingsDiffer() {
		String first = this.hasher.encode(SECRET);
		String second = this.hasher.encode(SECRET);

		assertThat(first).isNotEqualTo(second);
		assertThat(salt(first)).isNotEqualTo(salt(second));
		assertThat(this.hasher.matches(SECRET, first)).isTrue();
		assertThat(this.hasher.matches(SECRET, second)).isTrue();
	}

	@Test
	void whenPrefixWasStrippedByTheDelegatingEncoderThenTheSecretStillMatches() {
		String encoded = this.hasher.encode(SECRET);
		String withoutPrefix = encoded.substring(PREFIX.length());

		assertThat(this.hasher.matches(SECRET, withoutPrefix)).isTrue();
	}

	@ParameterizedTest
	@NullAndEmptySource
	@ValueSource(strings = { "", "c2FsdA", "$", "c2FsdA$" })
	void whenEncodedValueIsMalformedThenNothingMatches(String malformed) {
		assertThat(this.hasher.matches(SECRET, malformed)).isFalse();
		assertThat(this.hasher.matches(SECRET, PREFIX + malformed)).isFalse();
		assertThat(this.hasher.matches("", PREFIX + malformed)).isFalse();
	}

	private static String salt(String encoded) {
		return encoded.substring(PREFIX.length(), encoded.indexOf('$'));
	}

}
