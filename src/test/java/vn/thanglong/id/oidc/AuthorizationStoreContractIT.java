package vn.thanglong.id.oidc;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Principal;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.flywaydb.core.Flyway;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.oauth2.server.authorization.JdbcOAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationCode;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.transaction.support.TransactionTemplate;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;

import vn.thanglong.id.keys.KeyRing;
import vn.thanglong.id.support.TestServices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;

/**
 * The authorization store contract, run against both databases the server supports (H2 for
 * the embedded default, PostgreSQL for production): a grant is written, its refresh token
 * rotated in place, found by each token, and a replayed refresh token revokes the grant.
 */
class AuthorizationStoreContractIT {

	private static final RegisteredClient CLIENT = RegisteredClient.withId("client-row-1")
		.clientId("web")
		.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
		.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
		.authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN)
		.redirectUri("https://rp.example.test/cb")
		.scope("openid")
		.build();

	static Stream<String> databases() {
		// PostgreSQL rotates in one statement, committed with or without waiting for the WAL flush
		return Stream.of("h2", "postgresql", "postgresql-synchronous-commit");
	}

	private static DataSource dataSource(String kind) {
		DriverManagerDataSource dataSource = new DriverManagerDataSource();
		if (!kind.startsWith("postgresql")) {
			dataSource.setUrl("jdbc:h2:mem:authz-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
			dataSource.setUsername("sa");
		}
		else {
			TestServices.Database database = TestServices.freshPostgresDatabase("tlid_authz");
			dataSource.setUrl(database.url());
			dataSource.setUsername(database.user());
			dataSource.setPassword(database.password());
		}
		Flyway.configure().dataSource(dataSource).load().migrate();
		return dataSource;
	}

	private static ReuseDetectingAuthorizationService store(String kind, DataSource dataSource) {
		return store(kind, dataSource, false);
	}

	private static ReuseDetectingAuthorizationService store(String kind, DataSource dataSource, boolean jwtClaimsInRows) {
		JdbcTemplate jdbc = new JdbcTemplate(dataSource);
		JdbcClient client = JdbcClient.create(dataSource);
		InMemoryRegisteredClientRepository clients = new InMemoryRegisteredClientRepository(CLIENT);
		SelfContainedAccessTokens selfContained = new SelfContainedAccessTokens(new RevokedAccessTokens(client, Clock.systemUTC(), java.time.Duration.ZERO, 1),
				new RealmKeySources(mock(KeyRing.class)), mock(RealmRegisteredClientRepository.class), Clock.systemUTC());
		return new ReuseDetectingAuthorizationService(new AuthorizationRows(jdbc, clients, jwtClaimsInRows), client, Clock.systemUTC(),
				(id) -> Optional.of("realm"), new TransactionTemplate(new DataSourceTransactionManager(dataSource)),
				kind.startsWith("postgresql"), kind.equals("postgresql"), selfContained);
	}

	/** A grant of the code flow, consented, before any token. */
	private static OAuth2Authorization.Builder pending() {
		return OAuth2Authorization.withRegisteredClient(CLIENT)
			.id("grant-" + UUID.randomUUID())
			.principalName("an.nguyen")
			.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
			.authorizedScopes(Set.of("openid"))
			.attribute(Principal.class.getName(),
					UsernamePasswordAuthenticationToken.authenticated("an.nguyen", null, List.of()));
	}

	private static OAuth2Authorization grant(String accessToken, String refreshToken) {
		Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		return pending()
			.accessToken(new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, accessToken, now,
					now.plusSeconds(300), Set.of("openid")))
			.refreshToken(new OAuth2RefreshToken(refreshToken, now, now.plusSeconds(3600)))
			.build();
	}

	/** The save is refused as the token endpoint answers it: {@code invalid_grant}, saying why. */
	private static void assertInvalidGrant(ThrowingCallable save, String description) {
		assertThatThrownBy(save).isInstanceOfSatisfying(OAuth2AuthenticationException.class, (refused) -> {
			assertThat(refused.getError().getErrorCode()).isEqualTo("invalid_grant");
			assertThat(refused.getError().getDescription()).isEqualTo(description);
		});
	}

	@ParameterizedTest
	@MethodSource("databases")
	void whenGrantIsSavedAndRotatedThenItIsFoundByItsNewTokensAndTheOldRefreshTokenRevokesIt(String kind) {
		DataSource dataSource = dataSource(kind);
		ReuseDetectingAuthorizationService store = store(kind, dataSource);
		OAuth2Authorization first = grant("access-1", "refresh-1");

		store.save(first);
		// as the stock refresh provider does: found by the refresh token, then rotated
		store.save(rotatedTo(store.findByToken("refresh-1", OAuth2TokenType.REFRESH_TOKEN), "access-2", "refresh-2"));

		OAuth2Authorization found = store.findByToken("refresh-2", OAuth2TokenType.REFRESH_TOKEN);
		assertThat(found).isNotNull();
		assertThat(found.getId()).isEqualTo(first.getId());
		assertThat(found.getPrincipalName()).isEqualTo("an.nguyen");
		assertThat(found.<UsernamePasswordAuthenticationToken>getAttribute(Principal.class.getName()).getName())
			.isEqualTo("an.nguyen");
		assertThat(store.findByToken("access-2", OAuth2TokenType.ACCESS_TOKEN)).isNotNull();
		assertThat(store.findByToken("access-1", null)).isNull();
		assertThat(JdbcClient.create(dataSource).sql("select count(*) from oauth2_authorization").query(Integer.class)
			.single()).as("rotation rewrites the row, never adds one").isEqualTo(1);

		// RFC 9700 section 4.14.2: the replaced refresh token presented again revokes the grant
		assertThat(store.findByToken("refresh-1", OAuth2TokenType.REFRESH_TOKEN)).isNull();
		assertThat(store.findById(first.getId())).isNull();
		assertThat(store.findByToken("refresh-2", OAuth2TokenType.REFRESH_TOKEN)).isNull();
	}

	private static OAuth2Authorization rotatedTo(OAuth2Authorization found, String accessToken, String refreshToken) {
		// as the stock refresh provider builds it: from the authorization it found, attributes included
		return OAuth2Authorization.from(found)
			.accessToken(new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, accessToken, Instant.now(),
					Instant.now().plusSeconds(300), Set.of("openid")))
			.refreshToken(new OAuth2RefreshToken(refreshToken, Instant.now(), Instant.now().plusSeconds(3600)))
			.build();
	}

	/**
	 * PostgreSQL's one-statement rotation, on one connection throughout: the replaced token is
	 * recorded exactly when the rotation happened, and the relaxed commit ends with the statement
	 * (a pooled connection must not keep it for whatever runs on it next).
	 */
	@org.junit.jupiter.params.ParameterizedTest
	@org.junit.jupiter.params.provider.ValueSource(strings = { "postgresql", "postgresql-synchronous-commit" })
	void whenPostgresRotatesInOneStatementThenTheReplacedTokenIsRecordedOnceAndTheConnectionStaysSynchronous(
			String kind) throws Exception {
		org.springframework.jdbc.datasource.SingleConnectionDataSource connection = new org.springframework.jdbc.datasource.SingleConnectionDataSource(
				dataSource(kind).getConnection(), true);
		try {
			ReuseDetectingAuthorizationService store = store(kind, connection);
			JdbcTemplate jdbc = new JdbcTemplate(connection);
			OAuth2Authorization grant = grant("access-1", "refresh-1");
			store.save(grant);
			OAuth2Authorization seenByFirst = store.findByToken("refresh-1", OAuth2TokenType.REFRESH_TOKEN);
			OAuth2Authorization seenBySecond = store.findByToken("refresh-1", OAuth2TokenType.REFRESH_TOKEN);

			store.save(rotatedTo(seenByFirst, "access-2", "refresh-2"));
			assertThat(jdbc.queryForObject("select count(*) from used_refresh_token where authorization_id = ?",
					Integer.class, grant.getId())).as("the replaced token, recorded once").isEqualTo(1);
			assertThat(jdbc.queryForObject("show synchronous_commit", String.class)).isEqualTo("on");

			assertInvalidGrant(() -> store.save(rotatedTo(seenBySecond, "access-3", "refresh-3")),
					"The refresh token was already used.");
			assertThat(jdbc.queryForObject("select count(*) from used_refresh_token where token_hash = ?", Integer.class,
					ReuseDetectingAuthorizationService.digest("refresh-2")))
				.as("a rotation that lost records nothing").isZero();
		}
		finally {
			connection.destroy();
		}
	}

	@ParameterizedTest
	@MethodSource("databases")
	void whenTwoRequestsRedeemTheSameRefreshTokenAtOnceThenTheSecondGetsInvalidGrantAndTheGrantIsRevoked(String kind) {
		DataSource dataSource = dataSource(kind);
		ReuseDetectingAuthorizationService store = store(kind, dataSource);
		OAuth2Authorization grant = grant("access-1", "refresh-1");
		store.save(grant);
		// both requests found the grant by the same refresh token before either rotated it
		OAuth2Authorization seenByFirst = store.findByToken("refresh-1", OAuth2TokenType.REFRESH_TOKEN);
		OAuth2Authorization seenBySecond = store.findByToken("refresh-1", OAuth2TokenType.REFRESH_TOKEN);

		store.save(rotatedTo(seenByFirst, "access-2", "refresh-2"));

		assertInvalidGrant(() -> store.save(rotatedTo(seenBySecond, "access-3", "refresh-3")),
				"The refresh token was already used.");
		assertThat(store.findById(grant.getId())).as("a refresh token used twice revokes its grant").isNull();
		assertThat(store.findByToken("refresh-2", OAuth2TokenType.REFRESH_TOKEN)).isNull();
		assertThat(store.findByToken("refresh-3", OAuth2TokenType.REFRESH_TOKEN)).isNull();
	}

	@ParameterizedTest
	@MethodSource("databases")
	void whenAGrantIsRevokedWhileItsRefreshTokenIsRedeemedThenTheRotationDoesNotBringItBack(String kind) {
		DataSource dataSource = dataSource(kind);
		ReuseDetectingAuthorizationService store = store(kind, dataSource);
		OAuth2Authorization grant = grant("access-1", "refresh-1");
		store.save(grant);
		OAuth2Authorization found = store.findByToken("refresh-1", OAuth2TokenType.REFRESH_TOKEN);

		store.remove(store.findById(grant.getId()));

		assertInvalidGrant(() -> store.save(rotatedTo(found, "access-2", "refresh-2")), "The grant was revoked.");
		assertThat(store.findById(grant.getId())).isNull();
		assertThat(store.findByToken("refresh-2", OAuth2TokenType.REFRESH_TOKEN)).isNull();
	}

	@ParameterizedTest
	@MethodSource("databases")
	void whenARotationIsSavedThenThePresentedRefreshTokenIsNotWrittenWithTheGrant(String kind) {
		DataSource dataSource = dataSource(kind);
		ReuseDetectingAuthorizationService store = store(kind, dataSource);
		OAuth2Authorization grant = grant("access-1", "refresh-1");
		store.save(grant);

		store.save(rotatedTo(store.findByToken("refresh-1", OAuth2TokenType.REFRESH_TOKEN), "access-2", "refresh-2"));

		assertThat(JdbcClient.create(dataSource).sql("select attributes from oauth2_authorization").query(String.class)
			.single()).doesNotContain("refresh-1").doesNotContain("PRESENTED_REFRESH_TOKEN");
		OAuth2Authorization again = store.findByToken("refresh-2", OAuth2TokenType.REFRESH_TOKEN);
		store.save(rotatedTo(again, "access-3", "refresh-3"));
		assertThat(store.findByToken("refresh-3", OAuth2TokenType.REFRESH_TOKEN)).as("sequential rotations work")
			.isNotNull();
	}

	@ParameterizedTest
	@MethodSource("databases")
	void whenARefreshChangesOnlyTheTokensThenOnlyTheTokenColumnsAreWritten(String kind) {
		DataSource dataSource = dataSource(kind);
		ReuseDetectingAuthorizationService store = store(kind, dataSource);
		JdbcClient jdbc = JdbcClient.create(dataSource);
		OAuth2Authorization grant = grant("access-1", "refresh-1");
		store.save(grant);
		// the same JSON with a trailing space: a rewrite of the column would drop it
		jdbc.sql("update oauth2_authorization set attributes = attributes || ' '").update();
		String attributes = jdbc.sql("select attributes from oauth2_authorization").query(String.class).single();

		Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		// claims in the collection types the stock store's JSON accepts, as the ID token generator builds them
		Map<String, Object> claims = new LinkedHashMap<>();
		claims.put("sub", "an.nguyen");
		claims.put("aud", new ArrayList<>(List.of("web")));
		claims.put("auth_time", now);
		OidcIdToken idToken = new OidcIdToken("id-2", now, now.plusSeconds(300), claims);
		store.save(OAuth2Authorization.from(rotatedTo(store.findByToken("refresh-1", OAuth2TokenType.REFRESH_TOKEN),
				"access-2", "refresh-2"))
			.token(idToken, (metadata) -> metadata.put(OAuth2Authorization.Token.CLAIMS_METADATA_NAME, idToken.getClaims()))
			.build());

		assertThat(jdbc.sql("select attributes from oauth2_authorization").query(String.class).single())
			.as("attributes left as they were").isEqualTo(attributes);
		OAuth2Authorization found = store.findByToken("refresh-2", OAuth2TokenType.REFRESH_TOKEN);
		assertThat(found).isNotNull();
		assertThat(found.getAccessToken().getToken().getTokenValue()).isEqualTo("access-2");
		assertThat(found.getAccessToken().getToken().getScopes()).containsExactly("openid");
		assertThat(found.getToken(OidcIdToken.class).getToken().getTokenValue()).isEqualTo("id-2");
		assertThat(found.getToken(OidcIdToken.class).getClaims()).containsEntry("sub", "an.nguyen");
		assertThat(found.<UsernamePasswordAuthenticationToken>getAttribute(Principal.class.getName()).getName())
			.isEqualTo("an.nguyen");
		assertThat(store.findByToken("access-1", null)).isNull();
		// the replaced refresh token is remembered: presented again, it revokes the grant
		assertThat(store.findByToken("refresh-1", OAuth2TokenType.REFRESH_TOKEN)).isNull();
		assertThat(store.findById(grant.getId())).isNull();
	}

	@ParameterizedTest
	@MethodSource("databases")
	void whenARefreshChangesMoreThanTheTokensThenTheWholeGrantIsWritten(String kind) {
		DataSource dataSource = dataSource(kind);
		ReuseDetectingAuthorizationService store = store(kind, dataSource);
		store.save(grant("access-1", "refresh-1"));

		store.save(OAuth2Authorization.from(rotatedTo(store.findByToken("refresh-1", OAuth2TokenType.REFRESH_TOKEN),
				"access-2", "refresh-2"))
			.authorizedScopes(Set.of("openid", "profile"))
			.attribute("acr", "urn:thanglong:acr:password")
			.build());

		OAuth2Authorization found = store.findByToken("refresh-2", OAuth2TokenType.REFRESH_TOKEN);
		assertThat(found).isNotNull();
		assertThat(found.getAuthorizedScopes()).containsExactlyInAnyOrder("openid", "profile");
		assertThat(found.<String>getAttribute("acr")).isEqualTo("urn:thanglong:acr:password");
		assertThat(store.findByToken("refresh-1", OAuth2TokenType.REFRESH_TOKEN)).isNull();
		assertThat(store.findById(found.getId())).as("the replaced token revoked the grant").isNull();
	}

	@ParameterizedTest
	@MethodSource("databases")
	void whenARefreshTokenIsRevokedWhileItIsRedeemedThenTheRotationFailsAndNothingComesBack(String kind) {
		DataSource dataSource = dataSource(kind);
		ReuseDetectingAuthorizationService store = store(kind, dataSource);
		OAuth2Authorization grant = grant("access-1", "refresh-1");
		store.save(grant);
		OAuth2Authorization redeeming = store.findByToken("refresh-1", OAuth2TokenType.REFRESH_TOKEN);
		// the revocation endpoint finds the grant without a type hint and saves it invalidated
		OAuth2Authorization revoking = store.findByToken("refresh-1", null);
		store.save(OAuth2Authorization.from(revoking).invalidate(revoking.getRefreshToken().getToken()).build());

		assertInvalidGrant(() -> store.save(rotatedTo(redeeming, "access-2", "refresh-2")), "The grant was revoked.");
		assertThat(store.findById(grant.getId())).isNull();
		assertThat(store.findByToken("refresh-2", OAuth2TokenType.REFRESH_TOKEN)).isNull();
		assertThat(store.findByToken("access-2", OAuth2TokenType.ACCESS_TOKEN)).isNull();
	}

	@ParameterizedTest
	@MethodSource("databases")
	void whenAnAccessTokenIsRevokedFromACopyReadBeforeARotationThenTheReplacedRefreshTokenStaysReplaced(String kind) {
		DataSource dataSource = dataSource(kind);
		ReuseDetectingAuthorizationService store = store(kind, dataSource);
		OAuth2Authorization grant = grant("access-1", "refresh-1");
		store.save(grant);
		OAuth2Authorization revoking = store.findByToken("access-1", OAuth2TokenType.ACCESS_TOKEN);
		store.save(rotatedTo(store.findByToken("refresh-1", OAuth2TokenType.REFRESH_TOKEN), "access-2", "refresh-2"));

		store.save(OAuth2Authorization.from(revoking).invalidate(revoking.getAccessToken().getToken()).build());

		OAuth2Authorization current = store.findByToken("refresh-2", OAuth2TokenType.REFRESH_TOKEN);
		assertThat(current).as("the rotation stands").isNotNull();
		assertThat(current.getRefreshToken().isActive()).isTrue();
		assertThat(current.getAccessToken().getToken().getTokenValue()).isEqualTo("access-2");
		assertThat(store.findByToken("access-1", null)).isNull();
		// refresh-1 was not written back: presented again, it is a reuse
		assertThat(store.findByToken("refresh-1", OAuth2TokenType.REFRESH_TOKEN)).isNull();
		assertThat(store.findById(grant.getId())).isNull();
	}

	/**
	 * As the stock code provider saves a redemption: the tokens issued, and the code invalidated
	 * (a refresh token only for a client that has the grant type).
	 */
	private static OAuth2Authorization redeemed(OAuth2Authorization found, String accessToken,
			@Nullable String refreshToken) {
		OAuth2Authorization.Builder redeemed = OAuth2Authorization.from(found)
			.accessToken(new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, accessToken, Instant.now(),
					Instant.now().plusSeconds(300), Set.of("openid")));
		if (refreshToken != null) {
			redeemed.refreshToken(new OAuth2RefreshToken(refreshToken, Instant.now(), Instant.now().plusSeconds(3600)));
		}
		return redeemed.invalidate(found.getToken(OAuth2AuthorizationCode.class).getToken()).build();
	}

	static Stream<Arguments> databasesWithAndWithoutRefreshTokens() {
		return databases().flatMap((kind) -> Stream.of(Arguments.of(kind, true), Arguments.of(kind, false)));
	}

	@ParameterizedTest
	@MethodSource("databasesWithAndWithoutRefreshTokens")
	void whenAnAuthorizationCodeIsRedeemedTwiceAtOnceThenTheSecondGetsInvalidGrantAndTheGrantIsRevoked(String kind,
			boolean refreshTokens) {
		DataSource dataSource = dataSource(kind);
		ReuseDetectingAuthorizationService store = store(kind, dataSource);
		Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		OAuth2Authorization pending = pending().token(new OAuth2AuthorizationCode("code-1", now, now.plusSeconds(60)))
			.build();
		store.save(pending);
		OAuth2TokenType code = new OAuth2TokenType(OAuth2ParameterNames.CODE);
		OAuth2Authorization seenByFirst = store.findByToken("code-1", code);
		OAuth2Authorization seenBySecond = store.findByToken("code-1", code);

		store.save(redeemed(seenByFirst, "access-1", refreshTokens ? "refresh-1" : null));
		assertThat(store.findByToken("access-1", OAuth2TokenType.ACCESS_TOKEN)).as("the first redemption is stored")
			.isNotNull();

		assertInvalidGrant(() -> store.save(redeemed(seenBySecond, "access-2", refreshTokens ? "refresh-2" : null)),
				"The authorization code was already used.");
		assertThat(store.findById(pending.getId())).as("tokens issued from a reused code are revoked").isNull();
		assertThat(store.findByToken("access-1", OAuth2TokenType.ACCESS_TOKEN)).isNull();
		assertThat(store.findByToken("access-2", OAuth2TokenType.ACCESS_TOKEN)).isNull();
		assertThat(store.findByToken("refresh-1", OAuth2TokenType.REFRESH_TOKEN)).isNull();
		assertThat(store.findByToken("refresh-2", OAuth2TokenType.REFRESH_TOKEN)).isNull();
	}

	/** A code presented again after its redemption: the stock provider revokes; that save is written. */
	@ParameterizedTest
	@MethodSource("databases")
	void whenARedeemedCodeIsPresentedAgainThenTheRevocationOfItsTokensIsWritten(String kind) {
		DataSource dataSource = dataSource(kind);
		ReuseDetectingAuthorizationService store = store(kind, dataSource);
		Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		store.save(pending().token(new OAuth2AuthorizationCode("code-1", now, now.plusSeconds(60))).build());
		OAuth2TokenType code = new OAuth2TokenType(OAuth2ParameterNames.CODE);
		store.save(redeemed(store.findByToken("code-1", code), "access-1", null));

		OAuth2Authorization again = store.findByToken("code-1", code);
		store.save(OAuth2Authorization.from(again).invalidate(again.getAccessToken().getToken()).build());

		OAuth2Authorization revoked = store.findByToken("access-1", OAuth2TokenType.ACCESS_TOKEN);
		assertThat(revoked).isNotNull();
		assertThat(revoked.getAccessToken().isInvalidated()).isTrue();
		assertThat(revoked.getAttributes()).as("the marks of the look-up are never stored")
			.doesNotContainKeys(ReuseDetectingAuthorizationService.PRESENTED_CODE,
					ReuseDetectingAuthorizationService.PRESENTED_REFRESH_TOKEN);
	}

	/**
	 * The store's own row mapper reads a grant exactly as the stock one does (attributes, every
	 * token and its metadata), parses a given attributes value once, and never answers a changed
	 * row from what it parsed before.
	 */
	@ParameterizedTest
	@MethodSource("databases")
	void whenAGrantIsReadThenItIsWhatTheStockStoreReadsAndAChangedRowIsReadAsChanged(String kind) {
		DataSource dataSource = dataSource(kind);
		ReuseDetectingAuthorizationService store = store(kind, dataSource);
		Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		Map<String, Object> claims = new LinkedHashMap<>();
		claims.put("sub", "an.nguyen");
		claims.put("aud", new ArrayList<>(List.of("web")));
		claims.put("auth_time", now);
		OidcIdToken idToken = new OidcIdToken("id-1", now, now.plusSeconds(300), claims);
		OAuth2AuthorizationRequest request = OAuth2AuthorizationRequest.authorizationCode()
			.authorizationUri("https://id.example.test/realms/realm/oauth2/authorize")
			.clientId("web")
			.redirectUri("https://rp.example.test/cb")
			.scopes(Set.of("openid"))
			.state("state-1")
			.additionalParameters(Map.of("nonce", "nonce-1"))
			.build();
		OAuth2Authorization grant = OAuth2Authorization.from(grant("access-1", "refresh-1"))
			.attribute(OAuth2AuthorizationRequest.class.getName(), request)
			.token(new OAuth2AuthorizationCode("code-1", now, now.plusSeconds(60)),
					(metadata) -> metadata.put(OAuth2Authorization.Token.INVALIDATED_METADATA_NAME, true))
			.token(idToken, (metadata) -> metadata.put(OAuth2Authorization.Token.CLAIMS_METADATA_NAME, claims))
			.build();
		store.save(grant);
		JdbcTemplate jdbc = new JdbcTemplate(dataSource);
		InMemoryRegisteredClientRepository clients = new InMemoryRegisteredClientRepository(CLIENT);
		AuthorizationRowMapper mapper = new AuthorizationRowMapper(clients);
		String select = "select * from oauth2_authorization where id = ?";

		OAuth2Authorization stock = jdbc.queryForObject(select,
				new JdbcOAuth2AuthorizationService.JsonMapperOAuth2AuthorizationRowMapper(clients), grant.getId());
		OAuth2Authorization ours = jdbc.queryForObject(select, mapper, grant.getId());
		assertThat(ours).isEqualTo(stock);
		assertThat(ours.getAttributes()).isEqualTo(grant.getAttributes()).hasSize(2);
		assertThat(ours.getToken(OidcIdToken.class).getClaims()).isEqualTo(stock.getToken(OidcIdToken.class).getClaims())
			.containsEntry("auth_time", now);
		assertThat(ours.getToken(OAuth2AuthorizationCode.class).isInvalidated()).isTrue();

		OAuth2Authorization again = jdbc.queryForObject(select, mapper, grant.getId());
		assertThat(again.<Object>getAttribute(OAuth2AuthorizationRequest.class.getName()))
			.as("the same attributes text is parsed once").isSameAs(ours.getAttribute(OAuth2AuthorizationRequest.class.getName()));
		assertThat(mapper.parsedAttributesHeld()).isEqualTo(1);

		// another person written into the row: read as it now is, not as it was parsed before
		JdbcClient.create(dataSource)
			.sql("update oauth2_authorization set attributes = replace(attributes, 'an.nguyen', 'binh.tran')")
			.update();
		OAuth2Authorization changed = jdbc.queryForObject(select, mapper, grant.getId());
		assertThat(changed.<UsernamePasswordAuthenticationToken>getAttribute(Principal.class.getName()).getName())
			.isEqualTo("binh.tran");
		assertThat(changed).isEqualTo(jdbc.queryForObject(select,
				new JdbcOAuth2AuthorizationService.JsonMapperOAuth2AuthorizationRowMapper(clients), grant.getId()));
	}

	/**
	 * A JWT's claims are not written next to it (the token carries them), and read back in the
	 * types they were issued in: what introspection and the ID token's refresh (which copies
	 * {@code sid} and {@code auth_time}, the latter as a {@link Date}) read from the grant.
	 */
	@ParameterizedTest
	@MethodSource("databases")
	void whenTheTokensAreJwtsThenTheirClaimsAreReadFromThemInTheTypesTheyWereIssuedIn(String kind) throws Exception {
		DataSource dataSource = dataSource(kind);
		ReuseDetectingAuthorizationService store = store(kind, dataSource);
		KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
		generator.initialize(2048);
		KeyPair keys = generator.generateKeyPair();
		NimbusJwtEncoder encoder = new NimbusJwtEncoder(new ImmutableJWKSet<>(new JWKSet(
				new RSAKey.Builder((RSAPublicKey) keys.getPublic()).privateKey(keys.getPrivate()).keyID("k1").build())));
		// whole seconds: a JWT carries no fraction of a second
		Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		Jwt access = encoder.encode(JwtEncoderParameters.from(JwsHeader.with(SignatureAlgorithm.RS256).type("at+jwt").build(),
				JwtClaimsSet.builder()
					.issuer("https://id.example.test/realms/realm")
					.subject("pairwise-1")
					.audience(List.of("web", "https://id.example.test/realms/realm/api"))
					.issuedAt(now)
					.notBefore(now)
					.expiresAt(now.plusSeconds(300))
					.id("jti-1")
					.claim("scope", "openid profile")
					.claim("client_id", "web")
					.build()));
		Map<String, Object> address = new LinkedHashMap<>();
		address.put("locality", "Hà Nội");
		Jwt id = encoder.encode(JwtEncoderParameters.from(JwsHeader.with(SignatureAlgorithm.RS256).build(),
				JwtClaimsSet.builder()
					.issuer("https://id.example.test/realms/realm")
					.subject("pairwise-1")
					.audience(List.of("web"))
					.issuedAt(now)
					.expiresAt(now.plusSeconds(300))
					.claim("azp", "web")
					.claim("sid", "session-1")
					.claim("auth_time", Date.from(now.minusSeconds(60)))
					.claim("amr", new ArrayList<>(List.of("pwd")))
					.claim("email_verified", true)
					.claim("address", address)
					.build()));
		OAuth2Authorization grant = OAuth2Authorization.from(grant("access-0", "refresh-1"))
			.token(new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, access.getTokenValue(), access.getIssuedAt(),
					access.getExpiresAt(), Set.of("openid", "profile")),
					(metadata) -> metadata.put(OAuth2Authorization.Token.CLAIMS_METADATA_NAME, access.getClaims()))
			.token(new OidcIdToken(id.getTokenValue(), id.getIssuedAt(), id.getExpiresAt(), id.getClaims()),
					(metadata) -> metadata.put(OAuth2Authorization.Token.CLAIMS_METADATA_NAME, id.getClaims()))
			.build();
		store.save(grant);

		JdbcClient jdbc = JdbcClient.create(dataSource);
		assertThat(jdbc.sql("select access_token_metadata || oidc_id_token_metadata from oauth2_authorization")
			.query(String.class).single()).doesNotContain(OAuth2Authorization.Token.CLAIMS_METADATA_NAME, "pairwise-1");
		OAuth2Authorization found = store.findByToken(access.getTokenValue(), OAuth2TokenType.ACCESS_TOKEN);
		assertThat(found).isNotNull();
		assertThat(found.getAccessToken().getClaims()).isEqualTo(access.getClaims());
		assertThat(found.getAccessToken().getClaims().get("iss")).isInstanceOf(java.net.URL.class);
		assertThat(found.getAccessToken().getClaims().get("iat")).isEqualTo(now);
		assertThat(found.getToken(OidcIdToken.class).getClaims()).isEqualTo(id.getClaims());
		assertThat(found.getToken(OidcIdToken.class).getToken().getClaims()).isEqualTo(id.getClaims());
		assertThat(found.getToken(OidcIdToken.class).getToken().<Date>getClaim("auth_time"))
			.isEqualTo(Date.from(now.minusSeconds(60)));
		assertThat(found.getAccessToken().isInvalidated()).isFalse();

		// a rotation writes the new tokens lean too, and their claims are the new ones
		Jwt rotated = encoder.encode(JwtEncoderParameters.from(JwsHeader.with(SignatureAlgorithm.RS256).build(),
				JwtClaimsSet.builder().issuer("https://id.example.test/realms/realm").subject("pairwise-1")
					.issuedAt(now.plusSeconds(1)).expiresAt(now.plusSeconds(301)).claim("scope", "openid").build()));
		store.save(OAuth2Authorization.from(store.findByToken("refresh-1", OAuth2TokenType.REFRESH_TOKEN))
			.token(new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, rotated.getTokenValue(), rotated.getIssuedAt(),
					rotated.getExpiresAt(), Set.of("openid")),
					(metadata) -> metadata.put(OAuth2Authorization.Token.CLAIMS_METADATA_NAME, rotated.getClaims()))
			.refreshToken(new OAuth2RefreshToken("refresh-2", now, now.plusSeconds(3600)))
			.build());
		assertThat(jdbc.sql("select access_token_metadata || oidc_id_token_metadata from oauth2_authorization")
			.query(String.class).single()).as("the ID token carried over stays lean too")
			.doesNotContain(OAuth2Authorization.Token.CLAIMS_METADATA_NAME);
		assertThat(store.findByToken("refresh-2", OAuth2TokenType.REFRESH_TOKEN).getAccessToken().getClaims())
			.isEqualTo(rotated.getClaims());
	}

	/**
	 * During a rolling upgrade ({@code idp.authorizations.jwt-claims-in-rows}), rows keep the
	 * claims of their JWTs, so that nodes of the earlier version, whose stock mapper cannot read
	 * an ID token without them, read what the new nodes write.
	 */
	@ParameterizedTest
	@MethodSource("databases")
	void whenJwtClaimsAreKeptInRowsThenTheStockStoreReadsThem(String kind) {
		DataSource dataSource = dataSource(kind);
		ReuseDetectingAuthorizationService store = store(kind, dataSource, true);
		Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		Map<String, Object> claims = new LinkedHashMap<>();
		claims.put("sub", "pairwise-1");
		claims.put("sid", "session-1");
		claims.put("auth_time", Date.from(now));
		// shaped like a JWT: its claims would be left out by default
		OidcIdToken idToken = new OidcIdToken("eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJwYWlyd2lzZS0xIn0.c2ln", now,
				now.plusSeconds(300), claims);
		OAuth2Authorization grant = OAuth2Authorization.from(grant("access-1", "refresh-1"))
			.token(idToken, (metadata) -> metadata.put(OAuth2Authorization.Token.CLAIMS_METADATA_NAME, claims))
			.build();
		store.save(grant);

		InMemoryRegisteredClientRepository clients = new InMemoryRegisteredClientRepository(CLIENT);
		OAuth2Authorization stock = new JdbcTemplate(dataSource).queryForObject("select * from oauth2_authorization",
				new JdbcOAuth2AuthorizationService.JsonMapperOAuth2AuthorizationRowMapper(clients));
		assertThat(stock.getToken(OidcIdToken.class).getClaims()).isEqualTo(claims);
		assertThat(stock.getToken(OidcIdToken.class).getToken().<Date>getClaim("auth_time")).isEqualTo(Date.from(now));
	}

}
