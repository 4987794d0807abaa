package vn.thanglong.id.realm;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A client as stored in the database.
 *
 * @param id the stable internal identifier (never shown to users)
 * @param secretHash the salted hash of the client secret, if the client has one
 */
public record StoredClient(String id, String realm, ClientDefinition definition, @Nullable String secretHash,
		Instant createdAt, Instant updatedAt) {
}
