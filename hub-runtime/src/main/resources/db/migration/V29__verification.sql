-- 核验 (art. 18, 36): every verification call under a grant, with counts and never a value. The
-- quota, the rate and the guessing check read these rows; the usage log has an entry per call too.
create table verification_call (
    id            varchar(40)  primary key,
    grant_id      varchar(64)  not null,
    holder_uscc   varchar(18)  not null,
    resource_code varchar(64)  not null,
    at            timestamp    not null,
    records       integer      not null,
    matches       integer      not null,
    mismatches    integer      not null,
    unknowns      integer      not null,
    -- records missed: a mismatch, or a key not held (the guessing check counts these)
    misses        integer      not null,
    -- the rule that refused the call, else null (answered)
    refused       varchar(60)
);
create index verification_call_grant on verification_call (grant_id, at);

-- What the provider allows one verification grant beyond the node's defaults (pdx.verify.*).
create table verification_terms (
    grant_id         varchar(64)  primary key,
    records_per_day  integer,
    calls_per_minute integer,
    -- true: a key not held is answered UNKNOWN; false (default): exactly as a mismatch
    unknown_distinct boolean      not null,
    set_at           timestamp    not null,
    set_by           varchar(64)  not null
);
