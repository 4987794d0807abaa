package vn.thanglong.id.realm;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.jspecify.annotations.Nullable;

/**
 * One realm: its own issuer {@code {base}/realms/{name}}, clients, users and keys.
 *
 * @param name the path segment of the issuer
 * @param displayNames the realm's name per language tag ({@code vi}, {@code en})
 * @param demo a demo realm may hold literal demo passwords and secrets
 * @param pkceRequiredForAllClients when false, only public clients must use PKCE
 * @param clients the realm's clients with their secrets
 * @param users demo or test users with their passwords
 */
public record RealmDefinition(String name, Map<String, String> displayNames, boolean demo,
		boolean pkceRequiredForAllClients, List<ConfiguredClient> clients, List<ConfiguredUser> users) {

	public RealmDefinition {
		displayNames = Map.copyOf(displayNames);
		clients = List.copyOf(clients);
		users = List.copyOf(users);
	}

	/** Whether realm-config declares this client, which the start-up import then writes as declared. */
	public boolean declaresClient(String clientId) {
		return this.clients.stream().anyMatch((client) -> client.definition().clientId().equals(clientId));
	}

	/** Every scope some client of the realm-config of this realm lists. */
	public Set<String> declaredScopes() {
		Set<String> scopes = new TreeSet<>();
		this.clients.forEach((client) -> scopes.addAll(client.definition().scopes()));
		return Collections.unmodifiableSet(scopes);
	}

	public String displayName(String language) {
		return this.displayNames.getOrDefault(language, this.displayNames.getOrDefault("vi", this.name));
	}

	/** A client and its secret (absent for public and {@code private_key_jwt} clients). */
	public record ConfiguredClient(ClientDefinition definition, @Nullable Secret secret) {
	}

	/** A declared user and the password to set. */
	public record ConfiguredUser(UserDefinition definition, Secret password) {
	}

}
