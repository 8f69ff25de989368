-- Every usage-log entry is written to the table and to each of its indexes, in the gate's
-- transaction. These two cover a prefix of the console's indexes of V33
-- (usage_log_resource_newest on resource_code, at desc, seq desc; usage_log_org_newest on
-- organisation, at desc, seq desc), which answer the same look-ups by resource or organisation
-- and period: two index writes per entry that no query needed.
drop index if exists usage_log_resource;
drop index if exists usage_log_org;
