package vn.thanglong.id.oidc;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Instant;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.RefreshTokenGrant;
import com.nimbusds.oauth2.sdk.TokenErrorResponse;
import com.nimbusds.oauth2.sdk.TokenIntrospectionRequest;
import com.nimbusds.oauth2.sdk.TokenIntrospectionResponse;
import com.nimbusds.oauth2.sdk.TokenIntrospectionSuccessResponse;
import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.token.AccessToken;
import com.nimbusds.oauth2.sdk.token.RefreshToken;
import com.nimbusds.oauth2.sdk.token.Token;
import com.nimbusds.openid.connect.sdk.AuthenticationErrorResponse;
import com.nimbusds.openid.connect.sdk.AuthenticationResponse;
import com.nimbusds.openid.connect.sdk.AuthenticationResponseParser;
import com.nimbusds.openid.connect.sdk.AuthenticationSuccessResponse;
import com.nimbusds.openid.connect.sdk.LogoutRequest;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.UserInfoSuccessResponse;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import com.nimbusds.openid.connect.sdk.token.OIDCTokens;
import org.junit.jupiter.api.Test;

import vn.thanglong.id.support.Browser;
import vn.thanglong.id.support.BrowserProviderIT;
import vn.thanglong.id.support.RawHttp;
import vn.thanglong.id.support.RelyingParty;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The authorization code flow as a citizen and an agency system live it: a real browser
 * logs in and consents, the agency system (Nimbus SDK) validates the ID token against the
 * JWKS, reads userinfo, refreshes, introspects, revokes and logs out.
 */
class AuthorizationCodeFlowBrowserIT extends BrowserProviderIT {

	static final String WEB_SECRET = "web-app-secret-for-tests-only-0123456789";


	private RelyingParty webApp() {
		return RelyingParty.discover(issuer("e2e"), "web-app", WEB_SECRET, "https://rp.example.test/callback",
				JWSAlgorithm.RS256);
	}

	private static AuthenticationSuccessResponse success(URI callback) throws Exception {
		AuthenticationResponse response = AuthenticationResponseParser.parse(callback);
		assertThat(response.indicatesSuccess()).as("authorization response %s", callback).isTrue();
		return response.toSuccessResponse();
	}

