-- Reads by purpose of a period that has ended, counted once from the usage log and kept: the log's
-- entries are stamped with the node's clock as they are sealed, so a past month gains none, and the
-- supervision page need not count a month of entries again on every visit.
create table closed_period_use (
    period_code varchar(10) not null,
    scope       varchar(18) not null,
    counted_at  timestamp with time zone not null,
    purposes    text        not null,
    primary key (period_code, scope)
);

-- What was read under a grant on a day that has ended, counted once from the usage log and kept
-- (the review of use shows a grant's reads by day, purpose and field since its last review): the
-- day's groups of entries as JSON, and how far each grant has been counted.
create table grant_use_day (
    grant_id varchar(40) not null,
    on_day   date        not null,
    entries  text        not null,
    primary key (grant_id, on_day)
);
create table grant_use_counted (
    grant_id varchar(40) primary key,
    counted_through date not null
);
