package vn.thanglong.id.oidc;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.openid.connect.sdk.AuthenticationResponse;
import com.nimbusds.openid.connect.sdk.AuthenticationResponseParser;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import com.nimbusds.openid.connect.sdk.claims.UserInfo;
import com.nimbusds.openid.connect.sdk.token.OIDCTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import vn.thanglong.id.audit.AuditLog;
import vn.thanglong.id.audit.AuditQuery;
import vn.thanglong.id.identity.AgencyUnit;
import vn.thanglong.id.identity.AgencyUnits;
import vn.thanglong.id.identity.Hire;
import vn.thanglong.id.identity.NewPerson;
import vn.thanglong.id.identity.Person;
import vn.thanglong.id.identity.PersonalIdNumber;
import vn.thanglong.id.identity.Persons;
import vn.thanglong.id.identity.StaffLifecycle;
import vn.thanglong.id.identity.StaffRecord;
import vn.thanglong.id.support.Browser;
import vn.thanglong.id.support.BrowserProviderIT;
import vn.thanglong.id.support.RelyingParty;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The identity model's claims as an agency system receives them through the real protocol:
 * a civil servant's staff claims, and the personal identification number only to a client
 * allowed it, with the user's consent, at userinfo, and audited.
 */
class IdentityClaimsBrowserIT extends BrowserProviderIT {

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Persons persons;

	@Autowired
	AgencyUnits units;

	@Autowired
	StaffLifecycle staff;

	@Autowired
	AuditLog audit;

	@Autowired
	vn.thanglong.id.identity.Organizations organizations;

	private RelyingParty hr() {
		return RelyingParty.discover(issuer("e2e"), "agency-hr", "agency-hr-secret-for-tests-only-0123456789abcdef",
				"https://hr.example.test/callback", JWSAlgorithm.RS256);
	}

	/** The test user {@code officer} as a civil servant of a ward of a district of the city. */
	private StaffRecord hireOfficer(String pin) {
		String suffix = Integer.toString(ThreadLocalRandom.current().nextInt(100000, 999999));
		AgencyUnit city = this.units.create("e2e", "T" + suffix, "UBND Thành phố", null, "test");
		AgencyUnit district = this.units.create("e2e", "T" + suffix + ".01", "UBND Quận Hoàn Kiếm", city.id(), "test");
		AgencyUnit ward = this.units.create("e2e", "T" + suffix + ".01.07", "UBND Phường Tràng Tiền", district.id(), "test");
		String id = this.jdbc.sql("select id from user_account where realm = 'e2e' and username = 'officer'")
			.query(String.class).single();
		Person officer = this.persons.findById(id).orElseThrow();
		PersonalIdNumber number = PersonalIdNumber.parse(pin, Set.of());
		if (officer.personalIdNumber() == null) {
			officer = this.persons.recordPersonalIdNumber(id, officer.version(), number, "test");
		}
		return this.staff.hire(new Hire(new NewPerson("e2e", officer.profile(), officer.personalIdNumber()), ward.id(),
				"Chuyên viên", LocalDate.now(), "test"), "test");
	}

	@Test
	void whenCivilServantLogsInThenAgencyGetsStaffClaimsAndTheIdNumberOnlyAtUserinfoAfterConsent() throws Exception {
		String pin = "001085" + ThreadLocalRandom.current().nextInt(100000, 999999);
		StaffRecord hired = hireOfficer(pin);
		RelyingParty rp = hr();
		RelyingParty.Flow flow = rp.start("openid profile staff national_id");
		try (Browser.Session session = browser.newSession()) {
			session.open(flow.uri());
			session.login("officer", "Officer-Pass-77");
			// consentRequired is false for this client, yet the ID number is asked for
			session.page().waitForURL("**/consent**");
			assertThat(session.page().textContent("main")).contains("Số định danh cá nhân");
			session.page().click("#allow");
			AuthorizationCode code = AuthenticationResponseParser.parse(session.awaitCallback()).toSuccessResponse()
				.getAuthorizationCode();
			OIDCTokens tokens = rp.redeem(flow, code);

			IDTokenClaimsSet idToken = rp.validateIdToken(tokens.getIDToken(), flow.nonce());
			assertThat(idToken.getStringClaim("staff_id")).isEqualTo(hired.staffId());
			assertThat(idToken.getStringClaim("position")).isEqualTo("Chuyên viên");
			assertThat(idToken.getStringClaim("agency_code")).endsWith(".01.07");
			assertThat(idToken.getStringListClaim("unit_path")).containsExactly("UBND Thành phố",
					"UBND Quận Hoàn Kiếm", "UBND Phường Tràng Tiền");
			assertThat(idToken.getClaim("national_id")).as("never in an ID token").isNull();

			UserInfo userInfo = RelyingParty.parseUserInfo(rp.userInfo(tokens.getBearerAccessToken()))
				.toSuccessResponse().getUserInfo();
			assertThat(userInfo.getStringClaim("national_id")).isEqualTo(pin);
			assertThat(userInfo.getStringClaim("staff_id")).isEqualTo(hired.staffId());
			assertThat(userInfo.getSubject().getValue()).isEqualTo(idToken.getSubject().getValue());
		}
		assertThat(this.audit.page(AuditQuery.target("person", hired.personId()), null, 20).events())
			.anySatisfy((event) -> {
				assertThat(event.action()).isEqualTo("NationalIdReleased");
				assertThat(event.actor()).isEqualTo("agency-hr");
				assertThat(String.valueOf(event.afterState())).doesNotContain(pin);
			});
	}