	@Test
	void whenCitizenLogsInAndConsentsThenAgencyGetsValidatedTokensAndClaims() throws Exception {
		RelyingParty rp = webApp();
		RelyingParty.Flow flow = rp.start("openid profile email offline_access");
		try (Browser.Session session = browser.newSession()) {
			session.open(flow.uri());
			assertThat(session.page().url()).contains("/realms/e2e/login");
			session.login("citizen", "Correct-Horse-42");
			session.page().waitForURL("**/consent**");
			assertThat(session.page().textContent("h1")).contains("Cổng thử nghiệm");
			session.page().click("#allow");
			AuthenticationSuccessResponse response = success(session.awaitCallback());

			assertThat(response.getState()).isEqualTo(flow.state());
			assertThat(response.getIssuer().getValue()).isEqualTo(issuer("e2e"));
			HTTPResponse tokenHttp = rp.exchange(flow, response.getAuthorizationCode());
			assertThat(tokenHttp.getHeaderValue("Cache-Control")).contains("no-store");
			TokenResponse parsed = RelyingParty.parseTokens(tokenHttp);
			assertThat(parsed.indicatesSuccess()).as(tokenHttp.getBody()).isTrue();
			OIDCTokens tokens = ((OIDCTokenResponse) parsed).getOIDCTokens();

			IDTokenClaimsSet idToken = rp.validateIdToken(tokens.getIDToken(), flow.nonce());
			assertThat(idToken.getSubject().getValue()).isNotBlank().isNotEqualTo("citizen");
			assertThat(idToken.getAuthenticationTime()).isNotNull();
			assertThat(idToken.getAuthenticationTime().toInstant()).isBefore(Instant.now().plusSeconds(1));
			assertThat(idToken.getACR().getValue()).isEqualTo("http://eidas.europa.eu/LoA/low");
			assertThat(idToken.getAMR()).extracting(Object::toString).containsExactly("pwd");
			assertThat(idToken.getSessionID()).as("sid, of this login (PairwiseSubjectBrowserIT)").isNotNull();
			assertThat(idToken.getExpirationTime().getTime() - idToken.getIssueTime().getTime())
				.as("web-app's idTokenLifetime is the default PT5M, not the library's 30 minutes").isEqualTo(300_000L);

			HTTPResponse userInfoHttp = rp.userInfo(tokens.getBearerAccessToken());
			assertThat(userInfoHttp.getStatusCode()).as("userinfo %s %s", userInfoHttp.getHeaderMap(),
					userInfoHttp.getBody()).isEqualTo(200);
			UserInfoSuccessResponse userInfo = RelyingParty.parseUserInfo(userInfoHttp).toSuccessResponse();
			assertThat(userInfo.getUserInfo().getSubject()).isEqualTo(idToken.getSubject());
			assertThat(userInfo.getUserInfo().getName()).isEqualTo("Lê Thị Hoa");
			assertThat(userInfo.getUserInfo().getEmailAddress()).isEqualTo("hoa.le@example.gov.vn");
			assertThat(userInfo.getUserInfo().getPhoneNumber()).as("phone scope was not requested").isNull();
			// RFC 6750 section 2.2: the token in a form-encoded body is accepted at userinfo too
			HttpResponse<String> inBody = new RawHttp().postForm(
					issuer("e2e") + "/userinfo", "access_token=" + tokens.getAccessToken().getValue());
			assertThat(inBody.statusCode()).as(inBody.body()).isEqualTo(200);
			assertThat(inBody.body()).contains(idToken.getSubject().getValue());

			TokenIntrospectionSuccessResponse introspection = rp.introspect(tokens.getAccessToken())
				.toSuccessResponse();
			assertThat(introspection.isActive()).isTrue();
			assertThat(introspection.getClientID().getValue()).isEqualTo("web-app");
			// RFC 7662 section 2.2: the access token's own claims (the grant's row keeps them only in the token)
			com.nimbusds.jwt.JWTClaimsSet accessClaims = com.nimbusds.jwt.SignedJWT
				.parse(tokens.getAccessToken().getValue()).getJWTClaimsSet();
			assertThat(introspection.getIssuer().getValue()).isEqualTo(issuer("e2e"));
			assertThat(introspection.getSubject().getValue()).isEqualTo(idToken.getSubject().getValue());
			assertThat(introspection.getAudience()).extracting(Object::toString).contains("web-app");
			assertThat(introspection.getScope().toStringList()).contains("openid", "profile", "email");
			assertThat(introspection.getJWTID().getValue()).isEqualTo(accessClaims.getJWTID());
			assertThat(introspection.getIssueTime()).isEqualTo(accessClaims.getIssueTime());
			assertThat(introspection.getExpirationTime()).isEqualTo(accessClaims.getExpirationTime());
			assertThat(introspection.getTokenType().getValue()).isEqualTo("Bearer");
			// RFC 7662 section 4: web-app's resource server (records-api, registered for its tokens) is told
			// the same; another agency system of the realm is told nothing, not even whose pairwise sub it is
			assertThat(introspectAs(IntrospectionRevocationIT.recordsApi(), tokens.getAccessToken()).toJSONObject())
				.isEqualTo(introspection.toJSONObject());
			TokenIntrospectionSuccessResponse byStranger = introspectAs(IntrospectionRevocationIT.service(),
					tokens.getAccessToken());
			assertThat(byStranger.isActive()).as("another client's token").isFalse();
			assertThat(byStranger.toJSONObject().keySet()).containsExactly("active");
			assertThat(introspectAs(IntrospectionRevocationIT.service(), tokens.getRefreshToken()).isActive())
				.as("nor its refresh token").isFalse();
			// RFC 6749 section 10.4: a refresh token goes to the authorization server only, never to a resource server
			assertThat(introspectAs(IntrospectionRevocationIT.recordsApi(), tokens.getRefreshToken()).isActive())
				.as("a refresh token is its client's alone").isFalse();
			assertThat(rp.introspect(tokens.getRefreshToken()).toSuccessResponse().isActive()).isTrue();

			// refresh rotates; the old refresh token is refused and takes its grant with it
			RefreshToken first = tokens.getRefreshToken();
			assertThat(first).isNotNull();
			TokenResponse refreshed = RelyingParty.parseTokens(rp.token(new RefreshTokenGrant(first)));
			assertThat(refreshed.indicatesSuccess()).isTrue();
			com.nimbusds.jwt.JWTClaimsSet refreshedIdToken = ((OIDCTokenResponse) refreshed).getOIDCTokens().getIDToken()
				.getJWTClaimsSet();
			assertThat(refreshedIdToken.getExpirationTime().getTime() - refreshedIdToken.getIssueTime().getTime())
				.as("a refreshed ID token lives idTokenLifetime too").isEqualTo(300_000L);
			// OIDC Core 12.2: same iss, sub, aud, azp and auth_time (the original login) as the first ID token
			assertThat(rp.validateIdToken(((OIDCTokenResponse) refreshed).getOIDCTokens().getIDToken(), null))
				.as("the refreshed ID token validates against the JWKS").isNotNull();
			assertThat(refreshedIdToken.getIssuer()).isEqualTo(idToken.getIssuer().getValue());
			assertThat(refreshedIdToken.getSubject()).isEqualTo(idToken.getSubject().getValue());
			assertThat(refreshedIdToken.getAudience()).isEqualTo(java.util.List.of("web-app"));
			assertThat(refreshedIdToken.getStringClaim("azp")).isEqualTo("web-app");
			assertThat(refreshedIdToken.getDateClaim("auth_time")).as("auth_time stays the original login's")
				.isEqualTo(idToken.getAuthenticationTime());
			assertThat(refreshedIdToken.getStringClaim("sid")).as("and so does sid")
				.isEqualTo(idToken.getSessionID().getValue());
			RefreshToken second = refreshed.toSuccessResponse().getTokens().getRefreshToken();
			assertThat(second.getValue()).isNotEqualTo(first.getValue());
			TokenResponse replay = RelyingParty.parseTokens(rp.token(new RefreshTokenGrant(first)));
			assertThat(replay.indicatesSuccess()).isFalse();
			assertThat(((TokenErrorResponse) replay).getErrorObject().getCode()).isEqualTo("invalid_grant");
			assertThat(rp.introspect(refreshed.toSuccessResponse().getTokens().getAccessToken())
				.toSuccessResponse().isActive()).as("grant revoked after refresh token reuse").isFalse();
			TokenResponse afterReuse = RelyingParty.parseTokens(rp.token(new RefreshTokenGrant(second)));
			assertThat(afterReuse.indicatesSuccess()).as("newest refresh token revoked too").isFalse();
		}
	}

