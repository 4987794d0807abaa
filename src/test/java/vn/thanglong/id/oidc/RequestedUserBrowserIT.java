package vn.thanglong.id.oidc;

import java.net.URI;
import java.util.function.Consumer;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.AuthenticationResponse;
import com.nimbusds.openid.connect.sdk.AuthenticationResponseParser;
import com.nimbusds.openid.connect.sdk.OIDCClaimsRequest;
import com.nimbusds.openid.connect.sdk.Prompt;
import com.nimbusds.openid.connect.sdk.token.OIDCTokens;
import org.junit.jupiter.api.Test;

import vn.thanglong.id.support.Browser;
import vn.thanglong.id.support.BrowserProviderIT;
import vn.thanglong.id.support.RelyingParty;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A request that names its user (OIDC Core section 3.1.2.1 {@code id_token_hint}, section 5.5.1
 * a {@code sub} value in {@code claims}) is answered for that user only: never with the tokens
 * of someone else who is logged in or who logs in. An essential {@code acr} no login reaches is
 * a failed authentication (section 5.5.1.1).
 */
class RequestedUserBrowserIT extends BrowserProviderIT {

	private static final String CALLBACK = "https://spa.example.test/callback";

	private RelyingParty spa;

	@org.junit.jupiter.api.BeforeEach
	void discover() {
		this.spa = RelyingParty.discover(issuer("e2e"), "spa", null, CALLBACK, JWSAlgorithm.ES256);
	}

	/** Logs {@code username} in through the code flow; returns the tokens the client gets. */
	private OIDCTokens login(Browser.Session session, String username, String password) throws Exception {
		RelyingParty.Flow flow = this.spa.start("openid");
		session.open(flow.uri());
		session.login(username, password);
		return this.spa.redeem(flow, code(flow, session.awaitCallback()));
	}

	private static com.nimbusds.oauth2.sdk.AuthorizationCode code(RelyingParty.Flow flow, URI callback) throws Exception {
		AuthenticationResponse response = AuthenticationResponseParser.parse(callback);
		assertThat(response.indicatesSuccess()).as("authorization response %s", callback).isTrue();
		assertThat(response.getState()).isEqualTo(flow.state());
		return response.toSuccessResponse().getAuthorizationCode();
	}

	/** The error the client receives at its redirect URI, with its state and the issuer (RFC 9207). */
	private ErrorObject error(RelyingParty.Flow flow, URI callback) throws Exception {
		AuthenticationResponse response = AuthenticationResponseParser.parse(callback);
		assertThat(response.indicatesSuccess()).as("authorization response %s", callback).isFalse();
		assertThat(response.getState()).isEqualTo(flow.state());
		assertThat(response.toErrorResponse().getIssuer()).hasToString(issuer("e2e"));
		return response.toErrorResponse().getErrorObject();
	}

	private RelyingParty.Flow request(Consumer<AuthenticationRequest.Builder> customizer) {
		return this.spa.start("openid", customizer);
	}

	private String subjectOf(RelyingParty.Flow flow, URI callback) throws Exception {
		return this.spa.validateIdToken(this.spa.redeem(flow, code(flow, callback)).getIDToken(), flow.nonce())
			.getSubject()
			.getValue();
	}

	/** An ID token of the other user, from a browser of their own. */
	private JWT officersIdToken() throws Exception {
		try (Browser.Session other = browser.newSession()) {
			return login(other, "officer", "Officer-Pass-77").getIDToken();
		}
	}

	@Test
	void whenTheHintNamesTheLoggedInUserThenPromptNoneAnswersAndOtherwiseLoginRequired() throws Exception {
		JWT officer = officersIdToken();
		try (Browser.Session session = browser.newSession()) {
			JWT citizen = login(session, "citizen", "Correct-Horse-42").getIDToken();

			RelyingParty.Flow same = request((builder) -> builder.idTokenHint(citizen).prompt(new Prompt("none")));
			session.open(same.uri());
			assertThat(subjectOf(same, session.awaitCallback())).isEqualTo(citizen.getJWTClaimsSet().getSubject());

			RelyingParty.Flow someoneElse = request((builder) -> builder.idTokenHint(officer).prompt(new Prompt("none")));
			session.open(someoneElse.uri());
			assertThat(error(someoneElse, session.awaitCallback()).getCode()).isEqualTo("login_required");
		}
	}

	@Test
	void whenTheHintNamesSomeoneElseThenOnlyTheirLoginGetsTokens() throws Exception {
		JWT officer = officersIdToken();
		try (Browser.Session session = browser.newSession()) {
			login(session, "citizen", "Correct-Horse-42");

			// someone else is logged in: the login page asks, and the same person logging in again gets nothing
			RelyingParty.Flow first = request((builder) -> builder.idTokenHint(officer));
			session.open(first.uri());
			assertThat(session.page().url()).contains("/realms/e2e/login");
			session.login("citizen", "Correct-Horse-42");
			assertThat(error(first, session.awaitCallback()).getCode()).isEqualTo("login_required");

			RelyingParty.Flow second = request((builder) -> builder.idTokenHint(officer));
			session.open(second.uri());
			assertThat(session.page().url()).contains("/realms/e2e/login");
			session.login("officer", "Officer-Pass-77");
			assertThat(subjectOf(second, session.awaitCallback())).isEqualTo(officer.getJWTClaimsSet().getSubject());
		}
		try (Browser.Session fresh = browser.newSession()) {
			// nobody logged in: the login this request leads to must be the named user's as well
			RelyingParty.Flow flow = request((builder) -> builder.idTokenHint(officer));
			fresh.open(flow.uri());
			fresh.login("citizen", "Correct-Horse-42");
			assertThat(error(flow, fresh.awaitCallback()).getCode()).isEqualTo("login_required");
		}
	}

