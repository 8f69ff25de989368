-- Share requests for a resource held at another level (issue 7): routed up the links to the
-- node that holds it, answered back down the same way. One row per request at every node it
-- passes: where it came from (back_link, null at the origin), and the last answer seen.
create table relayed_request (
    origin_id        varchar(64)  primary key,
    resource_code    varchar(64)  not null,
    requester_org    varchar(18)  not null,
    back_link        varchar(64),
    local_request_id varchar(64),
    held_at          varchar(64),
    status           varchar(24)  not null,
    answer           text,
    updated_at       timestamp with time zone not null
);
create index relayed_request_local on relayed_request (local_request_id);
