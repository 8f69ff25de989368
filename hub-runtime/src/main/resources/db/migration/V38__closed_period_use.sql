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
