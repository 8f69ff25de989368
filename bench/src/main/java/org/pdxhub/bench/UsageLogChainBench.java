package org.pdxhub.bench;

import com.sun.management.OperatingSystemMXBean;
import org.pdxhub.hub.audit.ChainWalk;
import org.pdxhub.hub.audit.Seal;
import org.pdxhub.hub.audit.UsageDecision;
import org.pdxhub.hub.audit.UsageEntry;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Verifies a long usage-log chain with the node's own walk ({@link ChainWalk}) and reports time and
 * peak heap. The chain is generated once into an H2 file with the node's sealing code (the same
 * table as the node's, typical gate entries), then walked whole and from a checkpoint near its end.
 * H2 runs in the same JVM with a 16 MB page cache (CACHE_SIZE), which the peak heap includes.
 * Run with a small heap to show that memory does not grow with the chain:
 * <pre>
 * java -Xmx64m -cp bench/target/benchmarks.jar org.pdxhub.bench.UsageLogChainBench DIR [entries] [page] [tail]
 * </pre>
 */
public final class UsageLogChainBench {

    static final byte[] KEY = "pdx-bench-usage-log-key-32-bytes".getBytes(StandardCharsets.US_ASCII);
    static final String NODE = "bench-node";
    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "bench/target/usage-log-chain");
        long entries = args.length > 1 ? Long.parseLong(args[1]) : 10_000_000L;
        int page = args.length > 2 ? Integer.parseInt(args[2]) : 2000;
        long tail = args.length > 3 ? Long.parseLong(args[3]) : 10_000L;
        Files.createDirectories(dir);
        Seal seal = new Seal(Seal.Algorithm.HMAC_SHA256, KEY);
        String url = "jdbc:h2:file:" + dir.toAbsolutePath().resolve("chain") + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;CACHE_SIZE=16384";
        try (Connection c = DriverManager.getConnection(url, "pdx", "pdx")) {
            long have = generate(c, seal, entries);
            System.out.printf("chain: %,d entries in %s (%,d MB on disk)%n", have, dir, Files.size(dir.resolve("chain.mv.db")) >> 20);
            Map<String, Seal> seals = Map.of(seal.id(), seal);
            ChainWalk walk = new ChainWalk(ChainWalk.jdbc(c, NODE), id -> Optional.ofNullable(seals.get(id)), page);
            measure("whole", () -> walk.walk(1, "0".repeat(64), false, have));
            long from = Math.max(1, have - tail + 1);
            String prev = hashOf(c, from - 1);
            measure("from checkpoint, last " + (have - from + 1), () -> walk.walk(from, prev, true, have));
        }
    }

    private static void measure(String what, Supplier<ChainWalk.Result> run) {
        System.gc();
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
        var os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpu0 = os.getProcessCpuTime();
        long t0 = System.nanoTime();
        ChainWalk.Result r = run.get();
        long ns = System.nanoTime() - t0;
        double cpu = (os.getProcessCpuTime() - cpu0) / 1e9;
        long peak = ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                .mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        System.out.printf("verify %s: %,d entries in %.1f s (%,.0f entries/s), process CPU %.1f s (%,.0f entries per CPU-second),"
                        + " intact=%s, peak heap %,d MB of -Xmx %,d MB%n", what, r.verified(), ns / 1e9, r.verified() / (ns / 1e9), cpu,
                r.verified() / cpu, r.intact(), peak >> 20, Runtime.getRuntime().maxMemory() >> 20);
        if (!r.intact()) {
            System.out.println("  problem: " + r.problem());
        }
    }

    /** A typical gate entry: a delivery of 100 records of the standard resource, masked. */
    static UsageEntry entry(long seq, String prevHash) {
        return new UsageEntry(NODE, seq, START.plusMillis(seq * 7), "公安局户籍窗口", "11513300MB0000002H", "人口基础信息汇聚",
                null, "GZ-PSB-POP-001", "AGGREGATION", "citizen_id,name,gender,birth_date,mobile,address,household_id,ethnicity,"
                + "marital_status,registered_at", 100, 0, UsageDecision.DELIVERED, null,
                "citizen_id=pseudonym(sm3);mobile=keep(3,4);address=generalise-address(county)", "a".repeat(64),
                "trace-" + seq, "msg-" + seq, null, prevHash, null);
    }

    private static long generate(Connection c, Seal seal, long entries) throws Exception {
        try (Statement s = c.createStatement()) {
            s.execute("create table if not exists usage_log (node_id varchar(64) not null, seq bigint not null,"
                    + " at timestamp with time zone not null, person varchar(100), organisation varchar(18), purpose varchar(500),"
                    + " grant_id varchar(40), resource_code varchar(64), destination varchar(16), fields text, record_count integer not null,"
                    + " rejected_count integer not null, decision varchar(16) not null, rule varchar(100), masking text,"
                    + " payload_digest char(64), trace_id varchar(64), message_id varchar(64), detail text, prev_hash char(64) not null,"
                    + " hash char(64) not null, seal varchar(80), primary key (node_id, seq))");
        }
        long have;
        String prev;
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select max(seq) from usage_log")) {
            rs.next();
            have = rs.getLong(1);
        }
        prev = have == 0 ? "0".repeat(64) : hashOf(c, have);
        if (have >= entries) {
            return have;
        }
        c.setAutoCommit(false);
        long t0 = System.nanoTime();
        try (PreparedStatement ps = c.prepareStatement("insert into usage_log (node_id, seq, at, person, organisation, purpose, grant_id,"
                + " resource_code, destination, fields, record_count, rejected_count, decision, rule, masking, payload_digest, trace_id,"
                + " message_id, detail, prev_hash, hash, seal) values (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
            for (long seq = have + 1; seq <= entries; seq++) {
                UsageEntry e = ChainWalk.seal(entry(seq, prev), seal);
                ps.setString(1, e.nodeId());
                ps.setLong(2, e.seq());
                ps.setObject(3, e.at().atOffset(ZoneOffset.UTC));
                ps.setString(4, e.person());
                ps.setString(5, e.organisation());
                ps.setString(6, e.purpose());
                ps.setString(7, e.grantId());
                ps.setString(8, e.resourceCode());
                ps.setString(9, e.destination());
                ps.setString(10, e.fields());
                ps.setInt(11, e.recordCount());
                ps.setInt(12, e.rejectedCount());
                ps.setString(13, e.decision().name());
                ps.setString(14, e.rule());
                ps.setString(15, e.masking());
                ps.setString(16, e.payloadDigest());
                ps.setString(17, e.traceId());
                ps.setString(18, e.messageId());
                ps.setString(19, e.detail());
                ps.setString(20, e.prevHash());
                ps.setString(21, e.hash());
                ps.setString(22, seal.id());
                ps.addBatch();
                prev = e.hash();
                if (seq % 5_000 == 0 || seq == entries) {
                    ps.executeBatch();
                    c.commit();
                }
                if (seq % 1_000_000 == 0) {
                    System.out.printf("  generated %,d (%.0f s)%n", seq, (System.nanoTime() - t0) / 1e9);
                }
            }
        }
        c.setAutoCommit(true);
        System.out.printf("generated %,d entries in %.0f s%n", entries - have, (System.nanoTime() - t0) / 1e9);
        return entries;
    }

    private static String hashOf(Connection c, long seq) throws Exception {
        if (seq < 1) {
            return "0".repeat(64);
        }
        try (PreparedStatement ps = c.prepareStatement("select hash from usage_log where node_id = ? and seq = ?")) {
            ps.setString(1, NODE);
            ps.setLong(2, seq);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    private UsageLogChainBench() {
    }
}
