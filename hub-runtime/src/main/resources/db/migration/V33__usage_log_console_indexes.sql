-- The console lists the usage log newest first, whole or by resource, organisation or person, 50
-- at a time; the query orders by the filtered column first, so that the store reads the page from
-- one of these indexes in order instead of sorting every entry that matches (a quarter of a
-- million entries for one organisation took seconds). They replace the ascending indexes of V3,
-- which serve the same filters.
drop index usage_log_resource;
drop index usage_log_org;
create index usage_log_newest on usage_log (at desc, seq desc);
create index usage_log_resource_newest on usage_log (resource_code, at desc, seq desc);
create index usage_log_org_newest on usage_log (organisation, at desc, seq desc);
create index usage_log_person_newest on usage_log (person, at desc, seq desc);
-- What was obtained under a grant (review of use, sealing of emergency data), oldest first.
create index usage_log_grant on usage_log (grant_id, at, seq);
