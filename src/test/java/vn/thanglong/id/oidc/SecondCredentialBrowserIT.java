package vn.thanglong.id.oidc;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.RefreshTokenGrant;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.token.RefreshToken;
import com.nimbusds.openid.connect.sdk.AuthenticationResponseParser;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import com.nimbusds.openid.connect.sdk.claims.UserInfo;
import com.nimbusds.openid.connect.sdk.token.OIDCTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;

import vn.thanglong.id.identity.AgencyUnit;
import vn.thanglong.id.identity.AgencyUnits;
import vn.thanglong.id.identity.Hire;
import vn.thanglong.id.identity.NewPerson;
import vn.thanglong.id.identity.Person;
import vn.thanglong.id.identity.PersonProfile;
import vn.thanglong.id.identity.PersonalIdNumber;
import vn.thanglong.id.identity.Persons;
import vn.thanglong.id.identity.StaffLifecycle;
import vn.thanglong.id.identity.StaffRecord;
import vn.thanglong.id.support.Browser;
import vn.thanglong.id.support.BrowserProviderIT;
import vn.thanglong.id.support.RelyingParty;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One person, several credentials: a password account whose own id is not the person's id
 * logs in as that person, so an agency system gets the same {@code sub} and the person's
 * claims whichever credential was used (the login's principal is the person); and a person locked
 * after logging in gets no further token.
 */
class SecondCredentialBrowserIT extends BrowserProviderIT {

	private static final String SECOND_PASSWORD = "Second-Credential-31";

	@Autowired
	JdbcClient jdbc;

	@Autowired
	PasswordEncoder passwordEncoder;

	@Autowired
	AgencyUnits units;

	@Autowired
	StaffLifecycle staff;

	@Autowired
	Persons persons;

	private RelyingParty client(String clientId, String redirect) {
		return RelyingParty.discover(issuer("e2e"), clientId, clientId + "-secret-for-tests-only-0123456789abcdef",
				redirect, JWSAlgorithm.RS256);
	}

	/** A password account of its own id for {@code personId}, as another credential would be; answers its username. */
	private String secondCredential(String personId) {
		String accountId = UUID.randomUUID().toString();
		String username = "second-" + accountId.substring(0, 8);
		Timestamp now = Timestamp.from(Instant.now());
		this.jdbc.sql("insert into user_account (id, realm, username, password_hash, enabled, profile, person_id, "
				+ "created_at, updated_at) values (?, 'e2e', ?, ?, true, '{}', ?, ?, ?)")
			.params(accountId, username, this.passwordEncoder.encode(SECOND_PASSWORD), personId, now, now)
			.update();
		assertThat(accountId).isNotEqualTo(personId);
		return username;
	}

	/** A new person hired as Chuyên viên into a new unit (code {@code codePrefix} and a random number). */
	private StaffRecord hireNewcomer(String codePrefix, String unitName, String fullName) {
		String suffix = Integer.toString(ThreadLocalRandom.current().nextInt(100000, 999999));
		AgencyUnit unit = this.units.create("e2e", codePrefix + suffix, unitName, null, "test");
		PersonalIdNumber number = PersonalIdNumber.parse("001190" + suffix, Set.of());
		return this.staff.hire(new Hire(new NewPerson("e2e", PersonProfile.named(fullName), number), unit.id(),
				"Chuyên viên", LocalDate.now(), "test"), "test");
	}

	private String personOf(String username) {
		return this.jdbc.sql("select person_id from user_account where realm = 'e2e' and username = ?")
			.param(username)
			.query(String.class)
			.single();
	}

	/** The code flow on the browser's session, logging in first when asked to. */
	private static Tokens flow(RelyingParty rp, String scope, Browser.Session session, String username,
			String password) throws Exception {
		RelyingParty.Flow flow = rp.start(scope);
		session.open(flow.uri());
		if (username != null) {
			session.login(username, password);
		}
		AuthorizationCode code = AuthenticationResponseParser.parse(session.awaitCallback()).toSuccessResponse()
			.getAuthorizationCode();
		OIDCTokens tokens = rp.redeem(flow, code);
		IDTokenClaimsSet idToken = rp.validateIdToken(tokens.getIDToken(), flow.nonce());
		UserInfo userInfo = RelyingParty.parseUserInfo(rp.userInfo(tokens.getBearerAccessToken())).toSuccessResponse()
			.getUserInfo();
		return new Tokens(idToken, userInfo, tokens);
	}

	private record Tokens(IDTokenClaimsSet idToken, UserInfo userInfo, OIDCTokens issued) {

		String subject() {
			assertThat(this.userInfo.getSubject()).as("userinfo sub equals the ID token's (OIDC Core 5.3.2)")
				.isEqualTo(this.idToken.getSubject());
			return this.idToken.getSubject().getValue();
		}

	}

	@Test
	void whenAPersonLogsInWithASecondCredentialThenAgenciesGetTheSameSubAndThePersonsClaims() throws Exception {
		String person = personOf("citizen");
		String second = secondCredential(person);
		RelyingParty sectorA = client("sector-a", "https://a.sector.example.test/callback");
		RelyingParty open = client("public-sub", "https://public.example.test/callback");

		String viaCitizen;
		try (Browser.Session session = browser.newSession()) {
			viaCitizen = flow(sectorA, "openid profile", session, "citizen", "Correct-Horse-42").subject();
		}
		try (Browser.Session session = browser.newSession()) {
			Tokens viaSecond = flow(sectorA, "openid profile", session, second, SECOND_PASSWORD);
			assertThat(viaSecond.subject()).as("the pairwise sub of the person, not of the account")
				.isEqualTo(viaCitizen);
			assertThat(viaSecond.userInfo().getName()).isEqualTo("Lê Thị Hoa");
			assertThat(viaSecond.userInfo().getPreferredUsername())
				.as("the person's claims, from their oldest account, whichever credential logged in")
				.isEqualTo("citizen");

			Tokens publicSubject = flow(open, "openid profile", session, null, null);
			assertThat(publicSubject.subject()).as("a public sub is the person's own id").isEqualTo(person);
			assertThat(publicSubject.userInfo().getName()).isEqualTo("Lê Thị Hoa");
		}
	}

	@Test
	void whenACivilServantLogsInWithACredentialOfAnotherIdThenTheStaffClaimsAreReleased() throws Exception {
		StaffRecord hired = hireNewcomer("T", "UBND Phường Cửa Nam", "Trần Thị Bình");
		String username = secondCredential(hired.personId());
		RelyingParty hr = RelyingParty.discover(issuer("e2e"), "agency-hr",
				"agency-hr-secret-for-tests-only-0123456789abcdef", "https://hr.example.test/callback", JWSAlgorithm.RS256);

		try (Browser.Session session = browser.newSession()) {
			Tokens tokens = flow(hr, "openid profile staff", session, username, SECOND_PASSWORD);
			assertThat(tokens.idToken().getStringClaim("staff_id")).isEqualTo(hired.staffId());
			assertThat(tokens.idToken().getStringClaim("position")).isEqualTo("Chuyên viên");
			assertThat(tokens.userInfo().getStringClaim("staff_id")).isEqualTo(hired.staffId());
			assertThat(tokens.userInfo().getName()).isEqualTo("Trần Thị Bình");
			tokens.subject();
		}
	}

	@Test
	void whenThePersonIsLockedAfterLoggingInThenRefreshIsInvalidGrantUntilUnlocked() throws Exception {
		StaffRecord hired = hireNewcomer("L", "UBND Phường Hàng Bạc", "Đỗ Văn Khoá");
		String username = secondCredential(hired.personId());
		RelyingParty hr = client("agency-hr", "https://hr.example.test/callback");
		RefreshToken refresh;
		try (Browser.Session session = browser.newSession()) {
			refresh = flow(hr, "openid profile", session, username, SECOND_PASSWORD).issued().getRefreshToken();
		}
		assertThat(refresh).isNotNull();

		Person locked = this.persons.lock(hired.personId(), this.persons.findById(hired.personId()).orElseThrow().version(),
				"test");
		TokenResponse refused = RelyingParty.parseTokens(hr.token(new RefreshTokenGrant(refresh)));
		assertThat(refused.indicatesSuccess()).isFalse();
		assertThat(refused.toErrorResponse().getErrorObject().getCode()).isEqualTo("invalid_grant");
		assertThat(refused.toErrorResponse().getErrorObject().getDescription()).contains("locked or disabled");

		this.persons.unlock(hired.personId(), locked.version(), "test");
		TokenResponse again = RelyingParty.parseTokens(hr.token(new RefreshTokenGrant(refresh)));
		assertThat(again.indicatesSuccess()).as("the refused refresh token was not used up").isTrue();
	}

}
