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
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * Clients in the {@code realm_client} table, the definition kept as a JSON document. Look-ups
 * are cached for a few seconds: the token endpoint reads the client on every request, and a
 * changed client reaches every node within {@link #CACHE_TTL}.
 */
final class JdbcClientStore implements ClientStore {

	static final Duration CACHE_TTL = Duration.ofSeconds(10);

	private final JdbcClient jdbc;

	private final JsonMapper json;

	private final ClientSecretHasher hasher;

	private final Clock clock;

	private final ConcurrentHashMap<String, Cached> byClientId = new ConcurrentHashMap<>();

	private final ConcurrentHashMap<String, Cached> byId = new ConcurrentHashMap<>();

	JdbcClientStore(JdbcClient jdbc, JsonMapper json, ClientSecretHasher hasher, Clock clock) {
		this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
		this.json = Objects.requireNonNull(json, "json");
		this.hasher = Objects.requireNonNull(hasher, "hasher");
		this.clock = Objects.requireNonNull(clock, "clock");
	}

	@Override
	public Optional<StoredClient> findByClientId(String realm, String clientId) {
		return cached(this.byClientId, realm + "\u0000" + clientId,
				() -> this.jdbc.sql("select * from realm_client where realm = ? and client_id = ?")
					.params(realm, clientId).query(this::map).optional());
	}

	@Override
	public Optional<StoredClient> findById(String id) {
		return cached(this.byId, id,
				() -> this.jdbc.sql("select * from realm_client where id = ?").param(id).query(this::map).optional());
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
		this.byClientId.clear();
		this.byId.clear();
		return written;
	}

	private Optional<StoredClient> cached(ConcurrentHashMap<String, Cached> cache, String key,
			java.util.function.Supplier<Optional<StoredClient>> loader) {
		Instant now = this.clock.instant();
		Cached hit = cache.get(key);
		if (hit != null && hit.expiresAt().isAfter(now)) {
			return hit.client();
		}
		Optional<StoredClient> loaded = loader.get();
		cache.put(key, new Cached(loaded, now.plus(CACHE_TTL)));
		return loaded;
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

	private record Cached(Optional<StoredClient> client, Instant expiresAt) {
	}

}
