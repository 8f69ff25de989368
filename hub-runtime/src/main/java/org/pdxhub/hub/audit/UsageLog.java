package org.pdxhub.hub.audit;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;
import org.pdxhub.hub.node.HubConfig;
import org.pdxhub.hub.store.Sql;
import org.pdxhub.hub.store.Store;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The usage log: an append-only chain of every delivered or refused message, each entry sealed
 * with a MAC under a key that is not in the store ({@link Seal}) over its fields and the previous
 * entry's MAC. One chain per node; appends are serialised because each entry needs the previous one,
 * and appends made at the same time are committed together (group commit).
 * An append that fails throws, and the caller does not deliver (fail closed).
 */
@ApplicationScoped
public class UsageLog {

    /** The hash before the first entry of a chain. */
    static final String GENESIS = "0".repeat(64);

    /** Filters for reading the log; null means any. */
    public record Query(String resource, String organisation, String person, Instant from, Instant to, int limit) {
    }

    /**
     * The result of walking the chain.
     *
     * @param entries       the chain's length: this node's head
     * @param from          the first entry walked this time (after the last checkpoint, or as asked)
     * @param verified      how many entries were walked this time
     * @param signedHeadSeq the head this node last signed (data folder), if any
     * @param witnessedSeq  the head the parent last acknowledged, if any
     * @param keyId         the key new entries are sealed with
     */
    public record Verification(String node, long entries, long from, long verified, boolean intact, Long brokenAtSeq, String problem,
                               Long signedHeadSeq, Long witnessedSeq, String keyId, Instant verifiedAt) {
    }

    /** The newest entry of this node's chain. */
    public record Head(long seq, String hash) {
    }

    /** A point of the chain known to be good: verify goes on after it. */
    private record Checkpoint(long seq, String hash, boolean sealed) {
    }

    private static final Logger LOG = Logger.getLogger(UsageLog.class);

    @Inject
    Sql sql;

    @Inject
    Store store;

    @Inject
    HubConfig config;

    @Inject
    UsageLogConfig settings;

    @Inject
    UsageLogKeys keys;

    @Inject
    LocalHead localHead;

    @Inject
    UsageLogState health;

    @Inject
    Clock clock;

    private String nodeId;
    private long lastSeq;
    private String lastHash;
    private volatile Head current;

    /**
     * The head comes from {@code usage_log_head} and the head this node signed in its data folder,
     * never from the newest row: a row count is what someone who deleted rows controls. When the
     * store's head is behind the signed one, entries were removed and the head moved back; the
     * chain goes on after the signed head, so the gap stays in the chain for every verify to find.
     */
    @PostConstruct
    void loadHead() {
        nodeId = config.node().id();
        Head head = sql.one("select seq, hash from usage_log_head where node_id = ?", rs -> new Head(rs.getLong(1), rs.getString(2)), nodeId)
                .orElse(new Head(0, GENESIS));
        var signed = localHead.read().head();
        if (signed.isPresent() && signed.get().seq() > head.seq()) {
            LOG.warnf("The store's usage-log head (entry %d) is behind the head this node signed (entry %d at %s): continuing after"
                    + " the signed head; verify will report the missing entries", head.seq(), signed.get().seq(), signed.get().at());
            head = new Head(signed.get().seq(), signed.get().hash());
        }
        // Appending over a row that exists would fail every delivery; such rows mean the head was moved back.
        Head start = head;
        var beyond = sql.one("select seq, hash from usage_log where node_id = ? and seq > ? order by seq desc limit 1",
                rs -> new Head(rs.getLong(1), rs.getString(2)), nodeId, head.seq());
        if (beyond.isPresent()) {
            LOG.warnf("The usage log holds entries up to %d after its recorded head (entry %d): the head was moved back;"
                    + " continuing after entry %d", beyond.get().seq(), start.seq(), beyond.get().seq());
            head = beyond.get();
        }
        lastSeq = head.seq();
        lastHash = head.hash();
        current = head;
    }

