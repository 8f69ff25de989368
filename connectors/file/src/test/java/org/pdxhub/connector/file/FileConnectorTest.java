package org.pdxhub.connector.file;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pdxhub.connector.ConnectorConfigException;
import org.pdxhub.connector.Health;
import org.pdxhub.connector.RecordSink;

import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The connector alone, against a sink that records what it is handed (the node's gate is tested
 * with the connector in hub-runtime's ConnectorsTest).
 */
class FileConnectorTest {

    @TempDir
    Path folder;

    final List<List<Map<String, Object>>> batches = new ArrayList<>();
    final List<String> messageIds = new ArrayList<>();
    int largestBatch;

    final RecordSink sink = (code, records, person, purpose, messageId) -> {
        largestBatch = Math.max(largestBatch, records.size());
        if (batches.size() < 10) {
            batches.add(records);
        }
        messageIds.add(messageId);
        return new RecordSink.Accepted(messageId, records.size(), 0);
    };

    FileFolder instance(int batchSize) {
        Map<String, String> options = new HashMap<>(Map.of("folder", folder.toString(), "resource", "GZ-TEST", "person", "测试系统",
                "purpose", "测试", "poll", "2s", "batch-size", String.valueOf(batchSize)));
        return (FileFolder) new FileConnector().create("drop", options, RecordingSink.context(sink, folder));
    }

    static Path settled(Path file) throws Exception {
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().minusSeconds(5)));
        return file;
    }

    @Test
    void aLargeCsvIsStreamedInBatchesOfBatchSize() throws Exception {
        Path csv = folder.resolve("people.csv");
        try (BufferedWriter w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
            w.write("citizen_id,person_name\n");
            for (int i = 0; i < 200_000; i++) {
                w.write("5133011985" + String.format("%08d", i) + ",name" + i + "\n");
            }
        }
        settled(csv);
        FileFolder files = instance(1000);
        files.poll();

        assertEquals(200, messageIds.size(), "200,000 rows in batches of 1000");
        assertEquals(1000, largestBatch);
        assertEquals(200, messageIds.stream().distinct().count(), "a message id per batch");
        assertEquals("name0", batches.get(0).get(0).get("person_name"));
        assertEquals(200_000L, files.counts().get("records-sent"));
        assertTrue(Files.exists(folder.resolve("done/people.csv")));
        assertFalse(Files.exists(csv));
    }

    @Test
    void aJsonArrayIsReadAsRecordsWhateverTheFileIsCalled() throws Exception {
        settled(Files.writeString(folder.resolve("export.dat"), " [{\"a\":\"1\"},{\"a\":\"2\"},{\"a\":\"3\"}]"));
        instance(2).poll();
        assertEquals(2, messageIds.size());
        assertEquals("3", batches.get(1).get(0).get("a"));
        assertTrue(Files.exists(folder.resolve("done/export.dat")));
    }

    @Test
    void aPdfNamedCsvGoesToFailedWithItsReason() throws Exception {
        settled(Files.write(folder.resolve("people.csv"), "%PDF-1.7\n%\u00e2\u00e3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n".getBytes(StandardCharsets.ISO_8859_1)));
        byte[] binary = new byte[4096];
        new java.util.Random(7).nextBytes(binary);
        settled(Files.write(folder.resolve("other.csv"), binary));
        FileFolder files = instance(500);
        files.poll();

        assertTrue(messageIds.isEmpty());
        assertTrue(Files.exists(folder.resolve("failed/people.csv")));
        assertTrue(Files.readString(folder.resolve("failed/people.csv.reason.txt")).contains("application/pdf"));
        assertTrue(Files.readString(folder.resolve("failed/other.csv.reason.txt")).contains("not CSV, JSON or XLSX"));
        assertEquals(2L, files.counts().get("files-failed"));
    }

    @Test
    void aDoneFilesSummaryAccountsForEveryRow() throws Exception {
        settled(Files.writeString(folder.resolve("mixed.csv"), "a\n1\n2\n3\n4\n5\n"));
        Map<String, String> options = new HashMap<>(Map.of("folder", folder.toString(), "resource", "GZ-TEST", "person", "p",
                "purpose", "q", "poll", "2s", "batch-size", "2"));
        int[] batch = {0};
        FileFolder files = (FileFolder) new FileConnector().create("drop", options, RecordingSink.context((c, r, p, q, m) -> {
            if (++batch[0] == 2) {
                throw new RecordSink.SinkRefused("validation.no-valid-record", "none of the 2 records is valid");
            }
            return new RecordSink.Accepted(m, r.size() - 1, 1);
        }, folder));
        files.poll();
        String summary = Files.readString(folder.resolve("done/mixed.csv.reason.txt"));
        assertTrue(summary.contains("5 rows read: 1 accepted and queued for landing, 2 refused one by one with a reason,"
                + " 2 in 1 batches refused whole"), summary);
    }

    @Test
    void aFileStillBeingWrittenIsLeftForTheNextPoll() throws Exception {
        Files.writeString(folder.resolve("fresh.csv"), "a\n1\n");
        Files.writeString(folder.resolve(".hidden.csv"), "a\n1\n");
        instance(500).poll();
        assertTrue(messageIds.isEmpty());
        assertTrue(Files.exists(folder.resolve("fresh.csv")));
    }

    @Test
    void aFileWhoseEveryBatchIsRefusedGoesToFailed() throws Exception {
        settled(Files.writeString(folder.resolve("bad.csv"), "a\n1\n2\n"));
        Map<String, String> options = new HashMap<>(Map.of("folder", folder.toString(), "resource", "GZ-TEST", "person", "p",
                "purpose", "q", "poll", "2s", "batch-size", "500"));
        FileFolder files = (FileFolder) new FileConnector().create("drop", options, RecordingSink.context((c, r, p, q, m) -> {
                    throw new RecordSink.SinkRefused("validation.record", "2 record(s) rejected");
                }, folder));
        files.poll();
        assertTrue(Files.readString(folder.resolve("failed/bad.csv.reason.txt")).contains("every record was refused"));
    }

    /**
     * A link in the drop, to a file outside it or to a folder above it, is not followed: nothing
     * outside the drop is read or moved, and the links stay as they were.
     */
    @Test
    void aLinkOutOfTheDropIsNotFollowed(@TempDir Path elsewhere) throws Exception {
        Path secret = settled(Files.writeString(elsewhere.resolve("secret.csv"), "citizen_id\n513301198501010012\n"));
        Files.createSymbolicLink(folder.resolve("people.csv"), secret);
        Files.createSymbolicLink(folder.resolve("up.csv"), Path.of("..", elsewhere.getFileName().toString(), "secret.csv"));
        Files.createSymbolicLink(folder.resolve("parent"), folder.getParent());
        settled(Files.writeString(folder.resolve("real.csv"), "citizen_id\n513301198501010020\n"));
        FileFolder files = instance(500);
        files.poll();

        assertEquals(1, messageIds.size(), "only the file that is in the drop: " + messageIds);
        assertEquals("513301198501010020", batches.get(0).get(0).get("citizen_id"));
        assertTrue(Files.exists(secret), "the file outside the drop stays where it is");
        assertTrue(Files.isSymbolicLink(folder.resolve("people.csv")) && Files.isSymbolicLink(folder.resolve("up.csv")));
        assertFalse(Files.exists(folder.resolve("done/people.csv"), LinkOption.NOFOLLOW_LINKS));
        assertEquals(Health.Status.UP, files.health().status(), files.health().detail());
    }

    /** A daily file under the same name: the one done yesterday, and its reason, are kept beside today's. */
    @Test
    void aFileDroppedAgainUnderTheSameNameKeepsTheEarlierOneInDone() throws Exception {
        FileFolder files = instance(500);
        settled(Files.writeString(folder.resolve("people.csv"), "a\n1\n"));
        files.poll();
        settled(Files.writeString(folder.resolve("people.csv"), "a\n1\n2\n"));
        files.poll();

        assertTrue(Files.readString(folder.resolve("done/people.csv.reason.txt")).startsWith("2 rows read"));
        try (Stream<Path> done = Files.list(folder.resolve("done"))) {
            List<String> earlier = done.map(p -> p.getFileName().toString()).filter(n -> n.matches("\\d+-people\\.csv(\\.reason\\.txt)?"))
                    .sorted().toList();
            assertEquals(2, earlier.size(), "yesterday's file and its reason: " + earlier);
            assertEquals("a\n1\n", Files.readString(folder.resolve("done").resolve(earlier.get(0))));
            assertTrue(Files.readString(folder.resolve("done").resolve(earlier.get(1))).startsWith("1 rows read"));
        }
    }

    @Test
    void aMissingFolderIsNamedAsTheBadOption() {
        Map<String, String> options = new HashMap<>(Map.of("folder", folder.resolve("nope").toString(), "resource", "R", "person", "p",
                "purpose", "q", "poll", "2s", "batch-size", "500"));
        ConnectorConfigException e = assertThrows(ConnectorConfigException.class, () -> new FileConnector().create("drop", options, null));
        assertEquals("folder", e.option());
    }
}
