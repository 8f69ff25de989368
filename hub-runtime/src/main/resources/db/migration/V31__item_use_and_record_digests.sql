-- What a catalog item may be used for without being handed over (verification, statistics
-- dimension, numeric measure with its clip bound): JSON, part of the revision, so reviewed.
alter table catalog_item add column item_use varchar(400);

-- 核验 (art. 18, 36): for the items a resource declares verifiable, a keyed digest (HMAC under
-- pdx.verify.digest-key, never in the store) of the normalised raw value, written at the gate
-- passage that carried the record. It counts only while the held record is that passage's
-- (passage_seq equal): a later version that came without digests answers as before them.
create table record_digest (
    resource_code varchar(64)   not null,
    record_key    varchar(200)  not null,
    passage_seq   bigint        not null,
    -- {"item": "<base64 HMAC>", ...}
    digests       varchar(4000) not null,
    primary key (resource_code, record_key)
);
