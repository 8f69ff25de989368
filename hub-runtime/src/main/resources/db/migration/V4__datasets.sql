-- Aggregated data (汇聚, art. 11-12): one dataset per resource, keyed by the record's
-- article-10 identifier (as masked by the aggregation profile); the latest version wins and
-- its provenance is kept.
create table dataset_record (
    resource_code   varchar(64)  not null,
    record_key      varchar(200) not null,
    payload         text         not null,
    resource_version integer     not null,
    source_node     varchar(64)  not null,
    source_org      varchar(18)  not null,
    message_id      varchar(64)  not null,
    received_at     timestamp with time zone not null,
    primary key (resource_code, record_key)
);

-- Messages already landed, so that a redelivered message is not applied twice.
create table landed_message (
    message_id varchar(64) primary key,
    resource_code varchar(64) not null,
    landed_at  timestamp with time zone not null
);