    /** An entry waiting for the next group commit, and the caller waiting for its outcome. */
    private static final class Pending {
        final UsageEntry draft;
        final CompletableFuture<UsageEntry> committed = new CompletableFuture<>();

        Pending(UsageEntry draft) {
            this.draft = draft;
        }
    }

    /** Entries appended while a commit runs; the next leader takes them all in one transaction. */
    private final ConcurrentLinkedQueue<Pending> waiting = new ConcurrentLinkedQueue<>();
    /** Held by the caller that commits a group (the leader); the chain's head changes only under it. */
    private final ReentrantLock commitLock = new ReentrantLock();
    /** Entries committed in one transaction at most: bounds the transaction, not the wait. */
    static final int GROUP_MAX = 512;

    /**
     * Appends one entry and returns it, committed, with its sequence and MAC. Callers that append
     * at the same time share one transaction (group commit): whoever takes the commit lock seals
     * every entry waiting, in the order they came, as one run of the chain, writes them in one JDBC
     * batch and commits once; each caller returns only when its own entry is committed. If the
     * commit fails, every caller of that group gets the failure and the head stays where it was,
     * so nothing they would deliver is delivered (fail closed) and the chain has no hole.
     * Appends go on after a break has been found: the break is in what was written before, and the
     * new entries are sealed and chained after the node's own head, so they stay verifiable;
     * stopping them would stop every delivery and every refusal being recorded.
     *
     * @throws RuntimeException when the store cannot take it; nothing may be delivered then
     */
    public UsageEntry append(UsageEntry draft) {
        Run run = openRun.get();
        if (run != null) {
            return run.seal(draft);
        }
        Pending mine = new Pending(draft);
        waiting.add(mine);
        commitLock.lock();
        try {
            if (!mine.committed.isDone()) {
                commitWaiting();
            }
        } finally {
            commitLock.unlock();
        }
        try {
            return mine.committed.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }

    /** The run open on this thread, if any: its appends are held for one commit. */
    private final ThreadLocal<Run> openRun = new ThreadLocal<>();

    /**
     * Opens a run of appends on this thread: until the run is committed or closed, every append of
     * this thread is sealed at once (with its sequence and MAC, as the chain's next entry) and
     * returned uncommitted; {@link Run#commit()} writes them all in one transaction. A consumer
     * that takes several messages in one broker transaction passes them all and commits their
     * entries once, before its broker commit: if the usage log cannot be written, the broker
     * transaction rolls back and nothing that was passed is delivered (fail closed).
     * The chain is held for the run (other appenders wait), so keep runs short: pass the messages,
     * commit, close.
     */
    public Run openRun() {
        if (openRun.get() != null) {
            throw new IllegalStateException("a usage-log run is already open on this thread");
        }
        commitLock.lock();
        try {
            // Entries others appended before the run are committed first: the run follows them in the chain.
            while (!waiting.isEmpty()) {
                commitWaiting();
            }
        } catch (RuntimeException e) {
            commitLock.unlock();
            throw e;
        }
        Run run = new Run(keys.current(), lastSeq, lastHash);
        openRun.set(run);
        return run;
    }

    /**
     * Appends of one thread sealed in chain order and committed together. Closing a run that was
     * not committed forgets its entries: the chain goes on from where the run began.
     */
    public final class Run implements AutoCloseable {
        private final Seal seal;
        private final long startSeq;
        private final String startHash;
        private final List<UsageEntry> sealed = new ArrayList<>();
        private boolean committed;

        private Run(Seal seal, long startSeq, String startHash) {
            this.seal = seal;
            this.startSeq = startSeq;
            this.startHash = startHash;
        }

        private UsageEntry seal(UsageEntry draft) {
            UsageEntry e = sealNext(draft, lastSeq + 1, clock.instant().truncatedTo(ChronoUnit.MICROS), lastHash, seal);
            sealed.add(e);
            lastSeq = e.seq();
            lastHash = e.hash();
            return e;
        }

        /** How many entries the run holds. */
        public int size() {
            return sealed.size();
        }

        /**
         * Writes the run's entries in one transaction.
         *
         * @throws RuntimeException when the store cannot take them; the chain is then back where the run began
         */
        public void commit() {
            if (committed) {
                return;
            }
            if (!sealed.isEmpty()) {
                try {
                    write(sealed, seal);
                } catch (RuntimeException failed) {
                    lastSeq = startSeq;
                    lastHash = startHash;
                    sealed.clear();
                    throw failed;
                }
                current = new Head(lastSeq, lastHash);
            }
            committed = true;
        }

        @Override
        public void close() {
            if (openRun.get() != this) {
                return;
            }
            openRun.remove();
            if (!committed) {
                lastSeq = startSeq;
                lastHash = startHash;
            }
            commitLock.unlock();
        }
    }

    private UsageEntry sealNext(UsageEntry d, long seq, Instant at, String prev, Seal seal) {
        return ChainWalk.seal(new UsageEntry(nodeId, seq, at, d.person(), d.organisation(), d.purpose(), d.grantId(),
                d.resourceCode(), d.destination(), d.fields(), d.recordCount(), d.rejectedCount(), d.decision(), d.rule(), d.masking(),
                d.payloadDigest(), d.traceId(), d.messageId(), d.detail(), prev, null, d.keyId()), seal);
    }

    /** Writes sealed entries and moves the store's head past the last, in one transaction. */
    private void write(List<UsageEntry> sealed, Seal seal) {
        UsageEntry last = sealed.get(sealed.size() - 1);
        QuarkusTransaction.requiringNew().run(() -> {
            sql.batch("insert into usage_log (node_id, seq, at, person, organisation, purpose, grant_id, resource_code, destination, fields,"
                            + " record_count, rejected_count, decision, rule, masking, payload_digest, trace_id, message_id, detail, prev_hash, hash, seal,"
                            + " key_id) values (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                    sealed.stream().map(e -> new Object[]{e.nodeId(), e.seq(), e.at(), e.person(), e.organisation(), e.purpose(), e.grantId(),
                            e.resourceCode(), e.destination(), e.fields(), e.recordCount(), e.rejectedCount(), e.decision(), e.rule(),
                            e.masking(), e.payloadDigest(), e.traceId(), e.messageId(), e.detail(), e.prevHash(), e.hash(), seal.id(),
                            e.keyId()}).toList());
            if (sql.update("update usage_log_head set seq = ?, hash = ? where node_id = ?", last.seq(), last.hash(), nodeId) == 0) {
                sql.update("insert into usage_log_head (node_id, seq, hash) values (?, ?, ?)", nodeId, last.seq(), last.hash());
            }
        });
    }

    /** Under the commit lock: seals and commits the waiting entries (at most {@link #GROUP_MAX}) as one transaction. */
    private void commitWaiting() {
        List<Pending> group = new ArrayList<>();
        for (Pending p; group.size() < GROUP_MAX && (p = waiting.poll()) != null; ) {
            group.add(p);
        }
        Seal seal = keys.current();
        Instant at = clock.instant().truncatedTo(ChronoUnit.MICROS);
        List<UsageEntry> sealed = new ArrayList<>(group.size());
        long seq = lastSeq;
        String prev = lastHash;
        for (Pending p : group) {
            UsageEntry e = sealNext(p.draft, ++seq, at, prev, seal);
            sealed.add(e);
            prev = e.hash();
        }
        UsageEntry last = sealed.get(sealed.size() - 1);
        try {
            write(sealed, seal);
        } catch (RuntimeException failed) {
            group.forEach(p -> p.committed.completeExceptionally(failed));
            return;
        }
        lastSeq = last.seq();
        lastHash = last.hash();
        current = new Head(lastSeq, lastHash);
        for (int i = 0; i < group.size(); i++) {
            group.get(i).committed.complete(sealed.get(i));
        }
    }

    /** This node's head as this process knows it (what it wrote or loaded at start). */
    public Head head() {
        return current;
    }

    public String nodeId() {
        return nodeId;
    }

    /**
     * Signs the current head and keeps it in the data folder; returns it for the parent. Only once
     * the store has made it durable: a head signed while the store could not write (a full disk, a
     * shutdown that could not flush) may name entries the store then does not keep, and would read
     * at the next start as entries removed. The head signed is the one this node committed, not the
     * store's row: rows removed behind the node's back are what the signed head is there to show.
     *
     * @throws RuntimeException when the store cannot make its commits durable now; the head signed last stays
     */
    public SignedHead signHead() {
        Head h = head();
        store.sync();
        long stored = sql.one("select seq from usage_log_head where node_id = ?", rs -> rs.getLong(1), nodeId).orElse(0L);
        if (stored < h.seq()) {
            LOG.errorf("The store's usage-log head is entry %d but this node committed up to entry %d: entries were removed or lost"
                    + " after they were committed; verify will name them", stored, h.seq());
        }
        SignedHead signed = SignedHead.sign(keys.current(), nodeId, h.seq(), h.hash(), clock.instant().truncatedTo(ChronoUnit.MICROS));
        localHead.write(signed);
        return signed;
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
        // The filtered column leads the order (the same order, as it is equal throughout), so the store reads the
        // newest entries from its (column, at desc, seq desc) index instead of sorting every entry that matches.
        String leading = q.resource() != null ? "resource_code, " : q.person() != null ? "person, " : q.organisation() != null ? "organisation, " : "";
        return sql.list("select * from usage_log" + where + " order by " + leading + "at desc, seq desc limit ?", UsageLog::map,
                params.toArray());
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

    /** Verifies after the last checkpoint. */
    public Verification verify() {
        return verify(null);
    }

    /**
     * Walks this node's chain page by page (memory bounded by {@code pdx.usage-log.verify-page},
     * not by the chain): every MAC recomputed, every link and sequence checked; then the end is
     * compared with the store's head, this node's own head, the head it last signed and the head
     * its parent last acknowledged, so that a cut end is found even when the store's head was
     * moved back with it. A whole walk leaves a checkpoint (under the key) for the next one.
     *
     * @param from null: after the last checkpoint; 1: the whole chain; n: from entry n, taking
     *             entry n - 1 as the store holds it
     */
    public Verification verify(Long from) {
        Head head = head();
        Instant now = clock.instant();
        long expected;
        String prev;
        boolean sealed;
        Checkpoint checkpoint = null;
        String problem = null;
        Long brokenAt = null;
        if (from == null || from <= 1) {
            expected = 1;
            prev = GENESIS;
            sealed = false;
            if (from == null) {
                var c = checkpoint();
                if (c.problem != null) {
                    problem = c.problem;
                    brokenAt = c.seq;
                } else if (c.checkpoint != null) {
                    checkpoint = c.checkpoint;
                    if (checkpoint.seq() > head.seq()) {
                        brokenAt = head.seq() + 1;
                        problem = "entries " + (head.seq() + 1) + " to " + checkpoint.seq() + " were verified before but this node's head is"
                                + " entry " + head.seq() + ": entries were removed from the end";
                    }
                    expected = checkpoint.seq() + 1;
                    prev = checkpoint.hash();
                    sealed = checkpoint.sealed();
                }
            }
        } else {
            var before = sql.one("select hash, seal from usage_log where node_id = ? and seq = ?",
                    rs -> new Checkpoint(from - 1, rs.getString(1), ChainWalk.isSealed(rs.getString(2))), nodeId, from - 1);
            if (before.isEmpty()) {
                brokenAt = from - 1;
                problem = "entry " + (from - 1) + " is missing: verify from 1 to see where the chain breaks";
            }
            expected = from;
            prev = before.map(Checkpoint::hash).orElse(GENESIS);
            sealed = before.map(Checkpoint::sealed).orElse(false);
        }
        long first = expected;
        long verified = 0;
        if (problem == null) {
            var walked = new ChainWalk((fromSeq, toSeq, limit) -> sql.list(ChainWalk.PAGE, ChainWalk::row, nodeId, fromSeq, toSeq, limit),
                    keys::bySealId, settings.verifyPage()).walk(expected, prev, sealed, head.seq());
            verified = walked.verified();
            prev = walked.lastHash();
            sealed = walked.lastSealed();
            brokenAt = walked.brokenAtSeq();
            problem = walked.problem();
        }
        if (problem == null && head.seq() > 0 && !prev.equals(head.hash())) {
            brokenAt = head.seq();
            problem = "entry " + head.seq() + " is not the entry this node wrote as its newest";
        }
        if (problem == null) {
            var storeHead = sql.one("select seq, hash from usage_log_head where node_id = ?", rs -> new Head(rs.getLong(1), rs.getString(2)), nodeId)
                    .orElse(new Head(0, GENESIS));
            if (storeHead.seq() < head.seq() || (storeHead.seq() == head.seq() && head.seq() > 0 && !storeHead.hash().equals(head.hash()))) {
                brokenAt = storeHead.seq() + 1;
                problem = "the store's head records entry " + storeHead.seq() + " but this node's chain reaches entry " + head.seq()
                        + ": the head was moved back";
            }
        }
        LocalHead.Read local = localHead.read();
        Long signedSeq = local.head().map(SignedHead::seq).orElse(null);
        if (problem == null) {
            if (local.problem() != null) {
                problem = local.problem();
            } else if (local.head().isEmpty() && sealed) {
                problem = "there is no signed head in " + localHead.file() + " although the chain is sealed: the file was removed";
            } else if (local.head().isPresent()) {
                SignedHead s = local.head().get();
                problem = compare("the head this node signed at " + s.at(), s.seq(), s.hash(), head);
                brokenAt = problem == null ? null : s.seq();
            }
        }
        var witnessed = witnessed();
        Long witnessedSeq = witnessed.head().map(SignedHead::seq).orElse(null);
        if (problem == null) {
            if (witnessed.problem() != null) {
                problem = witnessed.problem();
            } else if (witnessed.head().isPresent()) {
                SignedHead w = witnessed.head().get();
                problem = compare("the head the parent witnessed (signed at " + w.at() + ")", w.seq(), w.hash(), head);
                brokenAt = problem == null ? null : w.seq();
            }
        }
        boolean intact = problem == null;
        if (intact && (checkpoint == null || head.seq() > checkpoint.seq()) && (from == null || from <= 1)) {
            saveCheckpoint(head, sealed, now);
        }
        Verification v = new Verification(nodeId, head.seq(), first, verified, intact, intact ? null : brokenAt, problem,
                signedSeq, witnessedSeq, keys.current().keyId(), now);
        health.record(v);
        return v;
    }

    /** The head the parent last acknowledged having witnessed, checked against its MAC. */
    LocalHead.Read witnessed() {
        try {
            var row = sql.one("select seq, hash, signed_at, mac from usage_log_witnessed where node_id = ?",
                    rs -> new SignedHead(nodeId, rs.getLong(1), rs.getString(2), Sql.instant(rs, "signed_at"), null, rs.getString(4)), nodeId);
            if (row.isEmpty()) {
                return new LocalHead.Read(Optional.empty(), null);
            }
            SignedHead w = row.get();
            boolean valid = keys.verifies("witnessed|" + w.text(), w.mac());
            return valid ? new LocalHead.Read(row, null)
                    : new LocalHead.Read(Optional.empty(), "the parent's acknowledgement in usage_log_witnessed was changed: its MAC does not match");
        } catch (RuntimeException e) {
            return new LocalHead.Read(Optional.empty(), "the parent's acknowledgement cannot be read: " + e.getMessage());
        }
    }

    /** Keeps the head the parent says it witnessed, under this node's key (so the store cannot forge it). */
    void acknowledged(String parentLink, long seq, String hash, Instant signedAt) {
        SignedHead w = new SignedHead(nodeId, seq, hash, signedAt, null, null);
        String mac = keys.current().seal("witnessed|" + w.text());
        Instant now = clock.instant();
        QuarkusTransaction.requiringNew().run(() -> {
            if (sql.update("update usage_log_witnessed set parent_link = ?, seq = ?, hash = ?, signed_at = ?, acknowledged_at = ?, mac = ?"
                    + " where node_id = ? and seq <= ?", parentLink, seq, hash, signedAt, now, mac, nodeId, seq) == 0
                    && sql.count("select count(*) from usage_log_witnessed where node_id = ?", nodeId) == 0) {
                sql.update("insert into usage_log_witnessed (node_id, parent_link, seq, hash, signed_at, acknowledged_at, mac) values (?,?,?,?,?,?,?)",
                        nodeId, parentLink, seq, hash, signedAt, now, mac);
            }
        });
    }

    private String compare(String what, long seq, String hash, Head head) {
        if (seq > head.seq()) {
            return what + " is entry " + seq + " but the chain ends at entry " + head.seq() + ": entries were removed from the end";
        }
        if (seq == 0) {
            return null;
        }
        var stored = sql.one("select hash from usage_log where node_id = ? and seq = ?", rs -> rs.getString(1), nodeId, seq);
        if (stored.isEmpty()) {
            return what + " is entry " + seq + ", which is missing";
        }
        return stored.get().equals(hash) ? null : "entry " + seq + " is not " + what + ": it was rewritten";
    }

    /** @param seq the entry a checkpoint that failed its MAC claims */
    private record CheckpointRead(Checkpoint checkpoint, String problem, Long seq) {
    }

    private CheckpointRead checkpoint() {
        var row = sql.one("select seq, hash, sealed, verified_at, mac from usage_log_checkpoint where node_id = ?",
                rs -> new Object[]{new Checkpoint(rs.getLong(1), rs.getString(2), rs.getBoolean(3)), Sql.instant(rs, "verified_at"), rs.getString(5)},
                nodeId);
        if (row.isEmpty()) {
            return new CheckpointRead(null, null, null);
        }
        Checkpoint c = (Checkpoint) row.get()[0];
        if (!keys.verifies(checkpointText(c, (Instant) row.get()[1]), (String) row.get()[2])) {
            return new CheckpointRead(null, "the verify checkpoint in usage_log_checkpoint was changed: its MAC does not match;"
                    + " verify from 1 to walk the whole chain", c.seq());
        }
        return new CheckpointRead(c, null, null);
    }

    private void saveCheckpoint(Head head, boolean sealed, Instant at) {
        Instant t = at.truncatedTo(ChronoUnit.MICROS);
        String mac = keys.current().seal(checkpointText(new Checkpoint(head.seq(), head.hash(), sealed), t));
        if (sql.update("update usage_log_checkpoint set seq = ?, hash = ?, sealed = ?, verified_at = ?, mac = ? where node_id = ?",
                head.seq(), head.hash(), sealed, t, mac, nodeId) == 0) {
            sql.update("insert into usage_log_checkpoint (node_id, seq, hash, sealed, verified_at, mac) values (?,?,?,?,?,?)",
                    nodeId, head.seq(), head.hash(), sealed, t, mac);
        }
    }

    private String checkpointText(Checkpoint c, Instant at) {
        return "usage-log-checkpoint|" + nodeId.length() + ":" + nodeId + "|" + c.seq() + "|" + c.hash() + "|" + c.sealed() + "|" + at;
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void filter(StringBuilder where, List<Object> params, String clause, Object value) {
        if (value != null) {
            where.append(" and ").append(clause);
            params.add(value);
        }
    }

    static UsageEntry map(ResultSet rs) throws SQLException {
        return ChainWalk.entry(rs);
    }
}
