-- The provider's and the public's side of the request workflows (art. 18, 19, 26, 38, 44).
-- Portable SQL: the same file runs on H2 (PostgreSQL mode) and PostgreSQL.

-- Art. 18: the security measures a requester accepted, one code each (comma-separated), instead
-- of a free-text commitment.
alter table data_request add column accepted_measures text;

-- Art. 26: a natural person applies without an organisation's key. The ID number is kept masked
-- only; the person follows the application by a token of which the store keeps the SHA-256 only.
alter table data_request add column person_id_masked varchar(32);
alter table data_request add column person_token_hash varchar(64);
alter table data_request add column identity_verified_at timestamp with time zone;
alter table data_request add column identity_verified_by varchar(100);
create unique index data_request_person_token on data_request (person_token_hash);

-- Art. 38: the holder confirms that what it obtained under an ended emergency grant was deleted
-- or sealed; the confirmation is due within working days of the sealing record.
alter table emergency_sealing add column due_by date;
alter table emergency_sealing add column confirmed_action varchar(16);
alter table emergency_sealing add column confirmed_statement text;
alter table emergency_sealing add column confirmed_at timestamp with time zone;
alter table emergency_sealing add column confirmed_by varchar(100);

-- Art. 44: complaints (投诉), from the 12345 hotline, the web or a letter, routed to the
-- organisation responsible, answered within working days, escalated to the agency when late.
-- The complainant's contact is kept masked.
create table complaint (
    id               varchar(40)  primary key,
    source           varchar(16)  not null,
    complainant      varchar(100),
    contact_masked   varchar(64),
    resource_code    varchar(64),
    subject          text         not null,
    responsible_uscc varchar(18)  not null,
    filed_by         varchar(100) not null,
    filed_on         date         not null,
    filed_at         timestamp with time zone not null,
    due_by           date         not null,
    status           varchar(16)  not null,
    answer           text,
    answered_at      timestamp with time zone,
    answered_by      varchar(100),
    escalated_at     timestamp with time zone,
    token_hash       varchar(64)
);
create index complaint_responsible on complaint (responsible_uscc, status);
