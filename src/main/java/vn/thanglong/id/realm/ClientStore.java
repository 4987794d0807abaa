package vn.thanglong.id.realm;

import java.util.Optional;

import org.jspecify.annotations.Nullable;

/** The clients of every realm. */
public interface ClientStore {

	Optional<StoredClient> findByClientId(String realm, String clientId);

	Optional<StoredClient> findById(String id);

	/**
	 * Creates the client, or updates it when its definition or secret changed; answers
	 * whether anything was written.
	 */
	boolean upsert(String realm, ClientDefinition definition, @Nullable Secret secret);

}
