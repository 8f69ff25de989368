package org.pdxhub.bench;

import org.pdxhub.hub.store.TimeOrderedIds;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * What the order of the message ids the node makes costs its store, without the node around it:
 * one entry per message, as the node writes it for a message it named itself (a REST send or a
 * document without {@code Pdx-Message-Id}, a read of a dataset), into tables of the node's shape
 * with their indexes: the usage-log entry ({@code usage_log}, seven indexes, one of them on
 * {@code message_id}), the landed message ({@code landed_message}, keyed by sender and id) and its
 * trail ({@code message_trail}, the same key). One commit per batch of messages, as the gate's run
 * and landing make them. Each case in a fresh store; reported: seconds in all, seconds in the commits,
 * and what the store wrote (H2: the file's size, as MVStore writes every changed page again in
 * full; PostgreSQL: the bytes of write-ahead log).
 * <p>
 * The cases differ only in the ids: random (UUID version 4, what the node made before) or in the
 * order they were made ({@link TimeOrderedIds}, version 7).
 * <pre>
 * java -Xmx1g -cp bench/target/benchmarks.jar org.pdxhub.bench.MessageIdOrderBench DIR [messages] [jdbc:postgresql://host:port/db]
 * </pre>
 * The PostgreSQL database (user {@code pdx}, no password) must be one the run may fill and empty.
 */
public final class MessageIdOrderBench {

    /** The node's store settings (application.properties). */
    private static final String H2_SETTINGS = ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;WRITE_DELAY=0;LOCK_TIMEOUT=3000;CACHE_SIZE=65536";

    /** The three tables after the node's migrations (V3, V7, V9, V10, V12, V33, V45). */
    private static final String[] SCHEMA = {
            "create table usage_log (node_id varchar(64) not null, seq bigint not null, at timestamp with time zone not null,"
                    + " person varchar(100), organisation varchar(18), purpose varchar(500), grant_id varchar(40), resource_code varchar(64),"
                    + " destination varchar(16), fields text, record_count integer not null, rejected_count integer not null,"
                    + " decision varchar(16) not null, rule varchar(100), masking text, payload_digest char(64), trace_id varchar(64),"
                    + " message_id varchar(64), detail text, prev_hash char(64) not null, hash char(64) not null, seal varchar(80),"
                    + " key_id varchar(100), primary key (node_id, seq))",
            "create index usage_log_newest on usage_log (at desc, seq desc)",
            "create index usage_log_resource_newest on usage_log (resource_code, at desc, seq desc)",
            "create index usage_log_org_newest on usage_log (organisation, at desc, seq desc)",
            "create index usage_log_person_newest on usage_log (person, at desc, seq desc)",
            "create index usage_log_grant on usage_log (grant_id, at, seq)",
            "create index usage_log_message on usage_log (message_id)",
            "create table landed_message (sender_org varchar(18) not null, message_id varchar(64) not null,"
                    + " resource_code varchar(64) not null, landed_at timestamp with time zone not null, primary key (sender_org, message_id))",
            "create table message_trail (sender_org varchar(18) not null, message_id varchar(64) not null,"
                    + " resource_code varchar(64) not null, direction varchar(8) not null, hops text not null,"
                    + " recorded_at timestamp with time zone not null, primary key (sender_org, message_id))"};

    private static final String[] TABLES = {"usage_log", "landed_message", "message_trail"};

    private static final String USAGE = "insert into usage_log (node_id, seq, at, person, organisation, purpose, grant_id, resource_code,"
            + " destination, fields, record_count, rejected_count, decision, masking, payload_digest, trace_id, message_id, prev_hash,"
            + " hash, key_id) values ('ganzi-prefecture',?,?,'bench','11513300MB0000002H','population statistics',null,'GZ-PSB-POP-001',"
            + " 'AGGREGATION','address,birth_date,citizen_id,county_code,name,phone',1,0,'DELIVERED',"
            + " 'citizen_id:pseudonym(sm3),name:mask(1,0),phone:mask(3,4)',?,?,?,?,?,'key-1')";
    private static final String LANDED = "insert into landed_message (sender_org, message_id, resource_code, landed_at)"
            + " values ('11513300MB0000002H',?,'GZ-PSB-POP-001',?)";
    private static final String TRAIL = "insert into message_trail (sender_org, message_id, resource_code, direction, hops, recorded_at)"
            + " values ('11513300MB0000002H',?,'GZ-PSB-POP-001','UP','[{\"node\":\"ganzi-prefecture\",\"at\":\"2026-12-02T03:00:00Z\"}]',?)";
    private static final String HASH = "9f".repeat(32);

    private record Case(String name, Supplier<String> ids, int perCommit) {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "bench/target/message-id-order");
        int messages = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        String pgUrl = args.length > 2 ? args[2] : null;
        Supplier<String> random = () -> UUID.randomUUID().toString();
        Supplier<String> ordered = TimeOrderedIds::next;
        List<Case> cases = List.of(
                new Case("random ids (v4), 100 messages a commit", random, 100),
                new Case("time-ordered ids (v7), 100 messages a commit", ordered, 100),
                new Case("random ids (v4), 10 messages a commit", random, 10),
                new Case("time-ordered ids (v7), 10 messages a commit", ordered, 10),
                new Case("random ids (v4), 1 message a commit", random, 1),
                new Case("time-ordered ids (v7), 1 message a commit", ordered, 1));
        System.out.printf("%,d messages per case, H2 %s%n", messages, org.h2.engine.Constants.FULL_VERSION);
        // The first case in a JVM pays H2's and the JIT's warm-up.
        h2(dir, messages / 4, new Case("warm-up (not counted)", random, 100));
        for (Case c : cases) {
            h2(dir, messages, c);
        }
        if (pgUrl != null) {
            System.out.printf("PostgreSQL %s%n", pgUrl);
            pg(pgUrl, messages / 4, new Case("warm-up (not counted)", random, 100));
            for (Case c : cases) {
                pg(pgUrl, messages, c);
            }
        }
    }

    private static void h2(Path dir, int messages, Case c) throws Exception {
        Files.createDirectories(dir);
        deleteAll(dir);
        String url = "jdbc:h2:file:" + dir.resolve("case").toAbsolutePath() + H2_SETTINGS;
        try (Connection conn = DriverManager.getConnection(url, "pdx", "pdx")) {
            createTables(conn);
            Timing t = write(conn, messages, c);
            long fileMb = Files.size(dir.resolve("case.mv.db")) >> 20;
            report("H2", c, messages, t, "file " + fileMb + " MB");
        }
        deleteAll(dir);
    }

    private static void pg(String url, int messages, Case c) throws Exception {
        try (Connection conn = DriverManager.getConnection(url, "pdx", "")) {
            try (Statement s = conn.createStatement()) {
                for (String table : TABLES) {
                    s.execute("drop table if exists " + table);
                }
                s.execute("checkpoint");
            } catch (java.sql.SQLException notSuperuser) {
                // CHECKPOINT needs a superuser or pg_checkpoint; without it each case starts wherever the last ended.
            }
            createTables(conn);
            long walBefore = walBytes(conn);
            Timing t = write(conn, messages, c);
            long walMb = (walBytes(conn) - walBefore) >> 20;
            report("PostgreSQL", c, messages, t, "WAL " + walMb + " MB");
            try (Statement s = conn.createStatement()) {
                for (String table : TABLES) {
                    s.execute("drop table " + table);
                }
            }
        }
    }

    private record Timing(double seconds, double inCommits) {
    }

    private static void createTables(Connection conn) throws Exception {
        try (Statement s = conn.createStatement()) {
            for (String ddl : SCHEMA) {
                s.execute(ddl);
            }
        }
    }

    private static Timing write(Connection conn, int messages, Case c) throws Exception {
        conn.setAutoCommit(false);
        long commitNanos = 0;
        long start = System.nanoTime();
        try (PreparedStatement usage = conn.prepareStatement(USAGE);
             PreparedStatement landed = conn.prepareStatement(LANDED);
             PreparedStatement trail = conn.prepareStatement(TRAIL)) {
            for (int i = 0; i < messages; i++) {
                String id = c.ids().get();
                Timestamp now = new Timestamp(System.currentTimeMillis());
                usage.setLong(1, i + 1);
                usage.setTimestamp(2, now);
                usage.setString(3, HASH);
                usage.setString(4, id);
                usage.setString(5, id);
                usage.setString(6, HASH);
                usage.setString(7, HASH);
                usage.addBatch();
                landed.setString(1, id);
                landed.setTimestamp(2, now);
                landed.addBatch();
                trail.setString(1, id);
                trail.setTimestamp(2, now);
                trail.addBatch();
                if ((i + 1) % c.perCommit() == 0 || i == messages - 1) {
                    usage.executeBatch();
                    landed.executeBatch();
                    trail.executeBatch();
                    long before = System.nanoTime();
                    conn.commit();
                    commitNanos += System.nanoTime() - before;
                }
            }
        }
        return new Timing((System.nanoTime() - start) / 1e9, commitNanos / 1e9);
    }

    private static long walBytes(Connection conn) throws Exception {
        try (Statement s = conn.createStatement(); ResultSet rs = s.executeQuery("select pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0')::bigint")) {
            rs.next();
            long bytes = rs.getLong(1);
            if (!conn.getAutoCommit()) {
                conn.commit();
            }
            return bytes;
        }
    }

    private static void report(String store, Case c, int messages, Timing t, String written) {
        System.out.printf("%-10s %-46s %,9d messages  %6.2f s (%,7.0f messages/s)  commits %6.2f s  %s%n",
                store, c.name(), messages, t.seconds(), messages / t.seconds(), t.inCommits(), written);
    }

    private static void deleteAll(Path dir) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(f);
            }
        }
    }
}
