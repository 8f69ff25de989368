package org.pdxhub.hub.exchange;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.pdxhub.hub.catalog.Catalog;
import org.pdxhub.hub.store.Sql;
import org.pdxhub.plugin.ResourceSpec;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The trails of the messages that passed this node (the hops before it and its own), once per
 * message, and the keys of records returned down through it: what lineage is built from. A
 * returned record's key is kept masked as the aggregation profile masks it ({@link RecordKeys}),
 * never raw: a look-up by the raw identifier masks it the same way.
 */
@ApplicationScoped
public class Trails {

    /** A message's trail as stored. */
    public record Trail(String messageId, String resourceCode, String direction, String hopsJson, Instant recordedAt) {
    }

    /** A message that returned a record down through this node, named as its sender named it. */
    public record Returned(String senderOrg, String messageId) {
    }

    @Inject
    Clock clock;

    @Inject
    Sql sql;

    @Inject
    Catalog catalog;

    @Inject
    RecordKeys keys;

    /** A message's trail to record: the message as its sender names it, its resource, its direction, its hops as JSON. */
    public record Passing(String senderOrg, String messageId, String resourceCode, String direction, String hopsJson) {
    }

    /**
     * Records the trail of a message; a message already recorded (redelivered) keeps its first
     * trail. Message ids are their sender's own, so the trail is kept per sender.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void record(String senderOrg, String messageId, String resourceCode, String direction, String hopsJson) {
        recordAll(List.of(new Passing(senderOrg, messageId, resourceCode, direction, hopsJson)));
    }

    /**
     * Records the trails of several messages, each as {@link #record}, in one JDBC batch: a
     * message whose trail is recorded already (or named earlier in the batch) is a conflict on
     * the primary key and keeps its first trail.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void recordAll(List<Passing> trails) {
        Instant now = Instant.now(clock);
        sql.batch("insert into message_trail (sender_org, message_id, resource_code, direction, hops, recorded_at) values (?,?,?,?,?,?)"
                        + " on conflict do nothing",
                trails.stream().map(t -> new Object[]{t.senderOrg(), t.messageId(), t.resourceCode(), t.direction(), t.hopsJson(), now}).toList());
    }

    /** Records returned down through this node: the message's trail and each record's key. */
    @Transactional
    public void returned(String resourceCode, String keyField, List<Map<String, Object>> records, String senderOrg, String messageId,
                         String toOrg, String hopsJson) {
        record(senderOrg, messageId, resourceCode, "DOWN", hopsJson);
        if (keyField == null) {
            return;
        }
        Optional<ResourceSpec> spec = catalog.publishedSpec(resourceCode);
        Instant now = Instant.now(clock);
        for (Map<String, Object> r : records) {
            Object raw = r.get(keyField);
            if (raw == null) {
                continue;
            }
            String key = spec.map(s -> keys.masked(s, raw.toString())).orElse(null);
            if (key != null && sql.count("select count(*) from returned_record where resource_code = ? and record_key = ? and message_id = ?",
                    resourceCode, key, messageId) == 0) {
                sql.update("insert into returned_record (resource_code, record_key, message_id, sender_org, to_org, returned_at)"
                                + " values (?,?,?,?,?,?)",
                        resourceCode, key, messageId, senderOrg, toOrg, now);
            }
        }
    }

    public Optional<Trail> trail(String senderOrg, String messageId) {
        return sql.one("select message_id, resource_code, direction, hops, recorded_at from message_trail where sender_org = ? and message_id = ?",
                rs -> new Trail(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), Sql.instant(rs, "recorded_at")),
                senderOrg, messageId);
    }

    /** Messages that returned the record with this key down through this node, oldest first. */
    public List<Returned> returnsOf(String resourceCode, String key) {
        return sql.list("select sender_org, message_id from returned_record where resource_code = ? and record_key = ? order by returned_at",
                rs -> new Returned(rs.getString(1), rs.getString(2)), resourceCode, key);
    }
}
