-- Failed password logins per realm and submitted username (whether or not such a user
-- exists), for throttling: NIST SP 800-63B section 5.2.2. Shared by every node.
create table login_failure (
    realm          varchar(64)  not null,
    username       varchar(200) not null,
    failures       integer      not null,
    last_failure   timestamp with time zone not null,
    blocked_until  timestamp with time zone,
    primary key (realm, username)
);
create index ix_login_failure_last on login_failure (last_failure);
