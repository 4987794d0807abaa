-- PostgreSQL only: access tokens and ID tokens are JWTs of about a kilobyte, and a B-tree holds
-- each whole value, so every token issued wrote a kilobyte into each of the two indexes (and a
-- refresh, which is not a HOT update, writes new entries every time). They are only ever looked
-- up by equality: a hash index keeps four bytes per entry instead.
-- Built and dropped concurrently (Flyway runs these statements outside a transaction): nodes
-- still running the previous version keep issuing and looking up tokens meanwhile.
create index concurrently if not exists ix_authz_access_hash on oauth2_authorization using hash (access_token_value);
drop index concurrently if exists ix_authz_access;
create index concurrently if not exists ix_authz_id_token_hash on oauth2_authorization using hash (oidc_id_token_value);
drop index concurrently if exists ix_authz_id_token;