	/** What the introspection endpoint tells {@code client} about {@code token}. */
	private TokenIntrospectionSuccessResponse introspectAs(ClientAuthentication client, Token token) throws Exception {
		HTTPResponse response = new TokenIntrospectionRequest(URI.create(issuer("e2e") + "/oauth2/introspect"), client,
				token).toHTTPRequest().send();
		assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(200);
		return TokenIntrospectionResponse.parse(response).toSuccessResponse();
	}

	/**
	 * Rotation gives every refresh token the client's whole refresh token lifetime (eight hours
	 * for {@code brief-grant}), yet the grant they keep up ends at its code's issue time plus the
	 * grant lifetime (six seconds): the tokens' expiry does not slide with each refresh, and the
	 * one presented after it is refused, as is a code of a grant redeemed after that grant's end.
	 */
	@Test
	void whenAGrantOutlivesItsGrantLifetimeThenItsRefreshTokensEndWithIt() throws Exception {
		RelyingParty rp = RelyingParty.discover(issuer("e2e"), "brief-grant", "brief-grant-secret-for-tests-only-0123456",
				"https://brief.example.test/callback", JWSAlgorithm.RS256);
		RelyingParty.Flow flow = rp.start("openid profile");
		try (Browser.Session session = browser.newSession()) {
			session.open(flow.uri());
			session.login("citizen", "Correct-Horse-42");
			Instant beforeCode = Instant.now().minusSeconds(1);
			OIDCTokens tokens = rp.redeem(flow, success(session.awaitCallback()).getAuthorizationCode());
			Instant grantEnds = expiry(rp, tokens.getRefreshToken());
			assertThat(grantEnds).as("the grant's end, not eight hours from now")
				.isBetween(beforeCode.plusSeconds(6).truncatedTo(java.time.temporal.ChronoUnit.SECONDS), Instant.now().plusSeconds(7));
			assertThat(expiry(rp, tokens.getAccessToken())).as("the access token ends with its grant, not five minutes on")
				.isEqualTo(grantEnds);
			assertThat(tokens.getAccessToken().getLifetime()).isBetween(1L, 7L);
			// a second grant's code, kept unredeemed past that grant's end (the code itself lives a minute)
			RelyingParty.Flow late = rp.start("openid profile");
			session.open(late.uri());
			AuthorizationCode lateCode = success(session.awaitCallback()).getAuthorizationCode();
			Instant lateGrantEnds = Instant.now().plusSeconds(6);

			TokenResponse refreshed = RelyingParty.parseTokens(rp.token(new RefreshTokenGrant(tokens.getRefreshToken())));
			assertThat(refreshed.indicatesSuccess()).as("the grant still lives").isTrue();
			RefreshToken second = refreshed.toSuccessResponse().getTokens().getRefreshToken();
			assertThat(expiry(rp, second)).as("a rotated refresh token ends with its grant too")
				.isEqualTo(grantEnds);
			AccessToken lastAccess = refreshed.toSuccessResponse().getTokens().getAccessToken();
			assertThat(expiry(rp, lastAccess)).as("and so does the access token of the last refresh").isEqualTo(grantEnds);

			Instant bothEnded = grantEnds.isAfter(lateGrantEnds) ? grantEnds : lateGrantEnds;
			Thread.sleep(Math.max(0, java.time.Duration.between(Instant.now(), bothEnded).toMillis()) + 1500);
			TokenResponse afterEnd = RelyingParty.parseTokens(rp.token(new RefreshTokenGrant(second)));
			assertThat(afterEnd.indicatesSuccess()).as("the grant has ended").isFalse();
			assertThat(((TokenErrorResponse) afterEnd).getErrorObject().getCode()).isEqualTo("invalid_grant");
			assertThat(rp.introspect(lastAccess).toSuccessResponse().isActive()).as("no token outlives the grant").isFalse();
			HTTPResponse lateExchange = rp.exchange(late, lateCode);
			assertThat(lateExchange.getStatusCode()).as(lateExchange.getBody()).isEqualTo(400);
			assertThat(((TokenErrorResponse) RelyingParty.parseTokens(lateExchange)).getErrorObject().getCode())
				.as("a code of an ended grant gives no tokens, and no server error").isEqualTo("invalid_grant");
		}
	}

	private static Instant expiry(RelyingParty rp, com.nimbusds.oauth2.sdk.token.Token token) {
		TokenIntrospectionSuccessResponse introspection = rp.introspect(token).toSuccessResponse();
		assertThat(introspection.isActive()).isTrue();
		return introspection.getExpirationTime().toInstant();
	}