	@Test
	void whenTheHintIsNoIdTokenOfThisRealmForTheClientThenInvalidRequest() throws Exception {
		RelyingParty kiosk = RelyingParty.discover(issuer("e2e"), "kiosk", null, "https://kiosk.example.test/callback",
				JWSAlgorithm.RS256);
		try (Browser.Session session = browser.newSession()) {
			JWT citizen = login(session, "citizen", "Correct-Horse-42").getIDToken();
			RelyingParty.Flow kioskFlow = kiosk.start("openid");
			session.open(kioskFlow.uri());
			JWT forTheKiosk = kiosk.redeem(kioskFlow, code(kioskFlow, session.awaitCallback())).getIDToken();

			RSAKey stranger = new RSAKeyGenerator(2048).keyID("stranger").generate();
			SignedJWT forged = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("stranger").build(),
					new JWTClaimsSet.Builder(citizen.getJWTClaimsSet()).build());
			forged.sign(new RSASSASigner(stranger));

			for (JWT hint : new JWT[] { forTheKiosk, forged }) {
				RelyingParty.Flow flow = request((builder) -> builder.idTokenHint(hint));
				session.open(flow.uri());
				ErrorObject error = error(flow, session.awaitCallback());
				assertThat(error.getCode()).as("hint %s", hint.getJWTClaimsSet().getAudience()).isEqualTo("invalid_request");
				assertThat(error.getDescription()).contains("id_token_hint");
			}
		}
	}

	@Test
	void whenTheClaimsParameterNamesASubjectThenOnlyThatUserIsAnswered() throws Exception {
		try (Browser.Session session = browser.newSession()) {
			String citizen = login(session, "citizen", "Correct-Horse-42").getIDToken().getJWTClaimsSet().getSubject();

			RelyingParty.Flow other = request((builder) -> builder.prompt(new Prompt("none"))
				.claims(claims("{\"id_token\":{\"sub\":{\"value\":\"someone-else\"}}}")));
			session.open(other.uri());
			assertThat(error(other, session.awaitCallback()).getCode()).isEqualTo("login_required");

			RelyingParty.Flow others = request((builder) -> builder.prompt(new Prompt("none"))
				.claims(claims("{\"id_token\":{\"sub\":{\"values\":[\"someone-else\",\"another\"]}}}")));
			session.open(others.uri());
			assertThat(error(others, session.awaitCallback()).getCode()).isEqualTo("login_required");

			RelyingParty.Flow same = request((builder) -> builder.prompt(new Prompt("none"))
				.claims(claims("{\"id_token\":{\"sub\":{\"value\":\"" + citizen + "\"}}}")));
			session.open(same.uri());
			assertThat(subjectOf(same, session.awaitCallback())).isEqualTo(citizen);

			RelyingParty.Flow among = request((builder) -> builder.prompt(new Prompt("none"))
				.claims(claims("{\"id_token\":{\"sub\":{\"values\":[\"someone-else\",\"" + citizen + "\"]}}}")));
			session.open(among.uri());
			assertThat(subjectOf(among, session.awaitCallback())).isEqualTo(citizen);
		}
	}

	@Test
	void whenAnEssentialAcrCannotBeReachedThenUnmetAuthenticationRequirements() throws Exception {
		try (Browser.Session session = browser.newSession()) {
			login(session, "citizen", "Correct-Horse-42");

			RelyingParty.Flow unreachable = request((builder) -> builder
				.claims(claims("{\"id_token\":{\"acr\":{\"essential\":true,\"values\":[\"urn:example:loa:high\"]}}}")));
			session.open(unreachable.uri());
			assertThat(error(unreachable, session.awaitCallback()).getCode())
				.isEqualTo("unmet_authentication_requirements");

			RelyingParty.Flow low = request((builder) -> builder
				.claims(claims("{\"id_token\":{\"acr\":{\"essential\":true,\"values\":[\"urn:example:loa:high\",\""
						+ "http://eidas.europa.eu/LoA/low\"]}}}")));
			session.open(low.uri());
			com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet idToken = this.spa
				.validateIdToken(this.spa.redeem(low, code(low, session.awaitCallback())).getIDToken(), low.nonce());
			assertThat(idToken.getACR()).hasToString("http://eidas.europa.eu/LoA/low");
		}
	}

	private static OIDCClaimsRequest claims(String json) {
		try {
			return OIDCClaimsRequest.parse(json);
		}
		catch (com.nimbusds.oauth2.sdk.ParseException ex) {
			throw new AssertionError(ex);
		}
	}

}
