-- Where each pdx:share subscription of a route is, so that a restart of the route or the node goes
-- on from there: advanced after a delivery completes (a crash delivers at most the last batch
-- again, and skips nothing). One row per route, resource and holding organisation: a route file
-- naming another route, or another holder, starts a position of its own.
create table share_position (
    route_id      varchar(200) not null,
    resource_code varchar(64)  not null,
    holder_uscc   varchar(18)  not null,
    -- what landed before the subscription started is not delivered
    started_at    timestamp with time zone not null,
    cursor_at     timestamp with time zone not null,
    -- the changes delivered within the look-back before cursor_at, as a JSON object of hashed
    -- (key, message) ids to landing times: hashed, since a record's key may be a citizen ID
    delivered     text         not null,
    updated_at    timestamp with time zone not null,
    primary key (route_id, resource_code, holder_uscc)
);
