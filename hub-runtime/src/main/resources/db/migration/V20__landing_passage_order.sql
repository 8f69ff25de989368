-- Landing runs several consumers side by side: a record is replaced only by one that passed this
-- node's gate later (its usage-log entry), so that two messages landing out of order never let
-- the older version win. 0 for records landed before.
alter table dataset_record add column passage_seq bigint not null default 0;
