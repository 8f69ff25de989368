-- Lineage (issue 7): the hops a message took through the hierarchy (node, time, masking,
-- usage-log entry, person, purpose), kept once per message at every node it passes.
-- dataset_record.message_id and returned_record point at it.
create table message_trail (
    message_id    varchar(64)  primary key,
    resource_code varchar(64)  not null,
    direction     varchar(8)   not null,
    hops          text         not null,
    recorded_at   timestamp with time zone not null
);

-- Records returned down (返还, art. 20) through this node, by key, so that their lineage can be
-- found here too; the records themselves go on to the organisation's return address.
create table returned_record (
    resource_code varchar(64)  not null,
    record_key    varchar(200) not null,
    message_id    varchar(64)  not null,
    to_org        varchar(18)  not null,
    returned_at   timestamp with time zone not null,
    primary key (resource_code, record_key, message_id)
);

create index usage_log_message on usage_log (message_id);
