package org.pdxhub.hub.exchange;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.pdxhub.hub.store.Sql;
import org.pdxhub.hub.store.Store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** The datasets a platform node holds: aggregated records per resource, latest version wins. */
@ApplicationScoped
public class Datasets {

    private static final TypeReference<Map<String, Object>> RECORD = new TypeReference<>() {
    };

    /**
     * Where a landed message came from.
     *
     * @param sourceOrg  the provider of the records, the sender whose message id this is
     * @param passageSeq the usage-log entry of this node's gate passage: a record is replaced only by a later passage's
     */
    public record Provenance(String resourceCode, int resourceVersion, String sourceNode, String sourceOrg, String messageId,
                             long passageSeq) {
    }

    /**
     * The version that passed the gate last wins: standard MERGE, the same on H2 (MODE=PostgreSQL)
     * and PostgreSQL 15 and later. Public for the benchmark that measures it on H2 alone
     * ({@code bench/H2LandingShapeBench}).
     */
    public static final String MERGE_RECORD = "merge into dataset_record t using (values (?, ?, ?, ?, ?, ?, ?, ?, ?))"
            + " as s (resource_code, record_key, payload, resource_version, source_node, source_org, message_id, received_at, passage_seq)"
            + " on t.resource_code = s.resource_code and t.record_key = s.record_key"
            + " when matched and t.passage_seq <= s.passage_seq then update set payload = s.payload, resource_version = s.resource_version,"
            + " source_node = s.source_node, source_org = s.source_org, message_id = s.message_id, received_at = s.received_at,"
            + " passage_seq = s.passage_seq"
            + " when not matched then insert (resource_code, record_key, payload, resource_version, source_node, source_org, message_id,"
            + " received_at, passage_seq) values (s.resource_code, s.record_key, s.payload, s.resource_version, s.source_node,"
            + " s.source_org, s.message_id, s.received_at, s.passage_seq)";

    /**
     * The same rule on PostgreSQL as one statement for the whole batch: its rows as arrays, one
     * per column, unnested into an upsert. A JDBC batch of {@link #MERGE_RECORD} is a statement
     * executed per record, and on the 1,000,000-row CSV that was landing's bound. The rows must
     * name each key once ({@link #lastPassagePerKey}): an upsert may not change a row twice.
     */
    private static final String UPSERT_RECORDS_POSTGRESQL = "insert into dataset_record as t (resource_code, record_key, payload,"
            + " resource_version, source_node, source_org, message_id, received_at, passage_seq)"
            + " select s.resource_code, s.record_key, s.payload, s.resource_version, s.source_node, s.source_org, s.message_id, ?, s.passage_seq"
            + " from unnest(?::varchar[], ?::varchar[], ?::text[], ?::int[], ?::varchar[], ?::varchar[], ?::varchar[], ?::bigint[])"
            + " as s (resource_code, record_key, payload, resource_version, source_node, source_org, message_id, passage_seq)"
            + " on conflict (resource_code, record_key) do update set payload = excluded.payload, resource_version = excluded.resource_version,"
            + " source_node = excluded.source_node, source_org = excluded.source_org, message_id = excluded.message_id,"
            + " received_at = excluded.received_at, passage_seq = excluded.passage_seq"
            + " where t.passage_seq <= excluded.passage_seq";

    private static final int SCAN_PAGE = 5_000;
    /** Values in one IN list at most: well within what H2 and PostgreSQL take, and a statement a store plans quickly. */
    private static final int IN_LIST = 500;

    @Inject
    Clock clock;

    @Inject
    Sql sql;

    @Inject
    Store store;

    @Inject
    org.pdxhub.hub.exchange.Trails trails;

    @Inject
    ObjectMapper json;

    /** One message to land: its records as the gate wrote them, the key field of its resource, where it came from, its hops. */
    public record Landed(byte[] payload, String keyField, Provenance from, String hops) {
    }

    /**
     * Lands one message's records, once: a message id its sender already landed is skipped, so
     * a redelivered message does not apply twice. The id is the sender's own: another sender's
     * message with the same id lands. Returns the number of records written.
     */
    @Transactional
    public int land(byte[] payload, String keyField, Provenance from, String hops) {
        return landAll(List.of(new Landed(payload, keyField, from, hops)));
    }

