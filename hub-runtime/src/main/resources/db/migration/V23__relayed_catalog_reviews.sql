-- The agency's decisions when the agency is at another node: the review of a catalog entry (art.
-- 8, 9, 25) and the decision of a dispute (art. 18, 26). The department node sends what waits for
-- the agency up the links (relayed_request carries it and its answers); the agency's node keeps it
-- here until its reviewer decides.

-- At the department node: which relayed request carries which entry (CATALOG) or disputed request (DISPUTE).
create table agency_review_sent (
    origin_id     varchar(64)  primary key,
    kind          varchar(16)  not null,
    resource_code varchar(64)  not null,
    change_id     bigint,
    request_id    varchar(64),
    sent_at       timestamp with time zone not null
);
create index agency_review_sent_code on agency_review_sent (resource_code);

-- At the agency's node: an entry (CATALOG) or a dispute (DISPUTE) sent up, and the reviewer's decision.
create table relayed_review (
    id              varchar(40)  primary key,
    kind            varchar(16)  not null,
    resource_code   varchar(64)  not null,
    provider_uscc   varchar(18)  not null,
    entry           text         not null,
    status          varchar(16)  not null,
    received_at     timestamp with time zone not null,
    decided_at      timestamp with time zone,
    decided_by      varchar(100),
    decision_note   varchar(2000),
    security_review text,
    approvals       text
);
create index relayed_review_status on relayed_review (status, received_at);
