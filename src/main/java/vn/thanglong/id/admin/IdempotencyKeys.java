package vn.thanglong.id.admin;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionOperations;

/**
 * {@code Idempotency-Key} (draft-ietf-httpapi-idempotency-key-header) for writes that create:
 * the first answer to a key is stored with an HMAC of the request and replayed when the same
 * client sends the same request with the same key; the same key with another request is
 * refused (422), and while the first request still runs, a second one is refused (409).
 * The key is claimed in a transaction of its own, so that every node sees it at once; the
 * write and its stored answer then commit together. A write that fails releases the key: a
 * refused request has changed nothing, and the client may correct it and retry.
 * Keys are kept for {@link #RETENTION}.
 */
final class IdempotencyKeys {

	static final String HEADER = "Idempotency-Key";

	static final Duration RETENTION = Duration.ofHours(24);

	/** A request still pending after this is taken to have died with its node. */
	static final Duration ABANDONED = Duration.ofMinutes(5);

	private static final Pattern KEY = Pattern.compile("[\\x21-\\x7E]{1,255}");

	private final JdbcClient jdbc;

	private final TransactionOperations transactions;

	private final Function<String, byte[]> realmSecrets;

	private final Clock clock;

	/** @param realmSecrets a secret per realm that keys the request HMAC */
	IdempotencyKeys(JdbcClient jdbc, TransactionOperations transactions, Function<String, byte[]> realmSecrets,
			Clock clock) {
		this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
		this.transactions = Objects.requireNonNull(transactions, "transactions");
		this.realmSecrets = Objects.requireNonNull(realmSecrets, "realmSecrets");
		this.clock = Objects.requireNonNull(clock, "clock");
	}

	/**
	 * Deletes keys past their retention, so that the table stays bounded; safe on every node at
	 * once. A key is only ever looked up within its retention, so nothing deleted is still needed.
	 */
	@org.springframework.scheduling.annotation.Scheduled(fixedDelayString = "${idp.authorizations.purge-interval:PT10M}",
			initialDelayString = "${idp.authorizations.purge-interval:PT10M}")
	int purgeExpired() {
		return this.jdbc.sql("delete from admin_idempotency_key where created_at < ?")
			.param(java.sql.Timestamp.from(this.clock.instant().minus(RETENTION)))
			.update();
	}

	/** What a write answered: replayed byte for byte. */
	record Answer(int status, String etag, String location, String body) {
	}

	/** Whether the answer is a fresh one or the replay of an earlier request. */
	record Outcome(Answer answer, boolean replayed) {
	}

	/**
	 * Runs {@code write} once per key.
	 * @param request what identifies the request: method, path and canonical body
	 */
	Outcome once(String realm, String clientId, String key, byte[] request, Supplier<Answer> write) {
		if (!KEY.matcher(key).matches()) {
			throw AdminProblemException.invalid(HEADER, "must be 1-255 visible ASCII characters");
		}
		String hash = hmac(realm, request);
		Optional<Outcome> earlier = claim(realm, clientId, key, hash);
		if (earlier.isPresent()) {
			return earlier.get();
		}
		try {
			Answer answer = Objects.requireNonNull(this.transactions.execute((status) -> {
				Answer done = write.get();
				this.jdbc.sql("update admin_idempotency_key set state = 'done', status_code = ?, etag = ?, location = ?, "
						+ "response_body = ? where realm = ? and client_id = ? and idempotency_key = ?")
					.params(done.status(), done.etag(), done.location(), done.body(), realm, clientId, key)
					.update();
				return done;
			}));
			return new Outcome(answer, false);
		}
		catch (RuntimeException ex) {
			release(realm, clientId, key);
			throw ex;
		}
	}

	/** Empty when this request now holds the key; otherwise the answer to give instead. */
	private Optional<Outcome> claim(String realm, String clientId, String key, String hash) {
		for (int attempt = 0; attempt < 2; attempt++) {
			Instant now = this.clock.instant();
			try {
				this.jdbc.sql("insert into admin_idempotency_key (realm, client_id, idempotency_key, request_hash, state, "
						+ "created_at) values (?, ?, ?, ?, 'pending', ?)")
					.params(realm, clientId, key, hash, Timestamp.from(now))
					.update();
				return Optional.empty();
			}
			catch (DuplicateKeyException taken) {
				Optional<Stored> stored = find(realm, clientId, key);
				if (stored.isEmpty()) {
					continue; // released meanwhile
				}
				Stored row = stored.get();
				boolean expired = row.createdAt().isBefore(now.minus(RETENTION));
				boolean abandoned = "pending".equals(row.state()) && row.createdAt().isBefore(now.minus(ABANDONED));
				if (expired || abandoned) {
					this.jdbc.sql("delete from admin_idempotency_key where realm = ? and client_id = ? and "
							+ "idempotency_key = ? and created_at = ?")
						.params(realm, clientId, key, Timestamp.from(row.createdAt()))
						.update();
					continue;
				}
				if (!row.hash().equals(hash)) {
					throw new AdminProblemException(ProblemType.IDEMPOTENCY_KEY_REUSED,
							"This Idempotency-Key was used for a different request.",
							java.util.List.of(new FieldProblem(HEADER, "was used for a different request")));
				}
				if (row.answer() == null) {
					throw new AdminProblemException(ProblemType.IDEMPOTENCY_KEY_IN_USE,
							"A request with this Idempotency-Key is still being processed; retry later.");
				}
				return Optional.of(new Outcome(row.answer(), true));
			}
		}
		throw new AdminProblemException(ProblemType.IDEMPOTENCY_KEY_IN_USE,
				"A request with this Idempotency-Key is still being processed; retry later.");
	}

	private void release(String realm, String clientId, String key) {
		this.jdbc.sql("delete from admin_idempotency_key where realm = ? and client_id = ? and idempotency_key = ? "
				+ "and state = 'pending'")
			.params(realm, clientId, key)
			.update();
	}

	private record Stored(String hash, String state, Instant createdAt, @Nullable Answer answer) {
	}

	private Optional<Stored> find(String realm, String clientId, String key) {
		return this.jdbc.sql("select request_hash, state, created_at, status_code, etag, location, response_body "
				+ "from admin_idempotency_key where realm = ? and client_id = ? and idempotency_key = ?")
			.params(realm, clientId, key)
			.query((rs, row) -> {
				String state = rs.getString("state");
				Answer answer = "done".equals(state) ? new Answer(rs.getInt("status_code"), rs.getString("etag"),
						rs.getString("location"), rs.getString("response_body")) : null;
				return new Stored(rs.getString("request_hash"), state, rs.getTimestamp("created_at").toInstant(), answer);
			})
			.optional();
	}

	/**
	 * HMAC-SHA256 under a key derived from the realm's secret: the request holds a personal ID
	 * number, which a plain hash of a request of known shape would let anyone with the table
	 * recover by trying every number.
	 */
	private String hmac(String realm, byte[] request) {
		try {
			Mac derive = Mac.getInstance("HmacSHA256");
			derive.init(new SecretKeySpec(this.realmSecrets.apply(realm), "HmacSHA256"));
			byte[] key = derive.doFinal("thanglong-id admin idempotency v1".getBytes(StandardCharsets.US_ASCII));
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(key, "HmacSHA256"));
			return HexFormat.of().formatHex(mac.doFinal(request));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is required of every Java platform", ex);
		}
	}

}