    /**
     * Lands several messages in the caller's transaction, in their order, each once (as
     * {@link #land}), with three statements whatever their number: the messages into
     * {@code landed_message} as a JDBC batch, where a message its sender landed before (or named
     * earlier in the batch) is a conflict and inserts nothing, which says which messages are new;
     * the trails of the new ones; and every record of every new message, each stored as the text
     * that passed the gate ({@link RecordSlices}): on H2 a JDBC batch of {@code MERGE}, on
     * PostgreSQL one upsert of arrays. (It was five statements per message; measured, the figures
     * did not move; the upsert, on PostgreSQL, took a third off the 1,000,000-row CSV, bench/README.md.)
     * Returns the number of records written.
     */
    @Transactional
    public int landAll(List<Landed> messages) {
        Instant now = Instant.now(clock);
        List<Object[]> ids = new ArrayList<>(messages.size());
        for (Landed m : messages) {
            ids.add(new Object[]{m.from().sourceOrg(), m.from().messageId(), m.from().resourceCode(), now});
        }
        // The primary key (sender, message id) decides: an index look-up per message, in the one statement.
        int[] inserted = sql.batch("insert into landed_message (sender_org, message_id, resource_code, landed_at) values (?, ?, ?, ?)"
                + " on conflict do nothing", ids);
        List<Landed> fresh = new ArrayList<>(messages.size());
        for (int i = 0; i < messages.size(); i++) {
            if (inserted[i] != 0) {
                fresh.add(messages.get(i));
            }
        }
        trails.recordAll(fresh.stream().filter(m -> m.hops() != null)
                .map(m -> new Trails.Passing(m.from().sourceOrg(), m.from().messageId(), m.from().resourceCode(), "UP", m.hops()))
                .toList());
        List<Object[]> rows = new ArrayList<>();
        for (Landed m : fresh) {
            Provenance from = m.from();
            int[] i = {0};
            try {
                RecordSlices.each(json, m.payload(), m.keyField(), (key, record) -> {
                    String recordKey = key == null ? from.sourceOrg() + "/" + from.messageId() + "#" + i[0] : key;
                    rows.add(new Object[]{from.resourceCode(), recordKey, record, from.resourceVersion(), from.sourceNode(), from.sourceOrg(),
                            from.messageId(), now, from.passageSeq()});
                    i[0]++;
                });
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        // Rows of one batch apply in order, so a key sent twice keeps the later (and a record is
        // replaced only by a later gate passage, passage_seq).
        if ("postgresql".equals(store.kind())) {
            upsertAll(lastPassagePerKey(rows), now);
        } else {
            sql.batch(MERGE_RECORD, rows);
        }
        return rows.size();
    }

    /**
     * Each key's row as applying the rows one by one in order would leave it: a row replaces the
     * one before unless that one passed the gate later. The store's own row is then compared with
     * the winner in the statement, which gives the same result as comparing it with each in turn.
     */
    static List<Object[]> lastPassagePerKey(List<Object[]> rows) {
        Map<String, Object[]> byKey = new java.util.LinkedHashMap<>();
        for (Object[] row : rows) {
            // resource_code and record_key: one resource's keys share a code, but a batch may hold several resources.
            byKey.merge(row[0] + "\0" + row[1], row, (before, later) -> (long) before[8] <= (long) later[8] ? later : before);
        }
        return byKey.size() == rows.size() ? rows : new ArrayList<>(byKey.values());
    }

    private void upsertAll(List<Object[]> rows, Instant now) {
        int n = rows.size();
        String[] codes = new String[n];
        String[] keys = new String[n];
        String[] payloads = new String[n];
        Integer[] versions = new Integer[n];
        String[] nodes = new String[n];
        String[] orgs = new String[n];
        String[] messageIds = new String[n];
        Long[] seqs = new Long[n];
        for (int i = 0; i < n; i++) {
            Object[] r = rows.get(i);
            codes[i] = (String) r[0];
            keys[i] = (String) r[1];
            payloads[i] = (String) r[2];
            versions[i] = (Integer) r[3];
            nodes[i] = (String) r[4];
            orgs[i] = (String) r[5];
            messageIds[i] = (String) r[6];
            seqs[i] = (Long) r[8];
        }
        sql.update(UPSERT_RECORDS_POSTGRESQL, now, codes, keys, payloads, versions, nodes, orgs, messageIds, seqs);
    }

    /**
     * Records of a resource in key order, as mutable maps ready for the gate. Every query here
     * orders by the whole primary key, resource first although it is fixed: H2 reads the key's
     * index in order only when ORDER BY starts with its first column, and otherwise sorts every
     * record of the resource for each page (a page of a 500,000-record resource: 400 ms, not 1).
     */
    public List<Map<String, Object>> read(String resourceCode, int offset, int limit) {
        return sql.list("select payload from dataset_record where resource_code = ? order by resource_code, record_key limit ? offset ?",
                rs -> read(rs.getString(1).getBytes(java.nio.charset.StandardCharsets.UTF_8), RECORD), resourceCode, limit, offset);
    }

    /**
     * Held records of a resource by their stored keys, in key order; with {@code sourceOrg}, only
     * those that organisation provided. Keys not held are left out.
     */
    public List<Map<String, Object>> byKeys(String resourceCode, List<String> keys, String sourceOrg) {
        List<Map<String, Object>> found = new ArrayList<>();
        for (int from = 0; from < keys.size(); from += IN_LIST) {
            List<String> part = keys.subList(from, Math.min(keys.size(), from + IN_LIST));
            List<Object> params = new ArrayList<>();
            params.add(resourceCode);
            params.addAll(part);
            String where = "resource_code = ? and record_key in (" + String.join(",", Collections.nCopies(part.size(), "?")) + ")";
            if (sourceOrg != null) {
                where += " and source_org = ?";
                params.add(sourceOrg);
            }
            found.addAll(sql.list("select payload from dataset_record where " + where + " order by resource_code, record_key",
                    rs -> read(rs.getString(1).getBytes(StandardCharsets.UTF_8), RECORD), params.toArray()));
        }
        return found;
    }

    /** Held records of a resource that one organisation provided, in key order, at most {@code limit}. */
    public List<Map<String, Object>> providedBy(String resourceCode, String sourceOrg, int limit) {
        return sql.list("select payload from dataset_record where resource_code = ? and source_org = ? order by resource_code, record_key limit ?",
                rs -> read(rs.getString(1).getBytes(StandardCharsets.UTF_8), RECORD), resourceCode, sourceOrg, limit);
    }

    /** A held record as it last changed: its stored key, when it landed here, and the message that carried it. */
    public record Change(String key, Instant receivedAt, String messageId, Map<String, Object> record) {
    }

    /** Records of a resource that landed at or after {@code since}, oldest first, at most {@code limit}. */
    public List<Change> changedSince(String resourceCode, Instant since, int limit) {
        return sql.list("select record_key, received_at, message_id, payload from dataset_record where resource_code = ? and received_at >= ?"
                        + " order by received_at, record_key limit ?",
                rs -> new Change(rs.getString(1), Sql.instant(rs, "received_at"), rs.getString(3),
                        read(rs.getString(4).getBytes(StandardCharsets.UTF_8), RECORD)), resourceCode, since, limit);
    }

    /** Where the stored version of one record came from, if this node holds it. */
    public record Held(String messageId, String sourceNode, String sourceOrg, int resourceVersion, Instant receivedAt) {
    }

    public java.util.Optional<Held> held(String resourceCode, String recordKey) {
        return sql.one("select message_id, source_node, source_org, resource_version, received_at from dataset_record"
                        + " where resource_code = ? and record_key = ?",
                rs -> new Held(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4), Sql.instant(rs, "received_at")),
                resourceCode, recordKey);
    }

    /** Every held record of a resource, a page at a time in key order: a scan that never holds them all. */
    public void forEach(String resourceCode, Consumer<Map<String, Object>> each) {
        String after = "";
        while (true) {
            List<String[]> page = sql.list("select record_key, payload from dataset_record where resource_code = ? and record_key > ?"
                    + " order by resource_code, record_key limit " + SCAN_PAGE, rs -> new String[]{rs.getString(1), rs.getString(2)}, resourceCode, after);
            for (String[] row : page) {
                each.accept(read(row[1].getBytes(StandardCharsets.UTF_8), RECORD));
            }
            if (page.size() < SCAN_PAGE) {
                return;
            }
            after = page.get(page.size() - 1)[0];
        }
    }

    public long count(String resourceCode) {
        return sql.count("select count(*) from dataset_record where resource_code = ?", resourceCode);
    }

    private <T> T read(byte[] bytes, TypeReference<T> type) {
        try {
            return json.readValue(bytes, type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
