package vn.thanglong.id.oidc;

import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.security.core.session.SessionInformation;
import org.springframework.security.core.session.SessionRegistry;

/**
 * The session registry the authorization server is given, which keeps nothing. The stock server
 * registers every browser session that asks for {@code openid} and, at each code exchange, names
 * the person's most recently used session as the ID token's {@code sid}: another browser's, when
 * the person is logged in twice. Ours comes from the login itself ({@link Subjects#sessionOf}).
 * Without a registry bean the server would make one in memory, which nothing empties (no session
 * events are published) and which no other node sees; with Spring Session's, every code exchange
 * would search Redis for the person's sessions and every session would be indexed by person.
 */
final class NoSessionRegistry implements SessionRegistry {

	@Override
	public List<Object> getAllPrincipals() {
		return List.of();
	}

	@Override
	public List<SessionInformation> getAllSessions(Object principal, boolean includeExpiredSessions) {
		return List.of();
	}

	@Override
	public @Nullable SessionInformation getSessionInformation(String sessionId) {
		return null;
	}

	@Override
	public void refreshLastRequest(String sessionId) {
	}

	@Override
	public void registerNewSession(String sessionId, Object principal) {
	}

	@Override
	public void removeSessionInformation(String sessionId) {
	}

}
