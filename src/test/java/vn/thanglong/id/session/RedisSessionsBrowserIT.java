package vn.thanglong.id.session;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import com.microsoft.playwright.options.Cookie;
import com.nimbusds.jose.JWSAlgorithm;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

import vn.thanglong.id.support.Browser;
import vn.thanglong.id.support.BrowserProviderIT;
import vn.thanglong.id.support.RelyingParty;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Where a login lives with {@code IDP_SESSION_STORE=redis}: in one hash per session, under the
 * provider's namespace, that expires by its own time to live. Nothing indexes sessions by person
 * and nothing needs keyspace notifications ({@link SessionConfiguration}), so a managed Redis that
 * forbids {@code CONFIG SET} will do.
 */
class RedisSessionsBrowserIT extends BrowserProviderIT {

	private static final String PERSON_INDEX = "tlid:session:index:"
			+ "org.springframework.session.FindByIndexNameSessionRepository.PRINCIPAL_NAME_INDEX_NAME:";

	@Autowired
	StringRedisTemplate redis;

	@Autowired
	JdbcClient jdbc;

	@Test
	void whenAPersonLogsInThenTheSessionIsOneExpiringHashInRedisThatNothingIndexes() {
		String person = this.jdbc.sql("select id from user_account where realm = 'e2e' and username = 'citizen'")
			.query(String.class).single();
		// what a version that indexed sessions may have left
		this.redis.delete(PERSON_INDEX + person);
		RelyingParty rp = RelyingParty.discover(issuer("e2e"), "web-app", "web-app-secret-for-tests-only-0123456789",
				"https://rp.example.test/callback", JWSAlgorithm.RS256);
		try (Browser.Session session = browser.newSession()) {
			// a consent remembered by another test of this context would skip the page: ask for it
			session.open(rp.start("openid profile",
					(request) -> request.prompt(new com.nimbusds.openid.connect.sdk.Prompt(
							com.nimbusds.openid.connect.sdk.Prompt.Type.CONSENT))).uri());
			session.login("citizen", "Correct-Horse-42");
			session.page().waitForURL("**/consent**");

			Cookie cookie = session.context().cookies().stream()
				.filter((each) -> each.name.equals("TLID_SESSION"))
				.findFirst()
				.orElseThrow();
			String id = new String(Base64.getDecoder().decode(cookie.value), StandardCharsets.UTF_8);
			String key = "tlid:session:sessions:" + id;

			assertThat(this.redis.opsForHash().keys(key)).as("the session's hash")
				.anySatisfy((field) -> assertThat(field.toString()).startsWith("sessionAttr:SPRING_SECURITY_CONTEXT"));
			assertThat(this.redis.getExpire(key)).as("seconds it has left").isBetween(1L, 1800L);
			assertThat(this.redis.hasKey(PERSON_INDEX + person)).as("an index of the person's sessions").isFalse();
			assertThat(this.redis.hasKey("tlid:session:sessions:expires:" + id)).as("an expiry shadow key").isFalse();
		}
	}

}
