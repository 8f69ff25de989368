-- Connectors (issue 6): how far each incremental connector instance got, per key, so that a
-- restart neither skips nor repeats. Portable SQL: the same file runs on H2 and PostgreSQL.
create table connector_position (
    connector  varchar(100) not null,
    pos_key    varchar(200) not null,
    pos_value  varchar(1000) not null,
    updated_at timestamp with time zone not null,
    primary key (connector, pos_key)
);
