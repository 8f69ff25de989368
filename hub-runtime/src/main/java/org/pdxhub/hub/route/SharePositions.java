package org.pdxhub.hub.route;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.pdxhub.hub.store.Sql;

import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The stored positions of {@code pdx:share} subscriptions, one per route, resource and holder: the
 * key is what the route is (its id, and the endpoint's resource and holder, which the route file
 * check ties to a live grant), never a name the route file could give to read another's position.
 */
@ApplicationScoped
class SharePositions {

    private static final TypeReference<Map<String, Instant>> DELIVERED = new TypeReference<>() {
    };

    @Inject
    Sql sql;

    @Inject
    ObjectMapper json;

    @Inject
    Clock clock;

    /**
     * @param start     what landed before it is not delivered
     * @param cursor    the latest landing time delivered
     * @param delivered hashed ids of the changes delivered within the look-back, with their landing time
     */
    record Position(Instant start, Instant cursor, Map<String, Instant> delivered) {
    }

    Optional<Position> find(String routeId, String resource, String holder) {
        return sql.one("select started_at, cursor_at, delivered from share_position where route_id = ? and resource_code = ? and holder_uscc = ?",
                rs -> new Position(Sql.instant(rs, "started_at"), Sql.instant(rs, "cursor_at"), read(rs.getString("delivered"))),
                routeId, resource, holder);
    }

    void save(String routeId, String resource, String holder, Position position) {
        String delivered = write(position.delivered());
        Instant now = clock.instant();
        if (sql.update("update share_position set started_at = ?, cursor_at = ?, delivered = ?, updated_at = ?"
                        + " where route_id = ? and resource_code = ? and holder_uscc = ?",
                position.start(), position.cursor(), delivered, now, routeId, resource, holder) == 0) {
            sql.update("insert into share_position (route_id, resource_code, holder_uscc, started_at, cursor_at, delivered, updated_at)"
                    + " values (?, ?, ?, ?, ?, ?, ?)", routeId, resource, holder, position.start(), position.cursor(), delivered, now);
        }
    }

    private Map<String, Instant> read(String text) {
        try {
            return new LinkedHashMap<>(json.readValue(text, DELIVERED));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String write(Map<String, Instant> delivered) {
        try {
            return json.writeValueAsString(delivered);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