	@Test
	void whenAuthorizationCodeIsReusedThenInvalidGrantAndIssuedTokensRevoked() throws Exception {
		RelyingParty rp = webApp();
		RelyingParty.Flow flow = rp.start("openid profile");
		try (Browser.Session session = browser.newSession()) {
			session.open(flow.uri());
			session.login("citizen", "Correct-Horse-42");
			allowIfAsked(session);
			AuthorizationCode code = success(session.awaitCallback()).getAuthorizationCode();
			TokenResponse first = RelyingParty.parseTokens(rp.exchange(flow, code));
			assertThat(first.indicatesSuccess()).isTrue();
			TokenResponse second = RelyingParty.parseTokens(rp.exchange(flow, code));
			assertThat(((TokenErrorResponse) second).getErrorObject().getCode()).isEqualTo("invalid_grant");
			assertThat(rp.introspect(first.toSuccessResponse().getTokens().getAccessToken()).toSuccessResponse()
				.isActive()).isFalse();
		}
	}

	@Test
	void whenAgencyLogsUserOutThenSessionEndsAndBrowserReturnsWithState() throws Exception {
		RelyingParty rp = webApp();
		RelyingParty.Flow flow = rp.start("openid profile");
		try (Browser.Session session = browser.newSession()) {
			session.open(flow.uri());
			session.login("citizen", "Correct-Horse-42");
			allowIfAsked(session);
			AuthorizationCode code = success(session.awaitCallback()).getAuthorizationCode();
			OIDCTokens tokens = rp.redeem(flow, code);

			LogoutRequest logout = new LogoutRequest(rp.provider().getEndSessionEndpointURI(), tokens.getIDToken(),
					URI.create("https://rp.example.test/logged-out"), new com.nimbusds.oauth2.sdk.id.State("bye"));
			session.open(logout.toURI());
			assertThat(session.awaitCallback().toString()).startsWith("https://rp.example.test/logged-out?")
				.contains("state=bye");

			// the SSO session is gone: the next authorization request asks for a login again
			session.open(rp.start("openid profile").uri());
			assertThat(session.page().url()).contains("/realms/e2e/login");
		}
	}

	/**
	 * RP-Initiated Logout 1.0 section 2 lets the agency system POST the request: from its page
	 * (another site) the form arrives without the SameSite=Lax session cookie, and is sent on as a
	 * GET, which carries it. The session ends; before, the browser went back with the state while
	 * the person stayed logged in.
	 */
	@Test
	void whenAgencyPostsTheLogoutFromItsOwnPageThenTheSessionEnds() throws Exception {
		RelyingParty rp = webApp();
		try (Browser.Session session = browser.newSession()) {
			OIDCTokens tokens = tokens(session, rp, rp.start("openid profile"), true);

			LogoutRequest logout = new LogoutRequest(rp.provider().getEndSessionEndpointURI(), tokens.getIDToken(),
					URI.create("https://rp.example.test/logged-out"), new com.nimbusds.oauth2.sdk.id.State("posted"));
			session.postForm(rp.provider().getEndSessionEndpointURI(), logout.toParameters());
			assertThat(session.awaitCallback().toString()).isEqualTo("https://rp.example.test/logged-out?state=posted");

			assertLoggedOut(session, rp);
			assertRevoked(rp, tokens);
		}
	}

	/**
	 * Logging out ends the grants of this browser's logins, the earlier ones of the session and
	 * another person's included (Back-Channel Logout 1.0 section 2.7: refresh tokens without
	 * {@code offline_access} are revoked with the session); an {@code offline_access} grant, and
	 * the same person's grant made in another browser, stay.
	 */
	@Test
	void whenTheUserLogsOutThenTheSessionsGrantsEndButOfflineOnesAndOtherBrowsersStay() throws Exception {
		RelyingParty rp = webApp();
		try (Browser.Session elsewhere = browser.newSession(); Browser.Session session = browser.newSession()) {
			OIDCTokens otherBrowser = tokens(elsewhere, rp, rp.start("openid profile"), true);
			OIDCTokens online = tokens(session, rp, rp.start("openid profile"), true);
			OIDCTokens offline = tokens(session, rp, rp.start("openid offline_access"), false);
			// a second login in the same session: its grants are the session's too
			OIDCTokens again = logInOver(session, rp, "citizen", "Correct-Horse-42");
			// and so are those of another person at the same computer, who logged in over it
			OIDCTokens officer = logInOver(session, rp, "officer", "Officer-Pass-77");

			session.open(new LogoutRequest(rp.provider().getEndSessionEndpointURI(), officer.getIDToken(),
					URI.create("https://rp.example.test/logged-out"), new com.nimbusds.oauth2.sdk.id.State("s3")).toURI());
			assertThat(session.awaitCallback().toString()).startsWith("https://rp.example.test/logged-out?");

			assertRevoked(rp, online);
			assertRevoked(rp, again);
			assertRevoked(rp, officer);
			assertThat(rp.introspect(online.getAccessToken()).toSuccessResponse().isActive())
				.as("the access token of a revoked grant").isFalse();
			assertThat(RelyingParty.parseTokens(rp.token(new RefreshTokenGrant(offline.getRefreshToken())))
				.indicatesSuccess()).as("offline_access outlives the login").isTrue();
			assertThat(RelyingParty.parseTokens(rp.token(new RefreshTokenGrant(otherBrowser.getRefreshToken())))
				.indicatesSuccess()).as("the grant of the person's other browser").isTrue();
		}
	}

