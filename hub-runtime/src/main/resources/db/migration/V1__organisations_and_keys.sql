-- Organisations (art. 7: each names a chief data officer and a data specialist) and API keys.
-- Portable SQL: the same file runs on H2 (PostgreSQL mode) and PostgreSQL.

create table organisation (
    uscc               varchar(18)  primary key,
    name               varchar(200) not null,
    kind               varchar(20)  not null,
    level              varchar(16)  not null,
    region_code        varchar(6),
    parent_uscc        varchar(18)  references organisation (uscc),
    chief_data_officer varchar(100),
    data_specialist    varchar(100),
    created_at         timestamp with time zone not null
);

create table api_key (
    key_id            varchar(64)  primary key,
    key_hash          char(64)     not null unique,
    organisation_uscc varchar(18)  not null references organisation (uscc),
    holder            varchar(100) not null,
    roles             varchar(100) not null,
    created_at        timestamp with time zone not null,
    revoked_at        timestamp with time zone
);
