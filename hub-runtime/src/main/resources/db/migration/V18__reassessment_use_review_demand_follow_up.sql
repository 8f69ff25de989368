-- Periodic reviews and follow-ups (art. 15, 19, 21).
-- Portable SQL: the same file runs on H2 (PostgreSQL mode) and PostgreSQL.

-- Art. 15: a conclusion of the periodic re-assessment of a resource's classification: KEEP (the
-- classification still holds, and why) or CHANGE (a catalog change proposed, reviewed as any other).
create table reassessment (
    id               varchar(40)  primary key,
    resource_code    varchar(64)  not null,
    resource_version integer      not null,
    share_type       varchar(16)  not null,
    open_type        varchar(16)  not null,
    conclusion       varchar(16)  not null,
    reason           text         not null,
    change_id        bigint,
    concluded_on     date         not null,
    concluded_at     timestamp with time zone not null,
    concluded_by     varchar(100) not null
);
create index reassessment_resource on reassessment (resource_code, concluded_at);

-- Art. 19: a periodic review of the use made of a grant: what the usage log showed (counts only)
-- and the reviewer's conclusion, CONTINUE, RESTRICT (a narrower grant replaces it) or REVOKE.
create table use_review (
    id             varchar(40)  primary key,
    grant_id       varchar(64)  not null,
    period_from    timestamp with time zone not null,
    period_to      timestamp with time zone not null,
    read_count     integer      not null,
    record_count   bigint       not null,
    flags          text,
    conclusion     varchar(16)  not null,
    reason         text         not null,
    new_grant_id   varchar(64),
    concluded_on   date         not null,
    concluded_at   timestamp with time zone not null,
    concluded_by   varchar(100) not null
);
create index use_review_grant on use_review (grant_id, concluded_at);

-- Reminders sent for a periodic review, one per subject and due date, so that each is sent once.
create table review_reminder (
    kind        varchar(32)  not null,
    subject     varchar(64)  not null,
    due_by      date         not null,
    reminded_at timestamp with time zone not null,
    primary key (kind, subject, due_by)
);

-- Art. 21: an approved demand is followed up: the provider aggregates the data, catalogs it and
-- serves it; the task is closed by the published catalog entry, by its code.
create table demand_follow_up (
    request_id     varchar(40)  primary key,
    provider_uscc  varchar(18)  not null,
    requester_uscc varchar(18),
    description    text,
    opened_on      date         not null,
    opened_at      timestamp with time zone not null,
    due_by         date         not null,
    status         varchar(16)  not null,
    resource_code  varchar(64),
    closed_at      timestamp with time zone,
    closed_by      varchar(100)
);
create index demand_follow_up_provider on demand_follow_up (provider_uscc, status);
