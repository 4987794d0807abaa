-- PostgreSQL only: a refresh replaces a grant's tokens, which is not a HOT update, so every index
-- of the table gets a new entry for the new row version, whatever its column holds. The state,
-- user code and device code of a grant are null once its code is redeemed (and the device flow
-- is not offered): indexes of their set values alone serve every look-up, which asks for a value
-- (col = ?, implying col is not null), and spare each refresh three index insertions.
-- Built and dropped concurrently, as V12_1. A new index is dropped before it is built: a run
-- interrupted during a concurrent build leaves an invalid index behind, which "if not exists"
-- would keep; so a repeated run builds it anew, and only then drops the old one.
drop index concurrently if exists ix_authz_state_set;
create index concurrently ix_authz_state_set on oauth2_authorization (state) where state is not null;
drop index concurrently if exists ix_authz_user_code_set;
create index concurrently ix_authz_user_code_set on oauth2_authorization (user_code_value) where user_code_value is not null;
drop index concurrently if exists ix_authz_device_code_set;
create index concurrently ix_authz_device_code_set on oauth2_authorization (device_code_value) where device_code_value is not null;
drop index concurrently if exists ix_authz_state;
drop index concurrently if exists ix_authz_user_code;
drop index concurrently if exists ix_authz_device_code;
