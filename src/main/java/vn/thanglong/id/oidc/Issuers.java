package vn.thanglong.id.oidc;

import java.util.Optional;

import org.springframework.security.oauth2.server.authorization.context.AuthorizationServerContext;
import org.springframework.security.oauth2.server.authorization.context.AuthorizationServerContextHolder;

import vn.thanglong.id.realm.RealmPaths;

/** Realm names from issuer identifiers of the form {@code {base}/realms/{realm}}. */
final class Issuers {

	static final String REALMS = RealmPaths.PREFIX;

	private Issuers() {
	}

	static Optional<String> realmOf(String issuer) {
		int at = issuer.lastIndexOf(REALMS);
		if (at < 0) {
			return Optional.empty();
		}
		String realm = issuer.substring(at + REALMS.length());
		return (realm.isEmpty() || realm.contains("/")) ? Optional.empty() : Optional.of(realm);
	}

	/** The realm of the request being served by an authorization-server endpoint. */
	static Optional<String> currentRealm() {
		AuthorizationServerContext context = AuthorizationServerContextHolder.getContext();
		return (context != null) ? realmOf(context.getIssuer()) : Optional.empty();
	}

	/** The realm named by a request path {@code /realms/{realm}/...}. */
	static Optional<String> realmOfPath(String path) {
		return RealmPaths.realmOf(path);
	}

}