	/** The tokens of {@code flow}, as the citizen if {@code login}, else on the session's login. */
	private static OIDCTokens tokens(Browser.Session session, RelyingParty rp, RelyingParty.Flow flow, boolean login)
			throws Exception {
		return login ? tokens(session, rp, flow, "citizen", "Correct-Horse-42") : tokens(session, rp, flow, null, null);
	}

	private static OIDCTokens tokens(Browser.Session session, RelyingParty rp, RelyingParty.Flow flow, String username,
			String password) throws Exception {
		session.open(flow.uri());
		if (username != null) {
			session.login(username, password);
		}
		allowIfAsked(session);
		return rp.redeem(flow, success(session.awaitCallback()).getAuthorizationCode());
	}

	/** A new login in the same browser session ({@code prompt=login}), and the tokens it gives. */
	private static OIDCTokens logInOver(Browser.Session session, RelyingParty rp, String username, String password)
			throws Exception {
		return tokens(session, rp, rp.start("openid profile",
				(request) -> request.prompt(new com.nimbusds.openid.connect.sdk.Prompt("login"))), username, password);
	}

	private static void assertRevoked(RelyingParty rp, OIDCTokens tokens) {
		TokenResponse refused = RelyingParty.parseTokens(rp.token(new RefreshTokenGrant(tokens.getRefreshToken())));
		assertThat(refused.indicatesSuccess()).as("a grant of the logged-out session").isFalse();
		assertThat(((TokenErrorResponse) refused).getErrorObject().getCode()).isEqualTo("invalid_grant");
	}

	@Test
	void whenGrantWasRevokedThenLogoutWithItsIdTokenStillEndsTheSession() throws Exception {
		RelyingParty rp = webApp();
		RelyingParty.Flow flow = rp.start("openid offline_access");
		try (Browser.Session session = browser.newSession()) {
			session.open(flow.uri());
			session.login("citizen", "Correct-Horse-42");
			allowIfAsked(session);
			OIDCTokens tokens = ((OIDCTokenResponse) RelyingParty.parseTokens(
					rp.exchange(flow, success(session.awaitCallback()).getAuthorizationCode()))).getOIDCTokens();
			// reuse of a rotated refresh token revokes (deletes) the whole grant
			RefreshToken first = tokens.getRefreshToken();
			assertThat(RelyingParty.parseTokens(rp.token(new RefreshTokenGrant(first))).indicatesSuccess()).isTrue();
			assertThat(RelyingParty.parseTokens(rp.token(new RefreshTokenGrant(first))).indicatesSuccess()).isFalse();

			session.open(new LogoutRequest(rp.provider().getEndSessionEndpointURI(), tokens.getIDToken(),
					URI.create("https://rp.example.test/logged-out"), new com.nimbusds.oauth2.sdk.id.State("s2")).toURI());
			assertThat(session.awaitCallback().toString()).startsWith("https://rp.example.test/logged-out?")
				.contains("state=s2");
			assertLoggedOut(session, rp);
		}
	}

	/**
	 * Two requests redeem one refresh token at the same moment (a client retrying, or a stolen
	 * copy racing the owner), several times over: exactly one gets tokens, the other
	 * {@code invalid_grant}, and either way the grant is revoked, so the winner's new refresh
	 * token and access token die with it. On PostgreSQL, through the real token endpoint.
	 */
	@Test
	void whenOneRefreshTokenIsRedeemedTwiceAtOnceThenOneWinsAndTheGrantIsRevoked() throws Exception {
		RelyingParty rp = webApp();
		java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
		try (Browser.Session session = browser.newSession()) {
			for (int round = 0; round < 4; round++) {
				RelyingParty.Flow flow = rp.start("openid offline_access");
				session.open(flow.uri());
				if (round == 0) {
					session.login("citizen", "Correct-Horse-42");
				}
				allowIfAsked(session);
				RefreshToken token = ((OIDCTokenResponse) RelyingParty.parseTokens(
						rp.exchange(flow, success(session.awaitCallback()).getAuthorizationCode()))).getOIDCTokens()
					.getRefreshToken();
				java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(2);
				java.util.concurrent.Callable<TokenResponse> redeem = () -> {
					start.await(10, java.util.concurrent.TimeUnit.SECONDS);
					return RelyingParty.parseTokens(rp.token(new RefreshTokenGrant(token)));
				};
				java.util.List<TokenResponse> answers = new java.util.ArrayList<>();
				for (java.util.concurrent.Future<TokenResponse> answer : pool.invokeAll(java.util.List.of(redeem, redeem))) {
					answers.add(answer.get());
				}
				java.util.List<TokenResponse> won = answers.stream().filter(TokenResponse::indicatesSuccess).toList();
				assertThat(won).as("round %d: exactly one of two simultaneous redemptions gets tokens", round).hasSize(1);
				TokenResponse lost = answers.stream().filter((answer) -> !answer.indicatesSuccess()).findFirst().orElseThrow();
				assertThat(lost.toErrorResponse().getErrorObject().getCode()).as("round %d", round).isEqualTo("invalid_grant");
				OIDCTokens winner = ((OIDCTokenResponse) won.get(0)).getOIDCTokens();
				assertThat(RelyingParty.parseTokens(rp.token(new RefreshTokenGrant(winner.getRefreshToken())))
					.indicatesSuccess()).as("round %d: the winner's new refresh token went with the grant", round).isFalse();
				assertThat(rp.introspect(winner.getAccessToken()).toSuccessResponse().isActive())
					.as("round %d: the winner's access token went with the grant", round).isFalse();
			}
		}
		finally {
			pool.shutdownNow();
		}
	}

