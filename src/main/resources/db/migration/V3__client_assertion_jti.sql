-- jti of private_key_jwt client assertions seen, until they expire: an assertion is used once
-- (OIDC Core section 9, RFC 7523 section 3). Shared by every node.
create table client_assertion_jti (
    jti_hash    varchar(64) not null primary key,
    expires_at  timestamp with time zone not null
);
create index ix_client_assertion_jti_expiry on client_assertion_jti (expires_at);
