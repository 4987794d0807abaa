package vn.thanglong.id.oidc;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenIntrospection;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2TokenIntrospectionAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;

import static org.assertj.core.api.Assertions.assertThat;

/** Which client is told about which token ({@link PermittedIntrospectionProvider}). */
class PermittedIntrospectionProviderTest {

	private static final String TOKEN = "token-value";

	private static RegisteredClient client(String clientId, Set<String> introspectsTokensOf) {
		return RegisteredClient.withId(clientId + "-id")
			.clientId(clientId)
			.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
			.authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
			.clientSettings(ClientSettings.builder()
				.setting(PermittedIntrospectionProvider.INTROSPECTS_TOKENS_OF_SETTING, introspectsTokensOf)
				.build())
			.build();
	}

	/** What {@code caller} is told about an active access token of {@code issuedTo}. */
	private static OAuth2TokenIntrospectionAuthenticationToken askedBy(RegisteredClient caller, String issuedTo,
			List<String> audience) {
		return askedBy(caller, issuedTo, audience, "Bearer");
	}

	/**
	 * What {@code caller} is told about an active token of {@code issuedTo}, of {@code tokenType}
	 * ({@code null} for a refresh token, as the stock provider answers).
	 */
	private static OAuth2TokenIntrospectionAuthenticationToken askedBy(RegisteredClient caller, String issuedTo,
			List<String> audience, String tokenType) {
		OAuth2ClientAuthenticationToken authenticated = new OAuth2ClientAuthenticationToken(caller,
				ClientAuthenticationMethod.CLIENT_SECRET_BASIC, null);
		OAuth2TokenIntrospection active = OAuth2TokenIntrospection.builder(true)
			.clientId(issuedTo)
			.subject("pairwise-subject-of-" + issuedTo)
			.audiences((values) -> values.addAll(audience))
			.expiresAt(Instant.now().plusSeconds(300))
			.claims((claims) -> {
				if (tokenType != null) {
					claims.put("token_type", tokenType);
				}
			})
			.build();
		PermittedIntrospectionProvider provider = new PermittedIntrospectionProvider(new StubProvider(
				new OAuth2TokenIntrospectionAuthenticationToken(TOKEN, authenticated, active)));
		return (OAuth2TokenIntrospectionAuthenticationToken) provider.authenticate(
				new OAuth2TokenIntrospectionAuthenticationToken(TOKEN, authenticated, null, null));
	}

	@Test
	void whenTheTokenWasIssuedToTheCallerThenItIsToldAll() {
		OAuth2TokenIntrospection claims = askedBy(client("portal", Set.of()), "portal", List.of("portal"))
			.getTokenClaims();
		assertThat(claims.isActive()).isTrue();
		assertThat(claims.getSubject()).isEqualTo("pairwise-subject-of-portal");
	}

	@Test
	void whenTheTokenNamesTheCallerAsAudienceThenItIsToldAll() {
		assertThat(askedBy(client("records-api", Set.of()), "portal", List.of("portal", "records-api"))
			.getTokenClaims().isActive()).isTrue();
	}

	@Test
	void whenTheCallerIsRegisteredForTheTokensClientThenItIsToldAll() {
		assertThat(askedBy(client("records-api", Set.of("kiosk", "portal")), "portal", List.of("portal"))
			.getTokenClaims().isActive()).isTrue();
	}

	@Test
	void whenTheTokenIsAnotherClientsThenTheAnswerIsThatOfAnUnknownToken() {
		OAuth2TokenIntrospectionAuthenticationToken answer = askedBy(client("records-api", Set.of("kiosk")), "portal",
				List.of("portal"));
		assertThat(answer.getTokenClaims().isActive()).isFalse();
		// RFC 7662 section 2.2: nothing but active=false, not even whose token it is
		assertThat(answer.getTokenClaims().getClaims()).containsOnlyKeys("active");
		assertThat(answer.getToken()).isEqualTo(TOKEN);
	}

	@Test
	void whenARefreshTokenIsAskedAboutThenOnlyItsOwnClientIsToldAnything() {
		// RFC 6749 section 10.4: a refresh token is never sent to a resource server
		assertThat(askedBy(client("records-api", Set.of("portal")), "portal", List.of(), null).getTokenClaims()
			.isActive()).isFalse();
		assertThat(askedBy(client("portal", Set.of()), "portal", List.of(), null).getTokenClaims().isActive()).isTrue();
	}

	@Test
	void whenTheClientHasNoIntrospectionSettingThenOnlyItsOwnTokens() {
		RegisteredClient bare = RegisteredClient.withId("old-id")
			.clientId("old")
			.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
			.authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
			.build();
		assertThat(askedBy(bare, "portal", List.of("portal")).getTokenClaims().isActive()).isFalse();
		assertThat(askedBy(bare, "old", List.of("old")).getTokenClaims().isActive()).isTrue();
	}

	private record StubProvider(OAuth2TokenIntrospectionAuthenticationToken answer)
			implements org.springframework.security.authentication.AuthenticationProvider {

		@Override
		public org.springframework.security.core.Authentication authenticate(
				org.springframework.security.core.Authentication authentication) {
			return this.answer;
		}

		@Override
		public boolean supports(Class<?> authentication) {
			return OAuth2TokenIntrospectionAuthenticationToken.class.isAssignableFrom(authentication);
		}

	}

}
