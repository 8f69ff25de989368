-- Supervision (arts. 9, 25, 42, 43): data quality counted where the data passes, kept per day;
-- corrections of shared data; periodic reports as generated; evaluation scores with their evidence.

-- Quality rules declared per data item (range, pattern, enumeration, dates not in the future,
-- cross-field agreement), as JSON; a change of them is a catalog change and is reviewed.
alter table catalog_item add column quality_rules varchar(2000);

-- One counter per day, resource, item and measure (field '' for the whole record). Rows are
-- added to, never rescanned: the counters are flushed from memory into them.
create table quality_daily (
    on_day        date         not null,
    resource_code varchar(64)  not null,
    provider_uscc varchar(18)  not null,
    field         varchar(100) not null,
    measure       varchar(60)  not null,
    n             bigint       not null,
    -- generated activity of a demo node (pdx.demo), never mixed into a real node's figures
    demo          boolean      not null,
    primary key (on_day, resource_code, field, measure)
);
create index quality_daily_provider on quality_daily (provider_uscc, on_day);
create index quality_daily_resource on quality_daily (resource_code, on_day);

-- 纠错, art. 9: a user of shared data says a record or a resource is wrong; the provider answers.
create table correction (
    id             varchar(40)  primary key,
    resource_code  varchar(64)  not null,
    record_key     varchar(200),
    provider_uscc  varchar(18)  not null,
    filed_by_uscc  varchar(18)  not null,
    filed_by_key   varchar(64)  not null,
    problem        text         not null,
    evidence       text,
    filed_on       date         not null,
    filed_at       timestamp with time zone not null,
    due_by         date         not null,
    status         varchar(16)  not null,
    answer_reason  text,
    answer_message varchar(100),
    answered_at    timestamp with time zone,
    answered_by    varchar(64),
    answered_on    date,
    demo           boolean      not null
);
create index correction_provider on correction (provider_uscc, status);

-- 定期通报, art. 42: a report as generated, its figures as JSON; files are rendered from them.
create table supervision_report (
    id           varchar(40)  primary key,
    kind         varchar(16)  not null,
    period_code  varchar(10)  not null,
    scope        varchar(18)  not null,
    generated_at timestamp with time zone not null,
    generated_by varchar(100) not null,
    figures      text         not null
);
create index supervision_report_period on supervision_report (period_code, scope);

-- 评估, art. 43: one score per department and period, with each indicator and its evidence.
create table evaluation (
    period_code   varchar(10)  not null,
    department    varchar(18)  not null,
    formula       varchar(40)  not null,
    score         decimal(6,2) not null,
    indicators    text         not null,
    evaluated_at  timestamp with time zone not null,
    primary key (period_code, department, formula)
);
