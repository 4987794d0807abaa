package vn.thanglong.id.oidc;

import java.net.URI;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.openid.connect.sdk.AuthenticationResponseParser;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import com.nimbusds.openid.connect.sdk.token.OIDCTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import vn.thanglong.id.support.Browser;
import vn.thanglong.id.support.BrowserProviderIT;
import vn.thanglong.id.support.RelyingParty;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pairwise subject identifiers (OIDC Core section 8) as agency systems receive them: one
 * person is the same {@code sub} to one sector every time, a different one to another
 * sector, the same at userinfo as in the ID token, and a public-subject client gets the
 * person's own identifier.
 */
class PairwiseSubjectBrowserIT extends BrowserProviderIT {

	@Autowired
	JdbcClient jdbc;

	private RelyingParty client(String clientId, String redirect) {
		return RelyingParty.discover(issuer("e2e"), clientId, clientId + "-secret-for-tests-only-0123456789abcdef",
				redirect, JWSAlgorithm.RS256);
	}

	/**
	 * Runs the code flow on the browser's session; answers the ID token's, userinfo's and the access
	 * token's subjects, and the ID token's {@code sid}.
	 */
	private static String[] subjects(RelyingParty rp, Browser.Session session, boolean login) throws Exception {
		RelyingParty.Flow flow = rp.start("openid profile");
		session.open(flow.uri());
		if (login) {
			session.login("citizen", "Correct-Horse-42");
		}
		URI callback = session.awaitCallback();
		AuthorizationCode code = AuthenticationResponseParser.parse(callback).toSuccessResponse().getAuthorizationCode();
		OIDCTokens tokens = rp.redeem(flow, code);
		IDTokenClaimsSet idToken = rp.validateIdToken(tokens.getIDToken(), flow.nonce());
		String userInfoSubject = RelyingParty.parseUserInfo(rp.userInfo(tokens.getBearerAccessToken()))
			.toSuccessResponse().getUserInfo().getSubject().getValue();
		String accessTokenSubject = com.nimbusds.jwt.SignedJWT.parse(tokens.getAccessToken().getValue())
			.getJWTClaimsSet().getSubject();
		return new String[] { idToken.getSubject().getValue(), userInfoSubject, accessTokenSubject,
				idToken.getSessionID().getValue() };
	}

	@Test
	void whenOnePersonLogsInToClientsOfTwoSectorsThenEachSectorHasItsOwnStableSubject() throws Exception {
		String localId = this.jdbc.sql("select id from user_account where realm = 'e2e' and username = 'citizen'")
			.query(String.class).single();
		try (Browser.Session session = browser.newSession()) {
			String[] a = subjects(client("sector-a", "https://a.sector.example.test/callback"), session, true);
			String[] aAgain = subjects(client("sector-a", "https://a.sector.example.test/callback"), session, false);
			String[] a2 = subjects(client("sector-a2", "https://a.sector.example.test/second"), session, false);
			String[] b = subjects(client("sector-b", "https://b.sector.example.test/callback"), session, false);
			String[] open = subjects(client("public-sub", "https://public.example.test/callback"), session, false);

			assertThat(a[1]).as("userinfo sub equals the ID token's (OIDC Core 5.3.2)").isEqualTo(a[0]);
			assertThat(a[2]).as("the access token names the same subject").isEqualTo(a[0]);
			assertThat(b[1]).isEqualTo(b[0]);
			assertThat(aAgain[0]).as("same client, same sub every time").isEqualTo(a[0]);
			assertThat(a2[0]).as("another client of the same sector").isEqualTo(a[0]);
			assertThat(b[0]).as("another sector").isNotEqualTo(a[0]);
			assertThat(a[0]).doesNotContain(localId).isNotEqualTo("citizen");
			assertThat(b[0]).doesNotContain(localId);
			assertThat(open[0]).as("public subject type").isEqualTo(localId);
			assertThat(open[1]).isEqualTo(localId);

			// sid: one login, so one per sector, and none that would link the sectors' subjects
			assertThat(aAgain[3]).as("the same login's sid for the same client").isEqualTo(a[3]);
			assertThat(a2[3]).as("and for another client of its sector").isEqualTo(a[3]);
			assertThat(b[3]).as("another sector's sid").isNotEqualTo(a[3]);
			assertThat(open[3]).isNotEqualTo(a[3]).isNotEqualTo(b[3]);
		}
	}

	/**
	 * The stock provider named, as {@code sid}, whichever of the person's sessions was used last, so
	 * that a second browser's login could be given to the first browser's ID tokens. Each login has
	 * its own now, on whichever node issues the ID token.
	 */
	@Test
	void whenOnePersonIsLoggedInWithTwoBrowsersThenEachLoginHasItsOwnSid() throws Exception {
		RelyingParty rp = client("sector-a", "https://a.sector.example.test/callback");
		try (Browser.Session first = browser.newSession(); Browser.Session second = browser.newSession()) {
			String[] one = subjects(rp, first, true);
			String[] two = subjects(rp, second, true);
			// the first browser is given a code; before the agency system redeems it, the second is used
			RelyingParty.Flow late = rp.start("openid profile");
			first.open(late.uri());
			AuthorizationCode code = AuthenticationResponseParser.parse(first.awaitCallback()).toSuccessResponse()
				.getAuthorizationCode();
			String[] twoAgain = subjects(rp, second, false);
			IDTokenClaimsSet lateIdToken = rp.validateIdToken(rp.redeem(late, code).getIDToken(), late.nonce());

			assertThat(two[0]).as("the same person").isEqualTo(one[0]);
			assertThat(two[3]).as("another browser's login").isNotEqualTo(one[3]);
			assertThat(twoAgain[3]).isEqualTo(two[3]);
			assertThat(lateIdToken.getSessionID().getValue())
				.as("the first browser's login, though the second browser was used last").isEqualTo(one[3]);
		}
	}

}
