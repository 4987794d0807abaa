package vn.thanglong.id.account;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.transaction.support.TransactionOperations;

import vn.thanglong.id.realm.ClientAuthMethod;
import vn.thanglong.id.realm.ClientDefinition;
import vn.thanglong.id.realm.ClientStore;
import vn.thanglong.id.realm.RealmDefinition;
import vn.thanglong.id.realm.RealmRegistry;

/**
 * Registers the account page with every realm as the public client {@code account-console}
 * once the web server has started, because only then is the port (and so the redirect URI)
 * known when no public base URL is configured. Idempotent like the realm-config import: an
 * unchanged client is not written. A realm whose realm-config declares its own
 * {@code account-console} keeps it.
 */
final class AccountConsoleProvisioner implements ApplicationListener<WebServerInitializedEvent> {

	private static final Logger log = LoggerFactory.getLogger(AccountConsoleProvisioner.class);

	static final Set<String> SCOPES = Set.of("openid", "profile", "email", "phone", "address");

	private final RealmRegistry realms;

	private final ClientStore clients;

	private final AccountBaseUrl base;

	private final TransactionOperations transactions;

	private final String scheme;

	/**
	 * @param scheme {@code https} when the server itself serves TLS, else {@code http}; used
	 * only without a configured public base URL
	 */
	AccountConsoleProvisioner(RealmRegistry realms, ClientStore clients, AccountBaseUrl base,
			TransactionOperations transactions, String scheme) {
		this.realms = Objects.requireNonNull(realms, "realms");
		this.clients = Objects.requireNonNull(clients, "clients");
		this.base = Objects.requireNonNull(base, "base");
		this.transactions = Objects.requireNonNull(transactions, "transactions");
		this.scheme = Objects.requireNonNull(scheme, "scheme");
	}

	@Override
	public void onApplicationEvent(WebServerInitializedEvent event) {
		// a separate management server (management.server.port) announces itself too
		if (event.getApplicationContext().getServerNamespace() != null) {
			return;
		}
		this.base.serverStarted(this.scheme, event.getWebServer().getPort());
		provisionAll();
	}

	void provisionAll() {
		for (String name : this.realms.names()) {
			RealmDefinition realm = this.realms.find(name).orElseThrow();
			if (declaresOwnClient(realm)) {
				log.warn("Realm '{}': realm-config declares a client '{}'; it is kept as declared, and the account "
						+ "page uses it: it must be a public client (authMethod none) with the redirect URI {} and "
						+ "the post-logout redirect URI {}", name, AccountPaths.CLIENT_ID, this.base.callback(name),
						this.base.loggedOut(name));
				continue;
			}
			ClientDefinition definition = definition(name);
			boolean written;
			try {
				written = upsert(name, definition);
			}
			catch (DataIntegrityViolationException ex) {
				// another node inserted it between our read and our insert; now it is an update
				written = upsert(name, definition);
			}
			log.info("Realm '{}': built-in client '{}' {} (redirect URI {})", name, AccountPaths.CLIENT_ID,
					written ? "written" : "unchanged", definition.redirectUris().get(0));
		}
	}

	private boolean upsert(String realm, ClientDefinition definition) {
		return Boolean.TRUE.equals(this.transactions.execute((status) -> this.clients.upsert(realm, definition, null)));
	}

	private static boolean declaresOwnClient(RealmDefinition realm) {
		return realm.clients().stream()
			.anyMatch((client) -> AccountPaths.CLIENT_ID.equals(client.definition().clientId()));
	}

	/**
	 * A public client (RFC 6749 section 2.1) on the code flow only, so the provider requires
	 * PKCE of it; no refresh tokens, because the page needs the tokens once, at login; no
	 * consent, because the page belongs to the provider itself and shows the user their own data;
	 * a public subject, because it is no agency system that could correlate users.
	 */
	ClientDefinition definition(String realm) {
		return new ClientDefinition(AccountPaths.CLIENT_ID, "Trang tài khoản Thang Long ID", ClientAuthMethod.NONE,
				List.of(this.base.callback(realm)), List.of(this.base.loggedOut(realm)), Set.of("authorization_code"),
				SCOPES, false, "RS256", Duration.ofMinutes(5), Duration.ofHours(8), Duration.ofMinutes(1),
				Duration.ofMinutes(5), null, null, ClientDefinition.PUBLIC, null);
	}

}
