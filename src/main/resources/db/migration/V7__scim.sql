-- SCIM 2.0 (RFC 7643): what an HR system says about a staff record that the identity model does not
-- hold, its userName (unique per realm, ignoring case: user_name_key is the lower-cased form) and its
-- externalId. Runs unchanged on H2 and PostgreSQL.
create table scim_user (
    staff_record_id  varchar(36)   not null primary key references staff_record (id),
    realm            varchar(64)   not null,
    user_name        varchar(300)  not null,
    user_name_key    varchar(300)  not null,
    external_id      varchar(300),
    version          bigint        not null,
    created_at       timestamp with time zone not null,
    updated_at       timestamp with time zone not null,
    constraint uq_scim_user_name unique (realm, user_name_key)
);
create index ix_scim_user_external_id on scim_user (realm, external_id);
