-- When each revocation was recorded, on the database's clock: every node reads the revocations
-- recorded since its last look (about once a second) instead of asking the table at every
-- introspection, so the column needs an index.
alter table revoked_access_token add column revoked_at timestamp with time zone default current_timestamp not null;
create index ix_revoked_access_token_recorded on revoked_access_token (revoked_at);
