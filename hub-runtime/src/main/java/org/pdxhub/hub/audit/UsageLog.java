package org.pdxhub.hub.audit;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.pdxhub.hub.node.HubConfig;
import org.pdxhub.hub.store.Sql;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The usage log: an append-only, hash-chained record of every delivered or refused message.
 * One chain per node; appends are serialised because each entry needs the previous hash.
 * An append that fails throws, and the caller does not deliver (fail closed).
 */
@ApplicationScoped
public class UsageLog {

    /** The hash before the first entry of a chain. */
    static final String GENESIS = "0".repeat(64);

    /** Filters for reading the log; null means any. */
    public record Query(String resource, String organisation, String person, Instant from, Instant to, int limit) {
    }

    /** The result of walking the chain. */
    public record Verification(String node, long entries, boolean intact, Long brokenAtSeq, String problem) {
    }

    @Inject
    Sql sql;

    @Inject
    HubConfig config;

    private String nodeId;
    private long lastSeq;
    private String lastHash;

    @PostConstruct
    void loadHead() {
        nodeId = config.node().id();
        lastSeq = 0;
        lastHash = GENESIS;
        sql.one("select seq, hash from usage_log where node_id = ? order by seq desc limit 1",
                rs -> new Object[]{rs.getLong("seq"), rs.getString("hash")}, nodeId).ifPresent(row -> {
            lastSeq = (Long) row[0];
            lastHash = (String) row[1];
        });
    }

    /**
     * Appends one entry in its own transaction and returns it with its sequence and hash.
     *
     * @throws RuntimeException when the store cannot take it; nothing may be delivered then
     */
    public synchronized UsageEntry append(UsageEntry draft) {
        UsageEntry e = new UsageEntry(nodeId, lastSeq + 1, Instant.now().truncatedTo(ChronoUnit.MICROS), draft.person(),
                draft.organisation(), draft.purpose(), draft.grantId(), draft.resourceCode(), draft.destination(), draft.fields(),
                draft.recordCount(), draft.rejectedCount(), draft.decision(), draft.rule(), draft.masking(), draft.payloadDigest(),
                draft.traceId(), draft.messageId(), draft.detail(), lastHash, null, draft.keyId());
        UsageEntry sealed = withHash(e);
        QuarkusTransaction.requiringNew().run(() -> {
            sql.update("insert into usage_log (node_id, seq, at, person, organisation, purpose, grant_id, resource_code, destination, fields,"
                            + " record_count, rejected_count, decision, rule, masking, payload_digest, trace_id, message_id, detail, prev_hash, hash,"
                            + " key_id) values (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                    sealed.nodeId(), sealed.seq(), sealed.at(), sealed.person(), sealed.organisation(), sealed.purpose(), sealed.grantId(),
                    sealed.resourceCode(), sealed.destination(), sealed.fields(), sealed.recordCount(), sealed.rejectedCount(),
                    sealed.decision(), sealed.rule(), sealed.masking(), sealed.payloadDigest(), sealed.traceId(), sealed.messageId(),
                    sealed.detail(), sealed.prevHash(), sealed.hash(), sealed.keyId());
            if (sql.update("update usage_log_head set seq = ?, hash = ? where node_id = ?", sealed.seq(), sealed.hash(), nodeId) == 0) {
                sql.update("insert into usage_log_head (node_id, seq, hash) values (?, ?, ?)", nodeId, sealed.seq(), sealed.hash());
            }
        });
        lastSeq = sealed.seq();
        lastHash = sealed.hash();
        return sealed;
    }

    public List<UsageEntry> query(Query q) {
        StringBuilder where = new StringBuilder(" where 1 = 1");
        List<Object> params = new ArrayList<>();
        filter(where, params, "resource_code = ?", q.resource());
        filter(where, params, "organisation = ?", q.organisation());
        filter(where, params, "person = ?", q.person());
        filter(where, params, "at >= ?", q.from());
        filter(where, params, "at < ?", q.to());
        params.add(q.limit());
        return sql.list("select * from usage_log" + where + " order by at desc, seq desc limit ?", UsageLog::map, params.toArray());
    }

