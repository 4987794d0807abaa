package vn.thanglong.id.oidc;

import java.util.Objects;

import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;

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
		String realm = Issuers.currentRealm().orElseThrow(() -> new IllegalStateException("no realm in context"));
		String type = client.getClientSettings().getSetting(SUBJECT_TYPE);
		String sector = client.getClientSettings().getSetting(SECTOR);
		boolean pairwise = !ClientDefinition.PUBLIC.equals(type);
		return this.identifiers.subject(realm, localId, pairwise,
				(sector != null) ? sector : "client:" + client.getClientId());
	}

}
