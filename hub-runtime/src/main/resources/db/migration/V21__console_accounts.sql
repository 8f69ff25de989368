-- People who work in the console: local accounts (bcrypt), bound to an organisation and roles,
-- and their sessions. Only digests of session ids are kept, as for API keys.
-- Portable SQL: the same file runs on H2 (PostgreSQL mode) and PostgreSQL.

create table console_account (
    username          varchar(64)  primary key,
    organisation_uscc varchar(18)  not null references organisation (uscc),
    display_name      varchar(100) not null,
    roles             varchar(100) not null,
    -- null for an account that logs in only through the OIDC provider
    password_hash     varchar(80),
    source            varchar(8)   not null,
    failed_logins     integer      not null default 0,
    locked_until      timestamp with time zone,
    demo              boolean      not null default false,
    created_at        timestamp with time zone not null,
    disabled_at       timestamp with time zone
);

create table console_session (
    id_hash      char(64)     primary key,
    username     varchar(64)  not null references console_account (username),
    csrf_token   varchar(64)  not null,
    created_at   timestamp with time zone not null,
    last_seen_at timestamp with time zone not null
);

create index console_session_last_seen on console_session (last_seen_at);
