package vn.thanglong.id.authn;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

import static org.assertj.core.api.Assertions.assertThat;

class SessionLoginsTest {

	private static final Instant NINE = Instant.parse("2026-12-03T09:00:00.123456Z");

	private static Authentication login(String realm, String person, Instant at) {
		return UsernamePasswordAuthenticationToken.authenticated(person, null,
				List.of(FactorGrantedAuthority.withAuthority(FactorGrantedAuthority.PASSWORD_AUTHORITY).issuedAt(at).build(),
						new SimpleGrantedAuthority(RealmPasswordAuthenticationProvider.REALM_AUTHORITY_PREFIX + realm)));
	}

	@Test
	void whenAPersonLogsInTwiceInOneSessionThenBothLoginsAreTheSessions() {
		MockHttpSession session = new MockHttpSession();
		SessionLogins.remember(session, login("hanoi", "p-1", NINE));
		SessionLogins.remember(session, login("hanoi", "p-1", NINE.plusSeconds(600)));

		assertThat(SessionLogins.of(session, null)).containsExactly("hanoi|p-1|" + NINE, "hanoi|p-1|" + NINE.plusSeconds(600));
	}

	@Test
	void whenAGrantKeepsItsLoginThenItIsOneOfTheSessionsLoginsAndAnotherOneSecondApartIsNot() {
		MockHttpSession session = new MockHttpSession();
		SessionLogins.remember(session, login("hanoi", "p-1", NINE));
		java.util.Set<String> logins = SessionLogins.of(session, null);

		// as the stored principal reads back: the instant a tenth of a microsecond off
		assertThat(SessionLogins.isOneOf(logins, login("hanoi", "p-1", NINE.plusNanos(83)))).isTrue();
		assertThat(SessionLogins.isOneOf(logins, login("hanoi", "p-1", NINE.minusNanos(83)))).isTrue();
		// two browsers, a script: the same person's other login in the same second
		assertThat(SessionLogins.isOneOf(logins, login("hanoi", "p-1", NINE.plusMillis(40)))).isFalse();
		assertThat(SessionLogins.isOneOf(logins, login("hue", "p-1", NINE))).as("another realm").isFalse();
		assertThat(SessionLogins.isOneOf(logins, login("hanoi", "p-2", NINE))).as("another person").isFalse();
		assertThat(SessionLogins.isOneOf(logins, UsernamePasswordAuthenticationToken.authenticated("p-1", null,
				List.of()))).as("no login of a realm").isFalse();
		assertThat(SessionLogins.isOneOf(java.util.Set.of("hanoi|p-1|not an instant"), login("hanoi", "p-1", NINE)))
			.isFalse();
	}

	@Test
	void whenTheBrowserLoggedInAsTwoPersonsThenBothArePersonsOfTheRealm() {
		MockHttpSession session = new MockHttpSession();
		SessionLogins.remember(session, login("hanoi", "p-1", NINE));
		SessionLogins.remember(session, login("hanoi", "p-2", NINE.plusSeconds(60)));
		SessionLogins.remember(session, login("hue", "p-3", NINE.plusSeconds(120)));

		assertThat(SessionLogins.personsIn(SessionLogins.of(session, null), "hanoi")).containsExactly("p-1", "p-2");
		assertThat(SessionLogins.personsIn(SessionLogins.of(session, null), "hue")).containsExactly("p-3");
	}

	@Test
	void whenTheSessionPredatesRememberingThenTheCurrentLoginIsItsOnly() {
		assertThat(SessionLogins.of(new MockHttpSession(), login("hanoi", "p-2", NINE)))
			.containsExactly("hanoi|p-2|" + NINE);
		assertThat(SessionLogins.of(null, null)).isEmpty();
	}

	@Test
	void whenASessionSeesManyLoginsThenItKeepsTheNewestThirtyTwo() {
		MockHttpSession session = new MockHttpSession();
		for (int i = 0; i < 40; i++) {
			SessionLogins.remember(session, login("hanoi", "p-" + i, NINE));
		}
		assertThat(SessionLogins.of(session, null)).hasSize(32).first().isEqualTo("hanoi|p-8|" + NINE);
	}

}
