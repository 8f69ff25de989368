package org.pdxhub.bench;

import org.pdxhub.hub.exchange.Datasets;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

/**
 * Why landing on H2 is slower than on PostgreSQL, without the node around it: records written into
 * a table of the node's {@code dataset_record} shape, with the node's H2 settings and its landing
 * statement, one commit per batch as landing makes it, in a fresh H2 file per case. Reported per
 * case: seconds in all, seconds in the commits, and the size of the file at the end (MVStore writes
 * every page a commit changed again, in full, so the file's growth is what the commits wrote).
 * <p>
 * Each case changes one thing: keys in random order (pseudonyms, what a dataset keyed by a masked
 * citizen ID holds) against keys in ascending order; rows per commit; and, for comparison only,
 * {@code WRITE_DELAY=100}, which the node does not use because a {@code kill -9} would lose the
 * last commits.
 * <pre>
 * java -Xmx1g -cp bench/target/benchmarks.jar org.pdxhub.bench.H2LandingShapeBench DIR [rows]
 * </pre>
 */
public final class H2LandingShapeBench {

    /** The node's store settings (application.properties), WRITE_DELAY left to each case. */
    private static final String SETTINGS = ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;LOCK_TIMEOUT=3000;CACHE_SIZE=65536";

    /** The node's table after its migrations (V4, V20, V40). */
    private static final String[] SCHEMA = {
            "create table dataset_record (resource_code varchar(64) not null, record_key varchar(200) not null, payload text not null,"
                    + " resource_version integer not null, source_node varchar(64) not null, source_org varchar(18) not null,"
                    + " message_id varchar(64) not null, received_at timestamp with time zone not null,"
                    + " passage_seq bigint not null default 0, primary key (resource_code, record_key))",
            "create index dataset_record_received on dataset_record (received_at, resource_code)"};

    /** The node's landing statement on H2, run as a JDBC batch of one per record as landing runs it. */
    private static final String MERGE = Datasets.MERGE_RECORD;

    /** A landed record of the benchmarks' standard resource as the gate leaves it (masked), about 330 bytes of JSON. */
    private static final String PAYLOAD = "{\"citizen_id\":\"%s\",\"name\":\"次*\",\"gender\":\"男\",\"ethnicity\":\"藏族\","
            + "\"birth_date\":\"1980\",\"mobile\":\"138****1234\",\"county_code\":\"513322\",\"address\":\"四川省甘孜藏族自治州泸定县泸桥镇\","
            + "\"enrolment_date\":\"2010-01-01\",\"status\":\"参保\"}";

    private record Case(String name, boolean randomKeys, int rowsPerCommit, int writeDelay) {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "bench/target/h2-landing-shape");
        int rows = args.length > 1 ? Integer.parseInt(args[1]) : 200_000;
        List<Case> cases = List.of(
                new Case("random keys, 500 rows a commit (the CSV's landing)", true, 500, 0),
                new Case("ascending keys, 500 rows a commit", false, 500, 0),
                new Case("random keys, 5,000 rows a commit", true, 5_000, 0),
                new Case("random keys, 50 rows a commit", true, 50, 0),
                new Case("random keys, 500 rows a commit, WRITE_DELAY=100 (not the node's)", true, 500, 100));
        System.out.printf("%,d rows per case, H2 %s%n", rows, org.h2.engine.Constants.FULL_VERSION);
        // The first case run in a JVM took as long for 200,000 rows as the same case later for 400,000: H2's and the JIT's warm-up.
        run(dir, rows, new Case("warm-up (not counted): " + cases.get(0).name(), true, 500, 0));
        for (Case c : cases) {
            run(dir, rows, c);
        }
        // The same case on a table twice as large: the cost per row grows with the index.
        run(dir, rows * 2, cases.get(0));
    }

    private static void run(Path dir, int rows, Case c) throws Exception {
        Path db = Files.createDirectories(dir).resolve("case");
        deleteAll(dir);
        String url = "jdbc:h2:file:" + db.toAbsolutePath() + SETTINGS + ";WRITE_DELAY=" + c.writeDelay();
        long commitNanos = 0;
        long start = System.nanoTime();
        try (Connection conn = DriverManager.getConnection(url, "pdx", "pdx")) {
            try (Statement s = conn.createStatement()) {
                for (String ddl : SCHEMA) {
                    s.execute(ddl);
                }
            }
            conn.setAutoCommit(false);
            Random random = new Random(42);
            Timestamp now = new Timestamp(System.currentTimeMillis());
            try (PreparedStatement merge = conn.prepareStatement(MERGE)) {
                for (int i = 0; i < rows; i++) {
                    String key = c.randomKeys()
                            ? "%016x%016x%016x%016x".formatted(random.nextLong(), random.nextLong(), random.nextLong(), random.nextLong())
                            : "%064d".formatted(i);
                    merge.setString(1, "GZ-PSB-POP-001");
                    merge.setString(2, key);
                    merge.setString(3, PAYLOAD.formatted(key));
                    merge.setInt(4, 1);
                    merge.setString(5, "ganzi-prefecture");
                    merge.setString(6, "11513300MB0000002H");
                    merge.setString(7, "bench-" + (i / c.rowsPerCommit()));
                    merge.setTimestamp(8, now);
                    merge.setLong(9, i / c.rowsPerCommit());
                    merge.addBatch();
                    if ((i + 1) % c.rowsPerCommit() == 0 || i == rows - 1) {
                        merge.executeBatch();
                        long before = System.nanoTime();
                        conn.commit();
                        commitNanos += System.nanoTime() - before;
                    }
                }
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long fileMb = Files.size(dir.resolve("case.mv.db")) >> 20;
        System.out.printf("%-70s %,9d rows  %6.1f s (%,7.0f rows/s)  commits %5.1f s  file %,6d MB%n",
                c.name(), rows, seconds, rows / seconds, commitNanos / 1e9, fileMb);
        deleteAll(dir);
    }

    private static void deleteAll(Path dir) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(f);
            }
        }
    }
}
