-- Holiday notices (放假调休) loaded at run time, one per year, for the years the shipped holiday
-- list does not cover yet: kept in the store so that they survive a restart and every node of a
-- platform (one shared store) counts working days alike. The CSV is kept as it was loaded.
-- Portable SQL: the same file runs on H2 (PostgreSQL mode) and PostgreSQL.
create table calendar_notice (
    notice_year integer      primary key,
    source      varchar(200) not null,
    csv         text         not null,
    loaded_at   timestamp with time zone not null,
    loaded_by   varchar(100) not null
);
