package org.pdxhub.hub.connector;

import org.pdxhub.connector.PositionStore;
import org.pdxhub.hub.store.Sql;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/** An instance's positions in {@code connector_position}, one row per key. */
class StorePositions implements PositionStore {

    private final Sql sql;
    private final String connector;
    private final Clock clock;

    StorePositions(Sql sql, String connector, Clock clock) {
        this.sql = sql;
        this.connector = connector;
        this.clock = clock;
    }

    @Override
    public Optional<String> get(String key) {
        return sql.one("select pos_value from connector_position where connector = ? and pos_key = ?",
                rs -> rs.getString(1), connector, key);
    }

    @Override
    public void put(String key, String value) {
        Instant now = Instant.now(clock);
        int updated = sql.update("update connector_position set pos_value = ?, updated_at = ? where connector = ? and pos_key = ?",
                value, now, connector, key);
        if (updated == 0) {
            sql.update("insert into connector_position (connector, pos_key, pos_value, updated_at) values (?, ?, ?, ?)",
                    connector, key, value, now);
        }
    }
}
