-- Statistics with a privacy guarantee (art. 36): the ε spent per resource and budget period.
create table stats_budget (
    resource_code varchar(64)      not null,
    period_start  timestamp        not null,
    spent         double precision not null,
    primary key (resource_code, period_start)
);

-- Canary records (溯源标记) of each grant's share reads of personal data: people who do not exist, held
-- masked as real records are, known as canaries only here, so that a leaked extract names its grant.
create table canary_record (
    grant_id      varchar(40)   not null,
    resource_code varchar(64)   not null,
    record_key    varchar(200)  not null,
    payload       varchar(8000) not null,
    created_at    timestamp     not null,
    primary key (grant_id, record_key)
);
create index canary_record_key on canary_record (resource_code, record_key);
