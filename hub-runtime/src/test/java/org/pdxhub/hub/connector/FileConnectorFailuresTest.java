package org.pdxhub.hub.connector;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.Test;
import org.pdxhub.connector.ConnectorContext;
import org.pdxhub.connector.ConnectorInstance;
import org.pdxhub.connector.Health;
import org.pdxhub.connector.PositionStore;
import org.pdxhub.connector.RecordSink;
import org.pdxhub.hub.catalog.Catalog;
import org.pdxhub.hub.deadletter.DeadLetters;
import org.pdxhub.hub.exchange.DocumentExchange;
import org.pdxhub.hub.exchange.ExchangeService;
import org.pdxhub.hub.store.Sql;

import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A file connector on the node when things fail: the node in the middle of a file, the folder between polls. */
@QuarkusTest
class FileConnectorFailuresTest {

    static final String POPULATION = "GZ-PSB-POP-001";

    @Inject
    Connectors connectors;

    @Inject
    ExchangeService exchange;

    @Inject
    Catalog catalog;

    @Inject
    DocumentExchange documents;

    @Inject
    DeadLetters deadLetters;

    @Inject
    Sql sql;

    @Inject
    CamelContext camel;

    /** The node's own sink, which stops taking batches (the node went down) after {@code upTo} of them when upTo is not null. */
    private RecordSink sink(String name, Integer upTo, List<String> sent) {
        RecordSink gate = new GateSink(exchange, catalog, documents, deadLetters, name);
        return (resource, records, person, purpose, messageId) -> {
            if (upTo != null && sent.size() >= upTo) {
                throw new IllegalStateException("the node went down");
            }
            sent.add(messageId);
            return gate.send(resource, records, person, purpose, messageId);
        };
    }

    private ConnectorInstance fileConnector(String name, Path folder, RecordSink sink) {
        ConnectorContext ctx = new ConnectorContext() {
            public RecordSink sink() {
                return sink;
            }

            public Path dataDir() {
                return folder.resolveSibling(folder.getFileName() + "-data");
            }

            public String nodeId() {
                return "test";
            }

            public PositionStore positions() {
                throw new UnsupportedOperationException("the file kind keeps no position");
            }

            public CamelContext camel() {
                return camel;
            }
        };
        return connectors.kinds().get("file").create(name, Map.of("folder", folder.toString(), "resource", POPULATION,
                "person", "公安局户籍系统文件导出", "purpose", "人口基础信息汇聚", "batch-size", "3"), ctx);
    }

    private long landed(List<String> messageIds) {
        return sql.count("select count(*) from dataset_record where resource_code = '" + POPULATION + "' and message_id in ("
                + String.join(",", Collections.nCopies(messageIds.size(), "?")) + ")", messageIds.toArray());
    }

    /** Each landed row of these messages and when it landed (a second landing would write it again). */
    private List<String> landings(List<String> messageIds) {
        return sql.list("select record_key, received_at, message_id from dataset_record where message_id in ("
                        + String.join(",", Collections.nCopies(messageIds.size(), "?")) + ") order by record_key",
                rs -> rs.getString(1) + " " + rs.getTimestamp(2).toInstant() + " " + rs.getString(3), messageIds.toArray());
    }