	@Test
	void whenPostLogoutRedirectUriIsNotRegisteredThenNoRedirect() throws Exception {
		RelyingParty rp = webApp();
		RelyingParty.Flow flow = rp.start("openid");
		try (Browser.Session session = browser.newSession()) {
			session.open(flow.uri());
			session.login("citizen", "Correct-Horse-42");
			allowIfAsked(session);
			OIDCTokens tokens = ((OIDCTokenResponse) RelyingParty.parseTokens(
					rp.exchange(flow, success(session.awaitCallback()).getAuthorizationCode()))).getOIDCTokens();
			session.open(new LogoutRequest(rp.provider().getEndSessionEndpointURI(), tokens.getIDToken(),
					URI.create("https://evil.example.test/after"), null).toURI());
			assertThat(session.callback().get()).isNull();
			assertThat(session.page().url()).contains("/realms/e2e/connect/logout");
		}
	}

	/** RFC 7662 is about access and refresh tokens: an ID token or a code introspects as inactive. */
	@Test
	void whenAnIdTokenOrACodeIsIntrospectedThenInactive() throws Exception {
		RelyingParty rp = webApp();
		RelyingParty.Flow flow = rp.start("openid");
		try (Browser.Session session = browser.newSession()) {
			session.open(flow.uri());
			session.login("citizen", "Correct-Horse-42");
			allowIfAsked(session);
			AuthorizationCode code = success(session.awaitCallback()).getAuthorizationCode();
			assertThat(rp.introspect(new com.nimbusds.oauth2.sdk.token.BearerAccessToken(code.getValue()))
				.toSuccessResponse().isActive()).as("a code").isFalse();
			OIDCTokens tokens = rp.redeem(flow, code);
			assertThat(rp.introspect(tokens.getAccessToken()).toSuccessResponse().isActive()).isTrue();
			assertThat(rp.introspect(new com.nimbusds.oauth2.sdk.token.BearerAccessToken(tokens.getIDTokenString()))
				.toSuccessResponse().isActive()).as("an ID token").isFalse();
		}
	}

	/** The session has ended: the next authorization request shows the login page. */
	private static void assertLoggedOut(Browser.Session session, RelyingParty rp) {
		session.open(rp.start("openid").uri());
		assertThat(session.page().url()).contains("/realms/e2e/login");
	}

	/** RP-Initiated Logout 1.0 section 2: without id_token_hint the user is asked, and only a POST logs out. */
	@Test
	void whenLogoutHasNoIdTokenHintThenUserConfirmsAndReturnsWithState() throws Exception {
		RelyingParty rp = webApp();
		try (Browser.Session session = browser.newSession()) {
			logIn(session, rp, "citizen", "Correct-Horse-42");
			OIDCTokens grant = tokens(session, rp, rp.start("openid profile"), false);

			session.open(endSession("client_id=web-app&post_logout_redirect_uri="
					+ encode("https://rp.example.test/logged-out") + "&state=" + encode("no hint")));
			assertThat(session.callback().get()).as("no redirect before the user confirms").isNull();
			assertThat(session.page().url()).endsWith("/realms/e2e/logout");
			assertThat(session.page().textContent("#logout-client")).contains("Cổng thử nghiệm");
			session.page().click("#logout");
			assertThat(session.awaitCallback().toString()).isEqualTo("https://rp.example.test/logged-out?state=no%20hint");

			assertLoggedOut(session, rp);
			assertRevoked(rp, grant);
		}
	}

	@Test
	void whenLogoutHasNoParametersThenUserConfirmsAndIsToldLoggedOut() throws Exception {
		RelyingParty rp = webApp();
		try (Browser.Session session = browser.newSession()) {
			logIn(session, rp, "citizen", "Correct-Horse-42");

			session.open(endSession(""));
			assertThat(session.page().url()).endsWith("/realms/e2e/logout");
			assertThat(session.page().locator("#logout-client").count()).isZero();
			session.page().click("#logout");
			session.page().waitForSelector("#logged-out");
			assertThat(session.page().url()).endsWith("/realms/e2e/logout");

			assertLoggedOut(session, rp);
		}
	}

