package vn.thanglong.id.oidc;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationCode;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.security.oauth2.server.authorization.token.DefaultOAuth2TokenContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RotatingRefreshTokensTest {

	private static final Instant CODE_ISSUED = Instant.parse("2026-12-01T08:00:00Z");

	private static RegisteredClient client(Duration grantLifetime) {
		TokenSettings.Builder tokens = TokenSettings.builder().refreshTokenTimeToLive(Duration.ofHours(8));
		if (grantLifetime != null) {
			tokens.setting(RotatingRefreshTokens.GRANT_LIFETIME_SETTING, grantLifetime);
		}
		return RegisteredClient.withId("rp-id")
			.clientId("rp")
			.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
			.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
			.authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN)
			.redirectUri("https://rp.example/cb")
			.tokenSettings(tokens.build())
			.build();
	}

	private static OAuth2RefreshToken issueAt(Instant now, RegisteredClient client, boolean withCode) {
		OAuth2Authorization.Builder grant = OAuth2Authorization.withRegisteredClient(client)
			.principalName("person-1")
			.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE);
		if (withCode) {
			grant.token(new OAuth2AuthorizationCode("code", CODE_ISSUED, CODE_ISSUED.plusSeconds(60)));
		}
		return new RotatingRefreshTokens(Clock.fixed(now, ZoneOffset.UTC)).generate(DefaultOAuth2TokenContext.builder()
			.registeredClient(client)
			.authorization(grant.build())
			.tokenType(OAuth2TokenType.REFRESH_TOKEN)
			.build());
	}

	@Test
	void whenTheGrantIsYoungThenTheRefreshTokenLivesTheWholeRefreshLifetime() {
		Instant now = CODE_ISSUED.plus(Duration.ofDays(2));
		OAuth2RefreshToken token = issueAt(now, client(Duration.ofDays(30)), true);
		assertThat(token.getIssuedAt()).isEqualTo(now);
		assertThat(token.getExpiresAt()).isEqualTo(now.plus(Duration.ofHours(8)));
	}

	@Test
	void whenIssuedWithinASecondThenItExpiresOnAWholeSecondAsIntrospectionTellsIt() {
		Instant now = CODE_ISSUED.plus(Duration.ofDays(2)).plusMillis(700);
		assertThat(issueAt(now, client(Duration.ofDays(30)), true).getExpiresAt())
			.isEqualTo(CODE_ISSUED.plus(Duration.ofDays(2)).plus(Duration.ofHours(8)));
	}

	@Test
	void whenTheGrantEndsSoonerThanTheRefreshLifetimeThenTheRefreshTokenEndsWithTheGrant() {
		Instant now = CODE_ISSUED.plus(Duration.ofDays(30)).minus(Duration.ofHours(1));
		OAuth2RefreshToken token = issueAt(now, client(Duration.ofDays(30)), true);
		assertThat(token.getExpiresAt()).isEqualTo(CODE_ISSUED.plus(Duration.ofDays(30)));
	}

	@Test
	void whenRefreshedOverAndOverThenNoTokenOutlivesTheGrant() {
		RegisteredClient client = client(Duration.ofHours(20));
		for (Instant now = CODE_ISSUED; now.isBefore(CODE_ISSUED.plus(Duration.ofHours(20))); now = now
			.plus(Duration.ofHours(3))) {
			assertThat(issueAt(now, client, true).getExpiresAt()).isBeforeOrEqualTo(CODE_ISSUED.plus(Duration.ofHours(20)));
		}
	}

	@Test
	void whenTheCodeIsRedeemedAfterTheGrantsEndThenInvalidGrantAndNoToken() {
		RegisteredClient client = client(Duration.ofSeconds(6));
		assertThatThrownBy(() -> issueAt(CODE_ISSUED.plusSeconds(6), client, true))
			.isInstanceOfSatisfying(OAuth2AuthenticationException.class,
					(ex) -> assertThat(ex.getError().getErrorCode()).isEqualTo("invalid_grant"));
		assertThat(issueAt(CODE_ISSUED.plusSeconds(5), client, true).getExpiresAt()).isEqualTo(CODE_ISSUED.plusSeconds(6));
	}

	@Test
	void whenTheGrantEndsWithinASecondThenItHasEndedFromThatWholeSecondOn() {
		// the grant ends at 08:00:06.5; its tokens are told to end at 08:00:06, so none is issued after that
		RegisteredClient client = client(Duration.ofMillis(6500));
		assertThatThrownBy(() -> issueAt(CODE_ISSUED.plusMillis(6200), client, true))
			.isInstanceOfSatisfying(OAuth2AuthenticationException.class,
					(ex) -> assertThat(ex.getError().getErrorCode()).isEqualTo("invalid_grant"));
		assertThat(issueAt(CODE_ISSUED.plusMillis(5900), client, true).getExpiresAt()).isEqualTo(CODE_ISSUED.plusSeconds(6));
	}

	@Test
	void whenTheGrantHasNoCodeOrTheClientNoGrantLifetimeThenTheRefreshLifetimeAlone() {
		Instant now = CODE_ISSUED.plus(Duration.ofDays(400));
		assertThat(issueAt(now, client(Duration.ofDays(30)), false).getExpiresAt()).isEqualTo(now.plus(Duration.ofHours(8)));
		assertThat(issueAt(now, client(null), true).getExpiresAt()).isEqualTo(now.plus(Duration.ofHours(8)));
	}

	@Test
	void whenAskedForAnotherTokenTypeThenNothing() {
		assertThat(new RotatingRefreshTokens(Clock.systemUTC()).generate(DefaultOAuth2TokenContext.builder()
			.registeredClient(client(Duration.ofDays(1)))
			.tokenType(OAuth2TokenType.ACCESS_TOKEN)
			.build())).isNull();
	}

}
