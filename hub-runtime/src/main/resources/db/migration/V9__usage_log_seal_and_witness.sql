-- How each usage-log entry was sealed: null for the entries written before sealing existed
-- (plain SHA-256 over the canonical text), else 'hmac-sha256:<key id>' or 'hmac-sm3:<key id>'.
-- The key is never in the store, so a store writer cannot recompute a sealed chain.
alter table usage_log add column seal varchar(80);

-- The last verified point of each chain: verify starts after it. Its mac is under the usage-log
-- key, so a store writer cannot move it past a break; moving it back only costs a longer verify.
create table usage_log_checkpoint (
    node_id     varchar(64) primary key,
    seq         bigint      not null,
    hash        char(64)    not null,
    sealed      boolean     not null,
    verified_at timestamp with time zone not null,
    mac         char(64)    not null
);

-- At a parent: the highest head each child node sent up over its verified link (the witness).
-- A head that goes back, or a different hash for a witnessed entry, is kept as the problem,
-- never written over the witness.
create table usage_log_witness (
    child_link  varchar(64) primary key,
    node_id     varchar(64) not null,
    seq         bigint      not null,
    hash        char(64)    not null,
    signed_at   timestamp with time zone not null,
    received_at timestamp with time zone not null,
    problem     varchar(1000),
    problem_at  timestamp with time zone
);

-- At a child: the last head its parent acknowledged having witnessed.
create table usage_log_witnessed (
    node_id         varchar(64) primary key,
    parent_link     varchar(64) not null,
    seq             bigint      not null,
    hash            char(64)    not null,
    signed_at       timestamp with time zone not null,
    acknowledged_at timestamp with time zone not null,
    mac             char(64)    not null
);
