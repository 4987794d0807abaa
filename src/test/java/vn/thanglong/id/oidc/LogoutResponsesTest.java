package vn.thanglong.id.oidc;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LogoutResponsesTest {

	private static final Instant ASKED = Instant.parse("2026-12-03T10:00:00Z");

	private final LogoutResponses.Pending pending = new LogoutResponses.Pending("e2e", "person-1", ASKED, "Agency",
			"https://rp.example.test/logged-out?state=s");

	@Test
	void whenTheSameUserOfTheRealmAnswersInTimeThenTheQuestionStands() {
		assertThat(this.pending.standsFor("e2e", "person-1", ASKED.plusSeconds(299))).isTrue();
	}

	@Test
	void whenAnotherUserAnotherRealmOrTooLateThenItDoesNot() {
		assertThat(this.pending.standsFor("e2e", "person-2", ASKED.plusSeconds(1))).isFalse();
		assertThat(this.pending.standsFor("other", "person-1", ASKED.plusSeconds(1))).isFalse();
		assertThat(this.pending.standsFor("e2e", "person-1", ASKED.plus(LogoutResponses.Pending.VALID_FOR))).isFalse();
	}

}
