package vn.thanglong.id.realm;

import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * The clients of every realm. The look-ups by id and client id answer from memory (the
 * authorization server's path); listing and {@link #read} answer from the database, for
 * administration, which must see the latest version.
 */
public interface ClientStore {

	Optional<StoredClient> findByClientId(String realm, String clientId);

	Optional<StoredClient> findById(String id);

	/**
	 * Creates the client, or updates it when its definition or secret changed; answers
	 * whether anything was written. What this writes is the start-up import's
	 * ({@link ClientOrigin#IMPORT}), enabled.
	 */
	boolean upsert(String realm, ClientDefinition definition, @Nullable Secret secret);

	/** The realm's clients ordered by client id, those after {@code afterClientId}, at most {@code limit}. */
	List<StoredClient> list(String realm, @Nullable String afterClientId, int limit);

	/** The client as the database holds it now. */
	Optional<StoredClient> read(String realm, String clientId);

	/**
	 * Creates a client for the admin API ({@link ClientOrigin#ADMIN_API}), enabled, at version 1.
	 *
	 * @throws org.springframework.dao.DuplicateKeyException when the realm has a client with that client id
	 */
	StoredClient create(String realm, ClientDefinition definition, @Nullable Secret secret);

	/**
	 * Replaces the definition of a client at {@code expectedVersion}. The secret: {@code replacement}
	 * when given; otherwise the stored one is kept, unless the new authentication method uses no
	 * secret, which removes it.
	 *
	 * @throws StaleClientException when the stored version is another
	 */
	StoredClient update(String realm, String clientId, long expectedVersion, ClientDefinition definition,
			@Nullable Secret replacement);

	/** @throws StaleClientException when the stored version is another */
	StoredClient setEnabled(String realm, String clientId, long expectedVersion, boolean enabled);

}
