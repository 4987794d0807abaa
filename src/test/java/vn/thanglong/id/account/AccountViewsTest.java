package vn.thanglong.id.account;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.context.support.StaticMessageSource;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.OidcUserInfo;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;

import static org.assertj.core.api.Assertions.assertThat;

class AccountViewsTest {

	private static final Locale VI = Locale.forLanguageTag("vi");

	private final StaticMessageSource messages = new StaticMessageSource();

	private final AccountViews views = new AccountViews(this.messages);

	AccountViewsTest() {
		this.messages.addMessage("account.claim.email", VI, "Thư điện tử");
		this.messages.addMessage("account.value.yes", VI, "Có");
		this.messages.addMessage("account.value.no", VI, "Không");
		this.messages.addMessage("account.value.verified", VI, "đã xác minh");
		this.messages.addMessage("account.value.unverified", VI, "chưa xác minh");
		this.messages.addMessage("account.amr.pwd", VI, "Mật khẩu");
	}

	private static DefaultOidcUser user(Map<String, Object> userInfo) {
		OidcIdToken idToken = OidcIdToken.withTokenValue("id-token")
			.subject("7f0c")
			.issuer("https://id.example.gov.vn/realms/hanoi")
			.audience(List.of("account-console"))
			.issuedAt(Instant.parse("2026-07-01T07:00:00Z"))
			.expiresAt(Instant.parse("2026-07-01T07:05:00Z"))
			.authTime(Instant.parse("2026-07-01T07:00:00Z"))
			.claim("acr", "http://eidas.europa.eu/LoA/low")
			.claim("amr", List.of("pwd"))
			.build();
		return new DefaultOidcUser(List.of(), idToken, new OidcUserInfo(userInfo));
	}

	@Test
	void whenUserInfoHasClaimsThenStandardOnesComeFirstWithLabelsAndWithoutSub() {
		AccountView view = this.views.of(user(Map.of("sub", "7f0c", "name", "Lê Thị Hoa", "email",
				"hoa.le@example.gov.vn", "email_verified", true, "x_custom", false)), VI);

		assertThat(view.name()).isEqualTo("Lê Thị Hoa");
		assertThat(view.subject()).isEqualTo("7f0c");
		assertThat(view.userInfo()).extracting(AccountView.Claim::name).containsExactly("name", "email", "x_custom");
		assertThat(view.userInfo().get(1).label()).isEqualTo("Thư điện tử");
		assertThat(view.userInfo().get(0).label()).as("no label: the claim's own name").isEqualTo("name");
	}

	@Test
	void whenVerificationFlagsAreReleasedThenTheyQualifyTheirValue() {
		AccountView view = this.views.of(user(Map.of("sub", "7f0c", "email", "hoa.le@example.gov.vn",
				"email_verified", true, "phone_number", "+84987654321", "phone_number_verified", false, "x_flag",
				false)), VI);

		assertThat(view.userInfo()).extracting(AccountView.Claim::values).containsExactly(
				List.of("hoa.le@example.gov.vn (đã xác minh)"), List.of("+84987654321 (chưa xác minh)"),
				List.of("Không"));
	}

	@Test
	void whenIdTokenIsShownThenIssuerAudienceTimeAndMethodsAppearInVietnamTime() {
		AccountView view = this.views.of(user(Map.of("sub", "7f0c")), VI);

		assertThat(view.idToken()).extracting(AccountView.Claim::name)
			.containsExactly("sub", "iss", "aud", "auth_time", "acr", "amr");
		assertThat(view.idToken().get(2).values()).containsExactly("account-console");
		assertThat(view.idToken().get(3).values().get(0)).contains("14:00:00").endsWith("(UTC+7)");
		assertThat(view.idToken().get(5).values()).containsExactly("Mật khẩu (pwd)");
		assertThat(view.userInfo()).isEmpty();
	}

	@Test
	void whenNoNameIsReleasedThenTheSubjectGreets() {
		assertThat(this.views.of(user(Map.of("sub", "7f0c")), VI).name()).isEqualTo("7f0c");
	}

	@Test
	void whenAddressHasNoFormattedFormThenOneLinePerPart() {
		AccountView view = this.views.of(user(Map.of("sub", "7f0c", "address",
				new java.util.LinkedHashMap<>(Map.of("locality", "Hà Nội")))), VI);

		assertThat(view.userInfo().get(0).values()).containsExactly("locality: Hà Nội");
	}

}
