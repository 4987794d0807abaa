-- Idempotency keys of the admin API (hire): the first answer to a key, replayed when the same
-- client repeats the same request with the same key, so that a retried hire never hires twice.
-- request_hash is an HMAC of the request body under a per-realm secret: the body carries a
-- personal ID number, which must not be recoverable from this table. A row in state 'pending'
-- holds the key while its request runs. Shared by every node; portable between H2 and PostgreSQL.
create table admin_idempotency_key (
    realm           varchar(64)  not null,
    client_id       varchar(200) not null,
    idempotency_key varchar(255) not null,
    request_hash    varchar(64)  not null,
    state           varchar(16)  not null,
    status_code     integer,
    etag            varchar(64),
    location        varchar(1000),
    response_body   text,
    created_at      timestamp with time zone not null,
    primary key (realm, client_id, idempotency_key)
);
create index ix_admin_idempotency_key_created on admin_idempotency_key (created_at);
