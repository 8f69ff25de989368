-- Statistics answered by GROUP BY in the store: one row per held record with the values of the
-- resource's declared dimensions (d1..d8) and its declared measures clipped to their bound (m1..m4),
-- refreshed from dataset_record before each query; stats_layout says which item each column holds.
create table stats_row (
    resource_code varchar(64)  not null,
    record_key    varchar(200) not null,
    d1 varchar(200), d2 varchar(200), d3 varchar(200), d4 varchar(200),
    d5 varchar(200), d6 varchar(200), d7 varchar(200), d8 varchar(200),
    m1 double precision not null default 0, m2 double precision not null default 0,
    m3 double precision not null default 0, m4 double precision not null default 0,
    primary key (resource_code, record_key)
);

create table stats_layout (
    resource_code varchar(64)   primary key,
    layout        varchar(4000) not null,
    refreshed_to  timestamp with time zone
);

-- The refresh reads what landed since it last looked. Landing time first: an index led by
-- resource_code would compete with the primary key for the scans in key order, and lose them time.
create index dataset_record_received on dataset_record (received_at, resource_code);

-- The ε spent under each statistics grant per budget period: a requester's own budget.
create table stats_grant_budget (
    grant_id      varchar(64)      not null,
    period_start  timestamp        not null,
    spent         double precision not null,
    primary key (grant_id, period_start)
);
