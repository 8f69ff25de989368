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

-- Art. 9: data bought rather than collected names its supplier and contract; the agency approves
-- the purchase, as it approves a second collection of an item that has an authoritative source,
-- when it reviews the entry. The approving reviewer's statements are kept with the transition.
alter table catalog_revision add column purchase_supplier varchar(200);
alter table catalog_revision add column purchase_contract varchar(200);
alter table catalog_transition add column second_collection_approval text;
alter table catalog_transition add column purchase_approval text;
-- Art. 25: a new resource declared open is approved with the same security and secrecy review as
-- an open-type raise; there is no change row then, so the review is kept with the approving step.
alter table catalog_transition add column security_deidentification text;
alter table catalog_transition add column security_consent_or_basis text;
alter table catalog_transition add column security_secrecy_checked text;
