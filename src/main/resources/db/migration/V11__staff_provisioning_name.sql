-- What a provisioning system calls a staff record, its userName (unique per realm, ignoring case:
-- user_name_key is the lower-cased form) and its externalId, becomes identity's: the staff listing
-- filters on both in SQL and should join only its own tables. The rows of SCIM's scim_user (V7)
-- move here unchanged and scim_user goes; SCIM writes them through identity's ProvisioningNames.
-- Runs unchanged on H2 and PostgreSQL.
create table staff_provisioning_name (
    staff_record_id  varchar(36)   not null primary key references staff_record (id),
    realm            varchar(64)   not null,
    user_name        varchar(300)  not null,
    user_name_key    varchar(300)  not null,
    external_id      varchar(300),
    version          bigint        not null,
    created_at       timestamp with time zone not null,
    updated_at       timestamp with time zone not null,
    constraint uq_staff_provisioning_user_name unique (realm, user_name_key)
);
create index ix_staff_provisioning_external_id on staff_provisioning_name (realm, external_id);
-- userName eq across the realm (as ix_scim_user_name_key of V9): the semi-join of
-- JdbcStaffDirectory does not repeat the realm, which the outer query restricts.
create index ix_staff_provisioning_user_name_key on staff_provisioning_name (user_name_key);
insert into staff_provisioning_name (staff_record_id, realm, user_name, user_name_key, external_id, version,
        created_at, updated_at)
    select staff_record_id, realm, user_name, user_name_key, external_id, version, created_at, updated_at
    from scim_user;
drop table scim_user;
