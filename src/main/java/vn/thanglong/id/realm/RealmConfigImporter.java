package vn.thanglong.id.realm;

import java.util.Objects;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.transaction.support.TransactionOperations;

import vn.thanglong.id.identity.UserAccounts;

/**
 * Brings the database in line with realm-config before the server takes requests.
 * Idempotent: unchanged files write nothing; a changed client or user is updated; nothing
 * that was created at run time is deleted.
 */
final class RealmConfigImporter implements SmartInitializingSingleton {

	private static final Logger log = LoggerFactory.getLogger(RealmConfigImporter.class);

	private final RealmRegistry registry;

	private final ClientStore clients;

	private final UserAccounts users;

	private final TransactionOperations transactions;

	RealmConfigImporter(RealmRegistry registry, ClientStore clients, UserAccounts users,
			TransactionOperations transactions) {
		this.registry = Objects.requireNonNull(registry, "registry");
		this.clients = Objects.requireNonNull(clients, "clients");
		this.users = Objects.requireNonNull(users, "users");
		this.transactions = Objects.requireNonNull(transactions, "transactions");
	}

	@Override
	public void afterSingletonsInstantiated() {
		for (String name : this.registry.names()) {
			RealmDefinition realm = this.registry.find(name).orElseThrow();
			this.transactions.executeWithoutResult((status) -> {
				int changedClients = 0;
				for (RealmDefinition.ConfiguredClient client : realm.clients()) {
					if (this.clients.upsert(name, client.definition(), client.secret())) {
						changedClients++;
					}
				}
				int changedUsers = 0;
				for (RealmDefinition.ConfiguredUser user : realm.users()) {
					if (this.users.upsert(name, user.definition().username(), user.definition().claims(),
							user.password().reveal())) {
						changedUsers++;
					}
				}
				log.info("Realm '{}': {} clients ({} written), {} users ({} written)", name, realm.clients().size(),
						changedClients, realm.users().size(), changedUsers);
			});
		}
	}

}