	/** The confirmation is a POST with the page's CSRF token: a forged POST ends nothing. */
	@Test
	void whenLogoutIsPostedWithoutTheFormsTokenThenSessionSurvives() throws Exception {
		RelyingParty rp = webApp();
		try (Browser.Session session = browser.newSession()) {
			logIn(session, rp, "citizen", "Correct-Horse-42");

			com.microsoft.playwright.APIResponse forged = session.context().request()
				.post(issuer("e2e") + "/logout", com.microsoft.playwright.options.RequestOptions.create()
					.setMaxRedirects(0));
			assertThat(forged.status()).isEqualTo(403);

			RelyingParty.Flow again = rp.start("openid");
			session.open(again.uri());
			assertThat(success(session.awaitCallback()).getState()).isEqualTo(again.state());
		}
	}

	/** A form token handed out before a login is good no longer after it (another person's login above all). */
	@Test
	void whenSomeoneLogsInOverTheSessionThenAFormTokenFromBeforeIsRefused() throws Exception {
		RelyingParty rp = webApp();
		try (Browser.Session session = browser.newSession()) {
			logIn(session, rp, "citizen", "Correct-Horse-42");
			session.open(endSession("client_id=web-app"));
			assertThat(session.page().url()).endsWith("/realms/e2e/logout");
			String before = session.page().inputValue("input[name=_csrf]");

			logInOver(session, rp, "officer", "Officer-Pass-77");

			com.microsoft.playwright.APIResponse stale = session.context().request()
				.post(issuer("e2e") + "/logout", com.microsoft.playwright.options.RequestOptions.create()
					.setForm(com.microsoft.playwright.options.FormData.create().set("_csrf", before))
					.setMaxRedirects(0));
			assertThat(stale.status()).as("the token from before the login").isEqualTo(403);
			RelyingParty.Flow still = rp.start("openid");
			session.open(still.uri());
			assertThat(success(session.awaitCallback()).getState()).as("the session survives").isEqualTo(still.state());
		}
	}

	@Test
	void whenNobodyIsLoggedInThenLogoutWithoutHintRedirectsAtOnce() throws Exception {
		try (Browser.Session session = browser.newSession()) {
			session.open(endSession("client_id=web-app&post_logout_redirect_uri="
					+ encode("https://rp.example.test/logged-out") + "&state=s3"));
			assertThat(session.awaitCallback().toString()).isEqualTo("https://rp.example.test/logged-out?state=s3");
		}
	}

	@Test
	void whenLogoutWithoutHintNamesAnUnregisteredRedirectOrNoClientThenNoRedirect() throws Exception {
		try (Browser.Session session = browser.newSession()) {
			for (String query : java.util.List.of(
					"client_id=web-app&post_logout_redirect_uri=" + encode("https://evil.example.test/after"),
					"post_logout_redirect_uri=" + encode("https://rp.example.test/logged-out"),
					"client_id=nobody&post_logout_redirect_uri=" + encode("https://rp.example.test/logged-out"))) {
				com.microsoft.playwright.Response answer = session.page().navigate(endSession(query).toString());
				assertThat(answer.status()).as(query).isEqualTo(400);
				assertThat(session.callback().get()).as(query).isNull();
				assertThat(session.page().url()).as(query).contains("/realms/e2e/connect/logout");
			}
		}
	}

	@Test
	void whenLogoutStateIsTooLongToSendBackThenNoRedirect() throws Exception {
		try (Browser.Session session = browser.newSession()) {
			String query = "client_id=web-app&post_logout_redirect_uri=" + encode("https://rp.example.test/logged-out")
					+ "&state=";
			com.microsoft.playwright.Response answer = session.page()
				.navigate(endSession(query + "s".repeat(AuthorizationRequests.LONGEST_STATE + 1)).toString());
			assertThat(answer.status()).isEqualTo(400);
			assertThat(session.callback().get()).isNull();

			session.open(endSession(query + "s".repeat(AuthorizationRequests.LONGEST_STATE)));
			assertThat(session.awaitCallback().toString()).isEqualTo(
					"https://rp.example.test/logged-out?state=" + "s".repeat(AuthorizationRequests.LONGEST_STATE));
		}
	}

	/** Section 2: the OP MUST ask when the hint is not the logged-in user's; it used to refuse. */
	@Test
	void whenIdTokenHintIsAnotherUsersThenTheLoggedInUserIsAsked() throws Exception {
		RelyingParty rp = webApp();
		com.nimbusds.jwt.JWT citizensToken;
		try (Browser.Session citizen = browser.newSession()) {
			citizensToken = logIn(citizen, rp, "citizen", "Correct-Horse-42");
		}
		try (Browser.Session officer = browser.newSession()) {
			logIn(officer, rp, "officer", "Officer-Pass-77");

			officer.open(new LogoutRequest(rp.provider().getEndSessionEndpointURI(), citizensToken,
					URI.create("https://rp.example.test/logged-out"), new com.nimbusds.oauth2.sdk.id.State("s4")).toURI());
			assertThat(officer.callback().get()).isNull();
			assertThat(officer.page().url()).endsWith("/realms/e2e/logout");
			officer.page().click("#logout");
			assertThat(officer.awaitCallback().toString()).isEqualTo("https://rp.example.test/logged-out?state=s4");
			officer.open(rp.start("openid").uri());
			assertThat(officer.page().url()).contains("/realms/e2e/login");
		}
	}

