-- A grant's approved purpose (使用用途, art. 19) has a short code besides its approved text; a read
-- under the grant states one or the other. Grants issued before have their id as their code.
alter table grant_record add column purpose_code varchar(40);
update grant_record set purpose_code = id where purpose_code is null;

-- The code a requester proposes with its purpose; it becomes the grant's on approval.
alter table data_request add column purpose_code varchar(40);

-- The key a caller authenticated with (API key id or signing key id), beside the person it declared.
alter table usage_log add column key_id varchar(100);