    /** Every entry of this platform's store about one message, oldest first (lineage). */
    public List<UsageEntry> byMessage(String messageId) {
        return sql.list("select * from usage_log where message_id = ? order by at, seq", UsageLog::map, messageId);
    }

    /** Reads of a resource (shared, open) since a time, oldest first, at most {@code limit}. */
    public List<UsageEntry> readsSince(String resourceCode, Instant since, int limit) {
        return sql.list("select * from usage_log where resource_code = ? and destination in ('SHARE', 'OPEN') and at >= ?"
                + " order by at, seq limit ?", UsageLog::map, resourceCode, since, limit);
    }

    /** Every entry written under a grant, oldest first: what was obtained with it (art. 38). */
    public List<UsageEntry> byGrant(String grantId) {
        return sql.list("select * from usage_log where grant_id = ? order by at, seq", UsageLog::map, grantId);
    }

    /** Walks this node's chain from the start: every hash recomputed, every link and sequence checked. */
    public Verification verify() {
        List<UsageEntry> entries = sql.list("select * from usage_log where node_id = ? order by seq", UsageLog::map, nodeId);
        String prev = GENESIS;
        long expectedSeq = 1;
        for (UsageEntry e : entries) {
            if (e.seq() != expectedSeq) {
                return new Verification(nodeId, entries.size(), false, e.seq(),
                        "entry " + expectedSeq + " is missing: the chain jumps from " + (expectedSeq - 1) + " to " + e.seq());
            }
            if (!e.prevHash().equals(prev)) {
                return new Verification(nodeId, entries.size(), false, e.seq(), "entry " + e.seq() + " does not follow the entry before it");
            }
            if (!withHash(e).hash().equals(e.hash())) {
                return new Verification(nodeId, entries.size(), false, e.seq(), "entry " + e.seq() + " was changed after it was written");
            }
            prev = e.hash();
            expectedSeq++;
        }
        var head = sql.one("select seq, hash from usage_log_head where node_id = ?", rs -> new Object[]{rs.getLong(1), rs.getString(2)}, nodeId);
        long headSeq = head.map(h -> (Long) h[0]).orElse(0L);
        if (headSeq != expectedSeq - 1 || (headSeq > 0 && !head.get()[1].equals(prev))) {
            return new Verification(nodeId, entries.size(), false, headSeq,
                    "the chain ends at entry " + (expectedSeq - 1) + " but the log's head records entry " + headSeq + ": entries were removed from its end");
        }
        return new Verification(nodeId, entries.size(), true, null, null);
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static UsageEntry withHash(UsageEntry e) {
        String hash = sha256(e.canonical().getBytes(StandardCharsets.UTF_8));
        return new UsageEntry(e.nodeId(), e.seq(), e.at(), e.person(), e.organisation(), e.purpose(), e.grantId(), e.resourceCode(),
                e.destination(), e.fields(), e.recordCount(), e.rejectedCount(), e.decision(), e.rule(), e.masking(), e.payloadDigest(),
                e.traceId(), e.messageId(), e.detail(), e.prevHash(), hash, e.keyId());
    }

    private static void filter(StringBuilder where, List<Object> params, String clause, Object value) {
        if (value != null) {
            where.append(" and ").append(clause);
            params.add(value);
        }
    }

    private static UsageEntry map(ResultSet rs) throws SQLException {
        return new UsageEntry(rs.getString("node_id"), rs.getLong("seq"), Sql.instant(rs, "at"), rs.getString("person"),
                rs.getString("organisation"), rs.getString("purpose"), rs.getString("grant_id"), rs.getString("resource_code"),
                rs.getString("destination"), rs.getString("fields"), rs.getInt("record_count"), rs.getInt("rejected_count"),
                UsageDecision.valueOf(rs.getString("decision")), rs.getString("rule"), rs.getString("masking"),
                rs.getString("payload_digest"), rs.getString("trace_id"), rs.getString("message_id"), rs.getString("detail"),
                rs.getString("prev_hash"), rs.getString("hash"), rs.getString("key_id"));
    }
}
