package vn.thanglong.id.authn;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;
import org.springframework.security.crypto.password.PasswordEncoder;

import vn.thanglong.id.identity.UserAccount;
import vn.thanglong.id.identity.UserAccounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The login's principal is the person, not the password account: a person's second credential
 * must give the same {@code sub} and claims as the first.
 */
class RealmPasswordAuthenticationProviderTest {

	private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-01T08:00:00Z"), ZoneOffset.UTC);

	/** Stands in for Argon2id: the provider's logic, not the hash, is under test. */
	private static final PasswordEncoder PLAIN = new PasswordEncoder() {

		@Override
		public String encode(CharSequence raw) {
			return "plain:" + raw;
		}

		@Override
		public boolean matches(CharSequence raw, String encoded) {
			return encode(raw).equals(encoded);
		}

	};

	private static RealmPasswordAuthenticationProvider provider(UserAccount account) {
		UserAccounts accounts = new UserAccounts() {

			@Override
			public Optional<UserAccount> findByPersonId(String personId) {
				return Optional.of(account).filter((found) -> found.personId().equals(personId));
			}

			@Override
			public boolean isActive(String personId) {
				return findByPersonId(personId).filter(UserAccount::enabled).isPresent();
			}

			@Override
			public Optional<LoginRecord> findForLogin(String realm, String username) {
				return Optional.of(account)
					.filter((found) -> found.realm().equals(realm) && found.username().equals(username))
					.map((found) -> new LoginRecord(found, PLAIN.encode("Right-Pass-1")));
			}

			@Override
			public boolean upsert(String realm, String username, Map<String, Object> claims, @Nullable String password) {
				throw new UnsupportedOperationException();
			}

		};
		return new RealmPasswordAuthenticationProvider(accounts, PLAIN, CLOCK, LoginThrottleTest.throttle(CLOCK));
	}

	@Test
	void whenAnAccountWhoseIdIsNotThePersonsLogsInThenThePrincipalIsThePerson() {
		UserAccount account = new UserAccount("account-2", "person-1", "e2e", "second", true, Map.of("name", "An"));

		Authentication login = provider(account).authenticate(new RealmPasswordToken("e2e", "second", "Right-Pass-1"));

		assertThat(login.getName()).isEqualTo("person-1");
		assertThat(LoginFacts.of(login)).get().satisfies((facts) -> {
			assertThat(facts.personId()).isEqualTo("person-1");
			assertThat(facts.realm()).isEqualTo("e2e");
			assertThat(facts.amr()).containsExactly("pwd");
		});
	}

	@Test
	void whenTheAccountIsDisabledOrItsPersonLockedThenTheRightPasswordIsRefused() {
		// a locked person's accounts read as disabled (JdbcUserAccounts)
		UserAccount disabled = new UserAccount("account-2", "person-1", "e2e", "second", false, Map.of());

		assertThatThrownBy(() -> provider(disabled).authenticate(new RealmPasswordToken("e2e", "second", "Right-Pass-1")))
			.isInstanceOf(BadCredentialsException.class);
	}

	@Test
	void whenThePasswordIsWrongThenBadCredentials() {
		UserAccount account = new UserAccount("account-2", "person-1", "e2e", "second", true, Map.of());

		assertThatThrownBy(() -> provider(account).authenticate(new RealmPasswordToken("e2e", "second", "wrong")))
			.isInstanceOf(BadCredentialsException.class);
	}

}
