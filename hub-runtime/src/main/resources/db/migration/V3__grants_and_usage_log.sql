-- Grants (授权): what a requester may use (art. 19), and the usage log (使用日志, art. 19).

create table grant_record (
    id            varchar(40)  primary key,
    holder_uscc   varchar(18)  not null references organisation (uscc),
    resource_code varchar(64)  not null,
    fields        text         not null,
    clear_fields  text         not null,
    purpose       varchar(500) not null,
    valid_from    timestamp with time zone not null,
    valid_to      timestamp with time zone not null,
    source_kind   varchar(30)  not null,
    source_id     varchar(64),
    -- art. 38 emergency grants: scope, method; the period is valid_from..valid_to
    emergency_scope  varchar(500),
    emergency_method varchar(500),
    created_at    timestamp with time zone not null,
    created_by    varchar(100) not null,
    revoked_at    timestamp with time zone,
    revoked_by    varchar(100),
    expired_handled_at timestamp with time zone
);
create index grant_holder_resource on grant_record (holder_uscc, resource_code);

-- One hash chain per node: each entry holds the previous entry's hash, so an edited, inserted
-- or deleted entry breaks the chain. No raw personal data: field names, counts and a digest
-- of the delivered (masked) payload only.
create table usage_log (
    node_id        varchar(64)  not null,
    seq            bigint       not null,
    at             timestamp with time zone not null,
    person         varchar(100),
    organisation   varchar(18),
    purpose        varchar(500),
    grant_id       varchar(40),
    resource_code  varchar(64),
    destination    varchar(16),
    fields         text,
    record_count   integer      not null,
    rejected_count integer      not null,
    decision       varchar(16)  not null,
    rule           varchar(100),
    masking        text,
    payload_digest char(64),
    trace_id       varchar(64),
    message_id     varchar(64),
    detail         text,
    prev_hash      char(64)     not null,
    hash           char(64)     not null,
    primary key (node_id, seq)
);
create index usage_log_resource on usage_log (resource_code, at);
create index usage_log_org on usage_log (organisation, at);

-- The newest entry of each chain, written in the same transaction as the entry, so that
-- deleting the last entries is detected too.
create table usage_log_head (
    node_id varchar(64) primary key,
    seq     bigint      not null,
    hash    char(64)    not null
);
