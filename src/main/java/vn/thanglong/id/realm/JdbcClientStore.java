package vn.thanglong.id.realm;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import tools.jackson.databind.json.JsonMapper;

/**
 * Clients in the {@code realm_client} table, the definition kept as a JSON document. Reads come
 * from an in-memory snapshot of the whole table, never from the database: the authorization
 * server looks clients up while it holds a connection to read an authorization row, and a
 * second connection taken there deadlocks the pool under load. The snapshot is re-read every
 * {@link #REFRESH_INTERVAL} (a client changed on another node is seen within that time) and
 * at once after a local change.
 */
final class JdbcClientStore implements ClientStore, SmartInitializingSingleton {

	static final Duration REFRESH_INTERVAL = Duration.ofSeconds(10);

	private final JdbcClient jdbc;

	private final JsonMapper json;

	private final ClientSecretHasher hasher;

	private final Clock clock;

	private volatile Snapshot snapshot = new Snapshot(Map.of(), Map.of());

	JdbcClientStore(JdbcClient jdbc, JsonMapper json, ClientSecretHasher hasher, Clock clock) {
		this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
		this.json = Objects.requireNonNull(json, "json");
		this.hasher = Objects.requireNonNull(hasher, "hasher");
		this.clock = Objects.requireNonNull(clock, "clock");
	}

	@Override
	public Optional<StoredClient> findByClientId(String realm, String clientId) {
		return Optional.ofNullable(this.snapshot.byClientId().get(realm + "\u0000" + clientId));
	}

	@Override
	public Optional<StoredClient> findById(String id) {
		return Optional.ofNullable(this.snapshot.byId().get(id));
	}

	@Override
	public void afterSingletonsInstantiated() {
		refresh();
	}

	/** Re-reads the table; an unchanged client keeps its object, so what is derived from it stays cached. */
	@Scheduled(fixedDelayString = "${idp.clients.refresh-interval:PT10S}")
	void refresh() {
		Map<String, StoredClient> previous = this.snapshot.byId();
		Map<String, StoredClient> byId = new HashMap<>();
		Map<String, StoredClient> byClientId = new HashMap<>();
		for (StoredClient loaded : this.jdbc.sql("select * from realm_client").query(this::map).list()) {
			StoredClient old = previous.get(loaded.id());
			StoredClient client = (old != null && old.updatedAt().equals(loaded.updatedAt())
					&& Objects.equals(old.secretHash(), loaded.secretHash())) ? old : loaded;
			byId.put(client.id(), client);
			byClientId.put(client.realm() + "\u0000" + client.definition().clientId(), client);
		}
		this.snapshot = new Snapshot(Map.copyOf(byId), Map.copyOf(byClientId));
	}

	@Override
	public boolean upsert(String realm, ClientDefinition definition, @Nullable Secret secret) {
		String document = this.json.writeValueAsString(definition);
		String hash = sha256(document);
		Instant now = this.clock.instant();
		Optional<StoredClient> existing = this.jdbc.sql("select * from realm_client where realm = ? and client_id = ?")
			.params(realm, definition.clientId()).query(this::map).optional();
		boolean written;
		if (existing.isEmpty()) {
			this.jdbc.sql("insert into realm_client (id, realm, client_id, client_secret_hash, definition, "
					+ "definition_hash, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?)")
				.params(UUID.randomUUID().toString(), realm, definition.clientId(),
						(secret != null) ? this.hasher.encode(secret.reveal()) : null, document, hash,
						Timestamp.from(now), Timestamp.from(now))
				.update();
			written = true;
		}
		else {
			StoredClient stored = existing.get();
			String storedHash = this.jdbc.sql("select definition_hash from realm_client where id = ?")
				.param(stored.id()).query(String.class).single();
			boolean secretChanged = (secret == null) ? stored.secretHash() != null
					: !this.hasher.matches(secret.reveal(), stored.secretHash());
			written = secretChanged || !hash.equals(storedHash);
			if (written) {
				this.jdbc.sql("update realm_client set client_secret_hash = ?, definition = ?, definition_hash = ?, "
						+ "updated_at = ? where id = ?")
					.params(secretChanged ? ((secret != null) ? this.hasher.encode(secret.reveal()) : null)
							: stored.secretHash(), document, hash, Timestamp.from(now), stored.id())
					.update();
			}
		}
		refresh();
		return written;
	}

	private StoredClient map(ResultSet rs, int row) throws SQLException {
		return new StoredClient(rs.getString("id"), rs.getString("realm"),
				this.json.readValue(rs.getString("definition"), ClientDefinition.class),
				rs.getString("client_secret_hash"), rs.getTimestamp("created_at").toInstant(),
				rs.getTimestamp("updated_at").toInstant());
	}

	private static String sha256(String text) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
				.digest(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private record Snapshot(Map<String, StoredClient> byId, Map<String, StoredClient> byClientId) {
	}

}