    /**
     * The node goes down while a file connector is half-way through a file: the batches sent before
     * have landed, the rest have not. The file was not moved, so after the restart it is read again
     * from its first row; its batches carry the same ids as before (name, size, time, batch number),
     * and the node lands the ones it already holds no second time.
     */
    @Test
    void aFileCutOffMidwayIsReadAgainAfterTheRestartLosingNoRowAndLandingNoneTwice() throws Exception {
        Path folder = Files.createDirectories(Path.of("target", "cut-off-" + UUID.randomUUID()).toAbsolutePath());
        StringBuilder csv = new StringBuilder("citizen_id,person_name,birth_date\n");
        for (int i = 0; i < 10; i++) {
            csv.append(ConnectorsTest.citizenId(700 + i)).append(",卓玛").append(i).append(",1990-01-01\n");
        }
        Path file = folder.resolve("people.csv");
        Files.writeString(file, csv, StandardCharsets.UTF_8);
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().minusSeconds(5)));

        List<String> before = Collections.synchronizedList(new ArrayList<>());
        ConnectorInstance first = fileConnector("cut-off", folder, sink("cut-off", 2, before));
        first.start();
        first.poll();
        first.stop();
        assertEquals(2, before.size(), "two batches of three went through before the node went down: " + before);
        assertTrue(Files.exists(file), "the file stays where it was, for the next start");
        assertFalse(Files.exists(folder.resolve("done/people.csv")) || Files.exists(folder.resolve("failed/people.csv")));
        await().atMost(Duration.ofSeconds(15)).until(() -> landed(before) == 6);
        List<String> landedBeforeTheRestart = landings(before);
        // A node killed while it read the file leaves Camel's lock marker behind; the restarted node's consumer clears it.
        Files.writeString(folder.resolve("people.csv.camelLock"), "");

        List<String> after = Collections.synchronizedList(new ArrayList<>());
        ConnectorInstance restarted = fileConnector("cut-off", folder, sink("cut-off", null, after));
        restarted.start();
        restarted.poll();
        restarted.stop();
        assertEquals(before, after.subList(0, 2), "the file read again sends its first batches under the same ids");
        assertEquals(4, after.size(), "ten rows in batches of three: " + after);
        assertTrue(Files.exists(folder.resolve("done/people.csv")));
        // The batches that passed before the node went down are counted as such, not as accepted again.
        assertEquals("10 rows read: 4 accepted and queued for landing, 0 refused one by one with a reason, 0 in 0 batches refused whole"
                        + " with a reason (refused rows are in pdx.dlq), 6 passed when the file was read before and not again",
                Files.readString(folder.resolve("done/people.csv.reason.txt")).lines().findFirst().orElseThrow());

        await().atMost(Duration.ofSeconds(15)).until(() -> landed(after) == 10);
        assertEquals(10, landed(after), "every row of the file, once");
        assertEquals(landedBeforeTheRestart, landings(before), "the rows landed before the node went down were not landed again");
        assertEquals(4, sql.count("select count(*) from landed_message where message_id in (?, ?, ?, ?)", after.toArray()));
        assertFalse(Files.exists(folder.resolve("people.csv.camelLock")), "no lock left behind");
    }

    /**
     * A department's system writes a large file straight into the drop, row by row, while the node
     * polls every 100 ms: Camel's readLock=changed takes the file only once it has stopped changing,
     * so every row lands, in one reading, and none is read from a half-written file.
     */
    @Test
    void aFileStillBeingWrittenIsNotReadHalf() throws Exception {
        Path folder = Files.createDirectories(Path.of("target", "half-" + UUID.randomUUID()).toAbsolutePath());
        List<String> sent = Collections.synchronizedList(new ArrayList<>());
        ConnectorInstance files = fileConnector("half-written", folder, sink("half-written", null, sent));
        files.start();
        ScheduledPolls polls = connectors.schedule(files, Duration.ofMillis(100));
        Path file = folder.resolve("people.csv");
        int rows = 12;
        ScheduledExecutorService writer = Executors.newSingleThreadScheduledExecutor();
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("citizen_id,person_name,birth_date\n");
            out.flush();
            // A row every 150 ms: the file grows for almost two seconds, past many polls.
            for (int i = 0; i < rows; i++) {
                int row = i;
                writer.schedule(() -> {
                    out.write(ConnectorsTest.citizenId(740 + row) + ",达瓦" + row + ",1990-01-01\n");
                    out.flush();
                    return null;
                }, 150, TimeUnit.MILLISECONDS).get();
            }
        } finally {
            writer.shutdown();
        }
        try {
            await().atMost(Duration.ofSeconds(15)).until(() -> Files.exists(folder.resolve("done/people.csv.reason.txt")));
            String summary = Files.readString(folder.resolve("done/people.csv.reason.txt"));
            assertTrue(summary.startsWith(rows + " rows read: " + rows + " accepted"), summary);
            assertEquals(1L, files.counts().get("files-read"), "read once, whole");
            assertEquals((long) rows, files.counts().get("records-sent"));
            await().atMost(Duration.ofSeconds(15)).until(() -> landed(sent) == rows);
        } finally {
            polls.stop();
            files.stop();
        }
    }

    /** Every row of the file refused by the gate: the file goes to failed/ with the reason, and no row lands. */
    @Test
    void aFileTheGateRefusesInWholeGoesToFailedWithItsReason() throws Exception {
        Path folder = Files.createDirectories(Path.of("target", "refused-" + UUID.randomUUID()).toAbsolutePath());
        Path file = folder.resolve("people.csv");
        Files.writeString(file, "citizen_id,person_name,birth_date\n"
                + ConnectorsTest.wrongCheckDigit(ConnectorsTest.citizenId(760)) + ",旺姆,1990-01-01\n"
                + ConnectorsTest.wrongCheckDigit(ConnectorsTest.citizenId(761)) + ",平措,1990-01-01\n", StandardCharsets.UTF_8);
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().minusSeconds(5)));
        List<String> sent = Collections.synchronizedList(new ArrayList<>());
        ConnectorInstance files = fileConnector("refused-whole", folder, sink("refused-whole", null, sent));
        files.start();
        files.poll();
        files.stop();

        assertTrue(Files.exists(folder.resolve("failed/people.csv")));
        assertFalse(Files.exists(file));
        String reason = Files.readString(folder.resolve("failed/people.csv.reason.txt"));
        assertTrue(reason.contains("refused"), reason);
        assertEquals(1L, files.counts().get("files-failed"));
        assertEquals(0, landed(sent), "no row of it landed");
    }

    /** Camel's back-off: a folder that is gone is not looked at every 100 ms, and polling goes on at its rate once it is back. */
    @Test
    void aConnectorWhoseFolderIsGoneBacksOffAndGoesOnOnceItIsBack() throws Exception {
        Path folder = Files.createDirectories(Path.of("target", "back-off-" + UUID.randomUUID()).toAbsolutePath());
        ConnectorInstance files = fileConnector("back-off", folder, sink("back-off", null, new ArrayList<>()));
        files.start();
        ScheduledPolls polls = connectors.schedule(files, Duration.ofMillis(100));
        try {
            Files.delete(folder.resolve("done"));
            Files.delete(folder.resolve("failed"));
            Files.delete(folder);
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(10))
                    .until(() -> files.counts().get("failures") >= ScheduledPolls.BACKOFF_ERROR_THRESHOLD);
            long failures = files.counts().get("failures");
            assertEquals(ScheduledPolls.BACKOFF_ERROR_THRESHOLD, failures, "three failed polls in a row, then the back-off");
            // Polled every 100 ms, seven more failures would come in 700 ms; in the back-off, none.
            await().during(Duration.ofMillis(700)).atMost(Duration.ofMillis(900)).pollInterval(Duration.ofMillis(20))
                    .until(() -> files.counts().get("failures") == failures);
            assertTrue(polls.backoffCounter() > 0, "Camel is skipping polls");
            assertEquals(Health.Status.DOWN, files.health().status(), files.health().toString());

            Files.createDirectories(folder.resolve("done"));
            Files.createDirectories(folder.resolve("failed"));
            Path file = folder.resolve("people.csv");
            Files.writeString(file, "citizen_id,person_name,birth_date\n" + ConnectorsTest.citizenId(720) + ",次仁,1990-01-01\n");
            Files.setLastModifiedTime(file, FileTime.from(Instant.now().minusSeconds(5)));
            await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(folder.resolve("done/people.csv")));
            assertEquals(Health.Status.UP, files.health().status(), files.health().toString());
        } finally {
            polls.stop();
            files.stop();
        }
    }
}
