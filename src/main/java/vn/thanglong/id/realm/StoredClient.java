package vn.thanglong.id.realm;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A client as stored in the database.
 *
 * @param id the stable internal identifier (never shown to users)
 * @param secretHash the salted hash of the client secret, if the client has one
 * @param version increases with every write; the admin API's entity tag
 * @param enabled whether the client may obtain and use tokens; a disabled client is unknown to
 * the authorization server
 * @param origin what wrote the client: the start-up import or the admin API
 */
public record StoredClient(String id, String realm, ClientDefinition definition, @Nullable String secretHash,
		Instant createdAt, Instant updatedAt, long version, boolean enabled, ClientOrigin origin) {

	/** The secret hash is a credential verifier: keep it out of logs. */
	@Override
	public String toString() {
		return "StoredClient[" + this.realm + "/" + this.definition.clientId() + ", version " + this.version
				+ (this.enabled ? "" : ", disabled") + "]";
	}

}
