package vn.thanglong.id.oidc;

import java.util.Objects;

import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;

import vn.thanglong.id.authn.LoginFacts;
import vn.thanglong.id.identity.SubjectIdentifiers;
import vn.thanglong.id.realm.ClientDefinition;

/**
 * The {@code sub} of a user as one client sees it, in the ID token, the access token and at
 * userinfo alike (OIDC Core sections 5.3.2 and 8): pairwise per sector unless the client is
 * registered for public subjects. The client's subject type and sector travel in its settings.
 */
final class Subjects {

	static final String SUBJECT_TYPE = "vn.thanglong.id.subject-type";

	static final String SECTOR = "vn.thanglong.id.sector";

	private final SubjectIdentifiers identifiers;

	Subjects(SubjectIdentifiers identifiers) {
		this.identifiers = Objects.requireNonNull(identifiers, "identifiers");
	}

	/** The subject of the person {@code localId} (the login's principal) for {@code client} at the realm being served. */
	String of(RegisteredClient client, String localId) {
		String type = client.getClientSettings().getSetting(SUBJECT_TYPE);
		boolean pairwise = !ClientDefinition.PUBLIC.equals(type);
		return this.identifiers.subject(realm(), localId, pairwise, sector(client));
	}

	/**
	 * The {@code sid} of the login {@code login} for {@code client}: one per login and sector
	 * ({@link SubjectIdentifiers#sessionIdentifier}), whichever node issues the ID token and however
	 * many browsers the person is logged in with.
	 */
	String sessionOf(RegisteredClient client, LoginFacts login) {
		return this.identifiers.sessionIdentifier(realm(), sector(client), login.personId(), login.authTime());
	}

	private static String realm() {
		return Issuers.currentRealm().orElseThrow(() -> new IllegalStateException("no realm in context"));
	}

	private static String sector(RegisteredClient client) {
		String sector = client.getClientSettings().getSetting(SECTOR);
		return (sector != null) ? sector : "client:" + client.getClientId();
	}

}
