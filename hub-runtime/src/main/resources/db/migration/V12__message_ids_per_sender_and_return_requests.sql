-- A message id is its sender's own: two organisations may use the same one. What was landed and
-- each message's trail are kept per sender (the organisation that provided the records, or the
-- one that returned them), so that no sender's id can make this node skip another's message.
-- New tables copied over and renamed: a primary key cannot be changed in a way both H2 and
-- PostgreSQL accept.
create table landed_message_by_sender (
    sender_org    varchar(18)  not null,
    message_id    varchar(64)  not null,
    resource_code varchar(64)  not null,
    landed_at     timestamp with time zone not null,
    primary key (sender_org, message_id)
);
insert into landed_message_by_sender (sender_org, message_id, resource_code, landed_at)
    select coalesce((select min(d.source_org) from dataset_record d where d.message_id = l.message_id), ''),
           l.message_id, l.resource_code, l.landed_at
    from landed_message l;
drop table landed_message;
alter table landed_message_by_sender rename to landed_message;

create table message_trail_by_sender (
    sender_org    varchar(18)  not null,
    message_id    varchar(64)  not null,
    resource_code varchar(64)  not null,
    direction     varchar(8)   not null,
    hops          text         not null,
    recorded_at   timestamp with time zone not null,
    primary key (sender_org, message_id)
);
insert into message_trail_by_sender (sender_org, message_id, resource_code, direction, hops, recorded_at)
    select coalesce((select min(d.source_org) from dataset_record d where d.message_id = t.message_id), ''),
           t.message_id, t.resource_code, t.direction, t.hops, t.recorded_at
    from message_trail t;
drop table message_trail;
alter table message_trail_by_sender rename to message_trail;

-- Who returned the records (the sender of the return message), to find its trail.
alter table returned_record add column sender_org varchar(18) not null default '';

-- A lower level asks for its data back (返还申请, art. 20): which records (keys or the provider
-- whose records), why, and what happened: returned at once to the data's own provider, else
-- decided by the agency; the return message that carried them.
create table return_request (
    id                varchar(64)  primary key,
    resource_code     varchar(64)  not null,
    requester_org     varchar(18)  not null,
    person            varchar(200) not null,
    purpose           varchar(500) not null,
    selection         text         not null,
    status            varchar(24)  not null,
    reason            text,
    decided_by        varchar(200),
    return_message_id varchar(64),
    record_count      integer      not null default 0,
    created_at        timestamp with time zone not null,
    updated_at        timestamp with time zone not null
);
create index return_request_requester on return_request (requester_org);
