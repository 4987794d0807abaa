-- Listings of staff and units are filtered, sorted and paged in the database (SCIM at 50,000 staff
-- a realm). These serve what would otherwise read every record of the realm: the default order
-- (oldest first) with its window, and incremental synchronisation by last change, which
-- compares the record's and the person's times each against its own index. Runs unchanged on H2
-- and PostgreSQL.
create index ix_staff_record_realm_created on staff_record (realm, created_at, id);
create index ix_staff_record_realm_updated on staff_record (realm, updated_at);
create index ix_person_realm_updated on person (realm, updated_at);
-- Groups: a realm's active units by agency code.
create index ix_agency_unit_realm_status_code on agency_unit (realm, status, code);
-- userName eq across the realm's links: uq_scim_user_name leads with the realm, which the
-- semi-join of JdbcStaffDirectory does not repeat (the outer query restricts the realm).
create index ix_scim_user_name_key on scim_user (user_name_key);
