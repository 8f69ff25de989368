package org.pdxhub.hub.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Walks a stretch of one node's usage-log chain a page at a time, so that memory is bounded by
 * the page and not by the chain: every seal recomputed, every link and sequence checked. No CDI,
 * so that the bench walks a ten-million-entry chain with the node's own code.
 */
public final class ChainWalk {

    /**
     * One page of a chain: keyset on the primary key (node_id, seq), never an offset. Ordered by
     * both key columns so that H2 reads the index in order and stops at the limit; ordered by seq
     * alone it read every row of the range and sorted them (a 200,000-entry chain: 344 entries/s).
     */
    public static final String PAGE = "select * from usage_log where node_id = ? and seq >= ? and seq <= ? order by node_id, seq limit ?";

    /** A stored entry and the seal it names ({@code null} or {@link Seal#LEGACY}: plain SHA-256). */
    public record Stored(UsageEntry entry, String seal) {
    }

    /** Reads the entries from {@code fromSeq} to {@code toSeq}, at most {@code limit}, in order. */
    @FunctionalInterface
    public interface Pages {
        List<Stored> read(long fromSeq, long toSeq, int limit);
    }

    /**
     * Where a walk ended.
     *
     * @param lastHash   the hash of the last entry that checked out (the start's when none did)
     * @param lastSealed whether that entry was sealed with a key
     */
    public record Result(long verified, String lastHash, boolean lastSealed, Long brokenAtSeq, String problem) {
        public boolean intact() {
            return problem == null;
        }
    }

    private final Pages pages;
    private final Function<String, Optional<Seal>> seals;
    private final int pageSize;

    /**
     * @param seals the seal an entry names, if its key is configured
     */
    public ChainWalk(Pages pages, Function<String, Optional<Seal>> seals, int pageSize) {
        this.pages = pages;
        this.seals = seals;
        this.pageSize = Math.max(1, pageSize);
    }

    /** Pages read over one JDBC connection (the bench's; the node reads through its Sql). */
    public static Pages jdbc(Connection connection, String nodeId) {
        return (fromSeq, toSeq, limit) -> {
            try (PreparedStatement ps = connection.prepareStatement(PAGE)) {
                ps.setString(1, nodeId);
                ps.setLong(2, fromSeq);
                ps.setLong(3, toSeq);
                ps.setInt(4, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    List<Stored> rows = new ArrayList<>(limit);
                    while (rs.next()) {
                        rows.add(row(rs));
                    }
                    return rows;
                }
            } catch (SQLException e) {
                throw new IllegalStateException("the usage log could not be read", e);
            }
        };
    }

    public static Stored row(ResultSet rs) throws SQLException {
        return new Stored(entry(rs), rs.getString("seal"));
    }

    /** The entry of the current row of {@code usage_log}. */
    static UsageEntry entry(ResultSet rs) throws SQLException {
        OffsetDateTime at = rs.getObject("at", OffsetDateTime.class);
        return new UsageEntry(rs.getString("node_id"), rs.getLong("seq"), at == null ? null : at.toInstant(), rs.getString("person"),
                rs.getString("organisation"), rs.getString("purpose"), rs.getString("grant_id"), rs.getString("resource_code"),
                rs.getString("destination"), rs.getString("fields"), rs.getInt("record_count"), rs.getInt("rejected_count"),
                UsageDecision.valueOf(rs.getString("decision")), rs.getString("rule"), rs.getString("masking"),
                rs.getString("payload_digest"), rs.getString("trace_id"), rs.getString("message_id"), rs.getString("detail"),
                rs.getString("prev_hash"), rs.getString("hash"), rs.getString("key_id"));
    }

    /** The text an entry's seal covers (every field but the hash, the previous entry's hash first). */
    public static String canonical(UsageEntry e) {
        return e.canonical();
    }

    /** The entry with its MAC under {@code seal}: what an append stores. */
    public static UsageEntry seal(UsageEntry e, Seal seal) {
        return new UsageEntry(e.nodeId(), e.seq(), e.at(), e.person(), e.organisation(), e.purpose(), e.grantId(), e.resourceCode(),
                e.destination(), e.fields(), e.recordCount(), e.rejectedCount(), e.decision(), e.rule(), e.masking(), e.payloadDigest(),
                e.traceId(), e.messageId(), e.detail(), e.prevHash(), seal.seal(e.canonical()), e.keyId());
    }

    /**
     * Walks from entry {@code from} to {@code to}, the entry before {@code from} having {@code prev}
     * as its hash. An unsealed entry after a sealed one is a break: the key was not used.
     */
    public Result walk(long from, String prev, boolean sealed, long to) {
        long expected = from;
        long verified = 0;
        while (expected <= to) {
            List<Stored> rows = pages.read(expected, to, pageSize);
            if (rows.isEmpty()) {
                return new Result(verified, prev, sealed, expected, "entries " + expected + " to " + to + " are missing: the chain ends at entry "
                        + (expected - 1) + " but this node's head is entry " + to + " (entries were removed from the end)");
            }
            for (Stored row : rows) {
                String wrong = check(row, expected, prev, sealed);
                if (wrong != null) {
                    return new Result(verified, prev, sealed, Math.min(expected, row.entry().seq()), wrong);
                }
                prev = row.entry().hash();
                sealed = isSealed(row.seal());
                expected++;
                verified++;
            }
        }
        return new Result(verified, prev, sealed, null, null);
    }

    static boolean isSealed(String seal) {
        return seal != null && !seal.equals(Seal.LEGACY);
    }

    private String check(Stored row, long expected, String prev, boolean sealedBefore) {
        UsageEntry e = row.entry();
        if (e.seq() != expected) {
            return "entry " + expected + " is missing: the chain jumps from " + (expected - 1) + " to " + e.seq();
        }
        if (!e.prevHash().equals(prev)) {
            return "entry " + e.seq() + " does not follow the entry before it";
        }
        if (!isSealed(row.seal())) {
            if (sealedBefore) {
                return "entry " + e.seq() + " has no seal but follows sealed entries: it was rewritten without the key";
            }
            return Seal.sha256(e.canonical()).equals(e.hash()) ? null : "entry " + e.seq() + " was changed after it was written";
        }
        var seal = seals.apply(row.seal());
        if (seal.isEmpty()) {
            return "entry " + e.seq() + " names seal " + row.seal() + ", whose key is not configured here (pdx.usage-log.key or"
                    + " pdx.usage-log.retired-keys): it was sealed with another key";
        }
        return Seal.same(seal.get().seal(e.canonical()), e.hash()) ? null
                : "entry " + e.seq() + " was changed after it was written: its seal does not match";
    }
}
