-- Reads by purpose (art. 19) generated for a demo node's past months, so that its first periodic
-- report has a use-by-purpose section. The usage log is a sealed chain of what happened, in the
-- order it happened, and takes no invented past entries: the report adds these counts to the
-- log's own and marks itself as demo. Only a demo node (pdx.demo=true) writes here.
create table demo_use_daily (
    on_day        date         not null,
    organisation  varchar(18)  not null,
    resource_code varchar(64)  not null,
    purpose       varchar(500) not null,
    read_count    bigint       not null,
    primary key (on_day, organisation, resource_code, purpose)
);