	/** A valid tax code: nine random digits and their check digit (standards.md). */
	private static vn.thanglong.id.identity.TaxCode randomTaxCode() {
		int[] weights = { 31, 29, 23, 19, 17, 13, 7, 5, 3 };
		while (true) {
			StringBuilder digits = new StringBuilder();
			int sum = 0;
			for (int weight : weights) {
				int digit = ThreadLocalRandom.current().nextInt(10);
				digits.append(digit);
				sum += weight * digit;
			}
			int check = 10 - (sum % 11);
			if (check < 10) {
				return vn.thanglong.id.identity.TaxCode.parse(digits.toString() + check).orElseThrow();
			}
		}
	}

	@Test
	void whenBusinessRepresentativePicksAnOrganizationThenTokensCarryItsCodeNameAndRole() throws Exception {
		String citizen = this.jdbc.sql("select id from user_account where realm = 'e2e' and username = 'citizen'")
			.query(String.class).single();
		vn.thanglong.id.identity.Organization first = this.organizations.register(randomTaxCode(), "Công ty TNHH Sen Vàng", "test");
		vn.thanglong.id.identity.Organization second = this.organizations.register(randomTaxCode(), "Hợp tác xã Hoa Đào", "test");
		this.organizations.grantMembership(first.id(), citizen, vn.thanglong.id.identity.MembershipRole.AUTHORIZED_EMPLOYEE,
				LocalDate.now().minusDays(1), null, "test");
		this.organizations.grantMembership(second.id(), citizen, vn.thanglong.id.identity.MembershipRole.LEGAL_REPRESENTATIVE,
				LocalDate.now().minusDays(1), null, "test");
		RelyingParty rp = RelyingParty.discover(issuer("e2e"), "business-portal",
				"business-portal-secret-for-tests-only-0123456789", "https://business.example.test/callback",
				JWSAlgorithm.RS256);
		RelyingParty.Flow flow = rp.start("openid organization");
		try (Browser.Session session = browser.newSession()) {
			session.open(flow.uri());
			session.login("citizen", "Correct-Horse-42");
			session.page().waitForURL("**/consent**");
			assertThat(session.page().textContent("fieldset")).contains("Công ty TNHH Sen Vàng").contains("Hợp tác xã Hoa Đào");
			session.page().locator("fieldset label", new com.microsoft.playwright.Page.LocatorOptions().setHasText("Hoa Đào"))
				.locator("input").check();
			session.page().click("#allow");
			AuthorizationCode code = AuthenticationResponseParser.parse(session.awaitCallback()).toSuccessResponse()
				.getAuthorizationCode();
			OIDCTokens tokens = rp.redeem(flow, code);

			IDTokenClaimsSet idToken = rp.validateIdToken(tokens.getIDToken(), flow.nonce());
			assertThat(idToken.getJSONObjectClaim("organization")).containsEntry("tax_code", second.taxCode().toString())
				.containsEntry("name", "Hợp tác xã Hoa Đào")
				.containsEntry("role", "legal_representative");
			UserInfo userInfo = RelyingParty.parseUserInfo(rp.userInfo(tokens.getBearerAccessToken())).toSuccessResponse()
				.getUserInfo();
			assertThat(userInfo.getJSONObjectClaim("organization")).containsEntry("tax_code", second.taxCode().toString());
		}
	}

	@Test
	void whenClientNotAllowedTheIdNumberAsksForItThenInvalidScopeAtItsRedirectUri() throws Exception {
		RelyingParty webApp = RelyingParty.discover(issuer("e2e"), "web-app", AuthorizationCodeFlowBrowserIT.WEB_SECRET,
				"https://rp.example.test/callback", JWSAlgorithm.RS256);
		RelyingParty.Flow flow = webApp.start("openid national_id");
		try (Browser.Session session = browser.newSession()) {
			session.open(flow.uri());
			AuthenticationResponse response = AuthenticationResponseParser.parse(session.awaitCallback());
			assertThat(response.indicatesSuccess()).isFalse();
			assertThat(response.toErrorResponse().getErrorObject().getCode()).isEqualTo("invalid_scope");
		}
	}

}
