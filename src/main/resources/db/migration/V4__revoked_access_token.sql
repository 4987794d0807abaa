-- Access tokens of the client_credentials grant are self-contained JWTs and are not stored:
-- introspection verifies them by signature. A revoked one (RFC 7009) is remembered here by its
-- jti until it would have expired anyway. Shared by every node.
create table revoked_access_token (
    token_id    varchar(64) not null primary key,
    expires_at  timestamp with time zone not null
);
create index ix_revoked_access_token_expiry on revoked_access_token (expires_at);
