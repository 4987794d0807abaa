-- Runs unchanged on H2 (embedded default) and PostgreSQL (production).
-- Token values are varchar (indexable on both), JSON documents are text,
-- every instant is a timestamp with time zone.

create table realm_client (
    id                  varchar(100)  not null primary key,
    realm               varchar(64)   not null,
    client_id           varchar(200)  not null,
    client_secret_hash  varchar(300),
    definition          text          not null,
    definition_hash     varchar(64)   not null,
    created_at          timestamp with time zone not null,
    updated_at          timestamp with time zone not null,
    constraint uq_realm_client unique (realm, client_id)
);

create table user_account (
    id              varchar(36)   not null primary key,
    realm           varchar(64)   not null,
    username        varchar(200)  not null,
    password_hash   varchar(300),
    enabled         boolean       not null,
    profile         text          not null,
    created_at      timestamp with time zone not null,
    updated_at      timestamp with time zone not null,
    constraint uq_user_account unique (realm, username)
);

create table oauth2_authorization (
    id                            varchar(100)  not null primary key,
    registered_client_id          varchar(100)  not null,
    principal_name                varchar(200)  not null,
    authorization_grant_type      varchar(100)  not null,
    authorized_scopes             varchar(1000),
    attributes                    text,
    state                         varchar(500),
    authorization_code_value      varchar,
    authorization_code_issued_at  timestamp with time zone,
    authorization_code_expires_at timestamp with time zone,
    authorization_code_metadata   text,
    access_token_value            varchar,
    access_token_issued_at        timestamp with time zone,
    access_token_expires_at       timestamp with time zone,
    access_token_metadata         text,
    access_token_type             varchar(100),
    access_token_scopes           varchar(1000),
    oidc_id_token_value           varchar,
    oidc_id_token_issued_at       timestamp with time zone,
    oidc_id_token_expires_at      timestamp with time zone,
    oidc_id_token_metadata        text,
    refresh_token_value           varchar,
    refresh_token_issued_at       timestamp with time zone,
    refresh_token_expires_at      timestamp with time zone,
    refresh_token_metadata        text,
    user_code_value               varchar,
    user_code_issued_at           timestamp with time zone,
    user_code_expires_at          timestamp with time zone,
    user_code_metadata            text,
    device_code_value             varchar,
    device_code_issued_at         timestamp with time zone,
    device_code_expires_at        timestamp with time zone,
    device_code_metadata          text,
    -- not written by the stock service: lets the purge find authorizations that never got a token
    created_at                    timestamp with time zone default current_timestamp not null
);

-- Every token look-up of the authorization server is by exact value: index each.
create index ix_authz_state        on oauth2_authorization (state);
create index ix_authz_code         on oauth2_authorization (authorization_code_value);
create index ix_authz_access       on oauth2_authorization (access_token_value);
create index ix_authz_refresh      on oauth2_authorization (refresh_token_value);
create index ix_authz_id_token     on oauth2_authorization (oidc_id_token_value);
create index ix_authz_user_code    on oauth2_authorization (user_code_value);
create index ix_authz_device_code  on oauth2_authorization (device_code_value);
create index ix_authz_principal    on oauth2_authorization (principal_name);

-- Used refresh tokens, kept (as SHA-256 digests) until their grant expires, so that a
-- replayed one is recognised and its whole grant revoked (RFC 9700 section 4.14.2).
create table used_refresh_token (
    token_hash        varchar(64)   not null primary key,
    authorization_id  varchar(100)  not null,
    expires_at        timestamp with time zone not null
);
create index ix_used_refresh_expiry on used_refresh_token (expires_at);

create table oauth2_authorization_consent (
    registered_client_id  varchar(100)  not null,
    principal_name        varchar(200)  not null,
    authorities           varchar(1000) not null,
    primary key (registered_client_id, principal_name)
);