	/** Section 2: a hint of the same person but another session (another device, an earlier login) is asked about. */
	@Test
	void whenIdTokenHintIsOfAnotherSessionOfTheSameUserThenTheUserIsAsked() throws Exception {
		RelyingParty rp = webApp();
		com.nimbusds.jwt.JWT fromTheOtherDevice;
		try (Browser.Session other = browser.newSession()) {
			fromTheOtherDevice = logIn(other, rp, "citizen", "Correct-Horse-42");
			// a login is told apart by its auth_time, in seconds: the next one starts in another second
			other.page().waitForTimeout(1100);
		}
		try (Browser.Session session = browser.newSession()) {
			logIn(session, rp, "citizen", "Correct-Horse-42");

			session.open(new LogoutRequest(rp.provider().getEndSessionEndpointURI(), fromTheOtherDevice,
					URI.create("https://rp.example.test/logged-out"), new com.nimbusds.oauth2.sdk.id.State("s5")).toURI());
			assertThat(session.callback().get()).as("not logged out without being asked").isNull();
			assertThat(session.page().url()).endsWith("/realms/e2e/logout");
			session.page().click("#logout");
			assertThat(session.awaitCallback().toString()).isEqualTo("https://rp.example.test/logged-out?state=s5");
		}
	}

	@Test
	void whenAnotherRealmsEndSessionIsCalledThenThisRealmsLoginStays() throws Exception {
		RelyingParty rp = webApp();
		try (Browser.Session session = browser.newSession()) {
			logIn(session, rp, "citizen", "Correct-Horse-42");

			session.open(URI.create(issuer("other") + "/connect/logout"));
			session.page().waitForSelector("#logged-out");
			assertThat(session.page().url()).endsWith("/realms/other/logout");

			RelyingParty.Flow again = rp.start("openid");
			session.open(again.uri());
			assertThat(success(session.awaitCallback()).getState()).as("still logged in to e2e").isEqualTo(again.state());
		}
	}

	/** A question left unanswered belongs to whoever was asked: after another login it sends no one to the agency. */
	@Test
	void whenAnotherUserLogsInBeforeAnsweringThenTheOldQuestionIsGone() throws Exception {
		RelyingParty rp = webApp();
		try (Browser.Session session = browser.newSession()) {
			logIn(session, rp, "citizen", "Correct-Horse-42");
			session.open(endSession("client_id=web-app&post_logout_redirect_uri="
					+ encode("https://rp.example.test/logged-out") + "&state=old"));
			assertThat(session.page().url()).endsWith("/realms/e2e/logout");

			RelyingParty.Flow relogin = rp.start("openid",
					(builder) -> builder.prompt(new com.nimbusds.openid.connect.sdk.Prompt("login")));
			session.open(relogin.uri());
			session.login("officer", "Officer-Pass-77");
			allowIfAsked(session);
			success(session.awaitCallback());

			session.open(URI.create(issuer("e2e") + "/logout"));
			assertThat(session.page().locator("#logout-client").count()).isZero();
			session.page().click("#logout");
			session.page().waitForSelector("#logged-out");
			assertThat(session.callback().get()).isNull();
		}
	}

	/** Logs the user in to the web app through the code flow in this browser; the ID token it got. */
	private static com.nimbusds.jwt.JWT logIn(Browser.Session session, RelyingParty rp, String username, String password)
			throws Exception {
		RelyingParty.Flow flow = rp.start("openid");
		session.open(flow.uri());
		session.login(username, password);
		allowIfAsked(session);
		return rp.redeem(flow, success(session.awaitCallback()).getAuthorizationCode()).getIDToken();
	}

	private URI endSession(String query) {
		return URI.create(issuer("e2e") + "/connect/logout" + (query.isEmpty() ? "" : "?" + query));
	}

	private static String encode(String value) {
		return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
	}

	/** Consent is remembered per client and scopes, so whether the page shows depends on earlier tests. */
	private static void allowIfAsked(Browser.Session session) {
		session.page().waitForLoadState();
		if (session.callback().get() == null && session.page().url().contains("/consent")) {
			session.page().click("#allow");
		}
	}

	@Test
	void whenPromptNoneWithoutSessionThenLoginRequiredAtRedirectUri() throws Exception {
		RelyingParty rp = webApp();
		RelyingParty.Flow flow = rp.start("openid", (builder) -> builder.prompt(new com.nimbusds.openid.connect.sdk.Prompt("none")));
		try (Browser.Session session = browser.newSession()) {
			session.open(flow.uri());
			AuthenticationResponse response = AuthenticationResponseParser.parse(session.awaitCallback());
			assertThat(response.indicatesSuccess()).isFalse();
			AuthenticationErrorResponse error = response.toErrorResponse();
			assertThat(error.getErrorObject().getCode()).isEqualTo("login_required");
			assertThat(error.getState()).isEqualTo(flow.state());
		}
	}

}
