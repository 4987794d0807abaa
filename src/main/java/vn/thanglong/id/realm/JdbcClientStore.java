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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.databind.json.JsonMapper;

/**
 * Clients in the {@code realm_client} table, the definition kept as a JSON document. Look-ups by
 * id and client id come from an in-memory snapshot of the whole table, never from the database:
 * the authorization server looks clients up while it holds a connection to read an authorization
 * row, and a second connection taken there deadlocks the pool under load. The snapshot is re-read
 * every {@link #REFRESH_INTERVAL} (a client changed on another node is seen within that time) and
 * at once after a local write commits; each client seen changed is announced as
 * {@link ClientChanged}.
 */
final class JdbcClientStore implements ClientStore, SmartInitializingSingleton {

	static final Duration REFRESH_INTERVAL = Duration.ofSeconds(10);

	private final JdbcClient jdbc;

	private final JsonMapper json;

	private final ClientSecretHasher hasher;

	private final Clock clock;

	private final ApplicationEventPublisher events;

	private volatile Snapshot snapshot = new Snapshot(Map.of(), Map.of());

	JdbcClientStore(JdbcClient jdbc, JsonMapper json, ClientSecretHasher hasher, Clock clock,
			ApplicationEventPublisher events) {
		this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
		this.json = Objects.requireNonNull(json, "json");
		this.hasher = Objects.requireNonNull(hasher, "hasher");
		this.clock = Objects.requireNonNull(clock, "clock");
		this.events = Objects.requireNonNull(events, "events");
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

	/**
	 * Re-reads the table; an unchanged client keeps its object, so what is derived from it stays
	 * cached. Serialized, so that a scheduled read that began before a local commit cannot
	 * overwrite the snapshot taken after it.
	 */
	@Scheduled(fixedDelayString = "${idp.clients.refresh-interval:PT10S}")
	synchronized void refresh() {
		Map<String, StoredClient> previous = this.snapshot.byId();
		Map<String, StoredClient> byId = new HashMap<>();
		Map<String, StoredClient> byClientId = new HashMap<>();
		List<StoredClient> changed = new ArrayList<>();
		for (StoredClient loaded : this.jdbc.sql("select * from realm_client").query(this::map).list()) {
			StoredClient old = previous.get(loaded.id());
			boolean same = old != null && old.version() == loaded.version() && old.enabled() == loaded.enabled()
					&& old.updatedAt().equals(loaded.updatedAt()) && Objects.equals(old.secretHash(), loaded.secretHash());
			StoredClient client = same ? old : loaded;
			if (!same) {
				changed.add(loaded);
			}
			byId.put(client.id(), client);
			byClientId.put(client.realm() + "\u0000" + client.definition().clientId(), client);
		}
		this.snapshot = new Snapshot(Map.copyOf(byId), Map.copyOf(byClientId));
		changed.forEach((client) -> this.events.publishEvent(
				new ClientChanged(client.id(), client.realm(), client.definition().clientId())));
	}

	@Override
	public boolean upsert(String realm, ClientDefinition definition, @Nullable Secret secret) {
		String document = this.json.writeValueAsString(definition);
		String hash = sha256(document);
		Instant now = this.clock.instant();
		Optional<StoredClient> existing = read(realm, definition.clientId());
		boolean written;
		if (existing.isEmpty()) {
			insert(realm, definition, secret, ClientOrigin.IMPORT);
			written = true;
		}
		else {
			StoredClient stored = existing.get();
			String storedHash = this.jdbc.sql("select definition_hash from realm_client where id = ?")
				.param(stored.id()).query(String.class).single();
			boolean secretChanged = (secret == null) ? stored.secretHash() != null
					: !this.hasher.matches(secret.reveal(), stored.secretHash());
			// a client the admin API created (or disabled) becomes what the file now declares
			written = secretChanged || !hash.equals(storedHash) || !stored.enabled()
					|| stored.origin() != ClientOrigin.IMPORT;
			if (written) {
				this.jdbc.sql("update realm_client set client_secret_hash = ?, definition = ?, definition_hash = ?, "
						+ "updated_at = ?, version = version + 1, enabled = ?, origin = ? where id = ?")
					.params(secretChanged ? ((secret != null) ? this.hasher.encode(secret.reveal()) : null)
							: stored.secretHash(), document, hash, Timestamp.from(now), true,
							ClientOrigin.IMPORT.value(), stored.id())
					.update();
			}
		}
		refreshAfterCommit();
		return written;
	}

	@Override
	public List<StoredClient> list(String realm, @Nullable String afterClientId, int limit) {
		return this.jdbc.sql("select * from realm_client where realm = ? and client_id > ? order by client_id limit ?")
			.params(realm, (afterClientId != null) ? afterClientId : "", limit)
			.query(this::map)
			.list();
	}

	@Override
	public Optional<StoredClient> read(String realm, String clientId) {
		return this.jdbc.sql("select * from realm_client where realm = ? and client_id = ?")
			.params(realm, clientId).query(this::map).optional();
	}

	@Override
	public StoredClient create(String realm, ClientDefinition definition, @Nullable Secret secret) {
		insert(realm, definition, secret, ClientOrigin.ADMIN_API);
		refreshAfterCommit();
		return read(realm, definition.clientId()).orElseThrow();
	}

	@Override
	public StoredClient update(String realm, String clientId, long expectedVersion, ClientDefinition definition,
			@Nullable Secret replacement) {
		if (!definition.clientId().equals(clientId)) {
			throw new IllegalArgumentException("the client id of a client does not change");
		}
		StoredClient stored = read(realm, clientId).orElseThrow(() -> new StaleClientException(realm, clientId,
				expectedVersion));
		String secretHash = !definition.authMethod().usesSecret() ? null
				: (replacement != null) ? this.hasher.encode(replacement.reveal()) : stored.secretHash();
		String document = this.json.writeValueAsString(definition);
		int rows = this.jdbc.sql("update realm_client set client_secret_hash = ?, definition = ?, definition_hash = ?, "
				+ "updated_at = ?, version = version + 1 where realm = ? and client_id = ? and version = ?")
			.params(secretHash, document, sha256(document), Timestamp.from(this.clock.instant()), realm, clientId,
					expectedVersion)
			.update();
		return written(rows, realm, clientId, expectedVersion);
	}

	@Override
	public StoredClient setEnabled(String realm, String clientId, long expectedVersion, boolean enabled) {
		int rows = this.jdbc.sql("update realm_client set enabled = ?, updated_at = ?, version = version + 1 "
				+ "where realm = ? and client_id = ? and version = ?")
			.params(enabled, Timestamp.from(this.clock.instant()), realm, clientId, expectedVersion)
			.update();
		return written(rows, realm, clientId, expectedVersion);
	}

	private StoredClient written(int rows, String realm, String clientId, long expectedVersion) {
		if (rows == 0) {
			throw new StaleClientException(realm, clientId, expectedVersion);
		}
		refreshAfterCommit();
		return read(realm, clientId).orElseThrow();
	}

	private void insert(String realm, ClientDefinition definition, @Nullable Secret secret, ClientOrigin origin) {
		String document = this.json.writeValueAsString(definition);
		Timestamp now = Timestamp.from(this.clock.instant());
		this.jdbc.sql("insert into realm_client (id, realm, client_id, client_secret_hash, definition, "
				+ "definition_hash, created_at, updated_at, version, enabled, origin) "
				+ "values (?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)")
			.params(UUID.randomUUID().toString(), realm, definition.clientId(),
					(secret != null) ? this.hasher.encode(secret.reveal()) : null, document, sha256(document), now, now,
					true, origin.value())
			.update();
	}

	/**
	 * The snapshot follows a write once it is committed: re-read inside the transaction, it
	 * would serve a client that a rollback then undoes.
	 */
	private void refreshAfterCommit() {
		if (!TransactionSynchronizationManager.isSynchronizationActive()) {
			refresh();
			return;
		}
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {

			@Override
			public void afterCommit() {
				refresh();
			}

		});
	}

	private StoredClient map(ResultSet rs, int row) throws SQLException {
		return new StoredClient(rs.getString("id"), rs.getString("realm"),
				this.json.readValue(rs.getString("definition"), ClientDefinition.class),
				rs.getString("client_secret_hash"), rs.getTimestamp("created_at").toInstant(),
				rs.getTimestamp("updated_at").toInstant(), rs.getLong("version"), rs.getBoolean("enabled"),
				ClientOrigin.of(rs.getString("origin")));
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
