-- Clients managed at run time through the admin API (area admin:clients). A row keeps a version for
-- ETag / If-Match, whether it may obtain tokens, and where it came from: 'import' for what start-up
-- writes (realm-config files, the built-in account-console), 'admin-api' for what an administrator
-- created. Existing rows all came from the import. Runs unchanged on H2 and PostgreSQL.
alter table realm_client add column version bigint default 1 not null;
alter table realm_client add column enabled boolean default true not null;
alter table realm_client add column origin varchar(16) default 'import' not null;
