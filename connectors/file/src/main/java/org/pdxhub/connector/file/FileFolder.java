package org.pdxhub.connector.file;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.pdxhub.connector.ConnectorInstance;
import org.pdxhub.connector.Health;
import org.pdxhub.connector.RecordSink;
import org.pdxhub.tabular.Csv;
import org.pdxhub.tabular.Header;
import org.pdxhub.tabular.TabularLimits;
import org.pdxhub.tabular.TabularRefused;
import org.pdxhub.tabular.Xlsx;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/** One watched folder, local or on an SFTP server: polls, reads a complete file in batches, sends each, moves the file. */
class FileFolder implements ConnectorInstance {

    /** A file changed more recently than this is still being written. */
    static final Duration QUIET = Duration.ofSeconds(1);

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String name;
    private final Drop drop;
    private final String resource;
    private final String person;
    private final String purpose;
    private final Duration poll;
    private final int batchSize;
    private final String sheet;
    private final RecordSink sink;

    private final AtomicLong filesRead = new AtomicLong();
    private final AtomicLong filesFailed = new AtomicLong();
    private final AtomicLong batchesSent = new AtomicLong();
    private final AtomicLong recordsSent = new AtomicLong();
    private final AtomicLong recordsRejected = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private static final System.Logger LOG = System.getLogger(FileFolder.class.getName());

    private volatile Health health = Health.down("not started");

    /** @param sheet the XLSX sheet to read, null for the first */
    FileFolder(String name, Drop drop, String resource, String person, String purpose, Duration poll, int batchSize, String sheet,
               RecordSink sink) {
        this.name = name;
        this.drop = drop;
        this.resource = resource;
        this.person = person;
        this.purpose = purpose;
        this.poll = poll;
        this.batchSize = batchSize;
        this.sheet = sheet;
        this.sink = sink;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String kind() {
        return "file";
    }

    @Override
    public void start() {
        health = Health.up("watching " + drop.describe());
    }

    @Override
    public void stop() {
        drop.close();
        health = Health.down("stopped");
    }

    @Override
    public Optional<Duration> pollEvery() {
        return Optional.of(poll);
    }

    /** DOWN, logged once per cause rather than at every poll. */
    private void down(String detail) {
        if (!detail.equals(health.detail())) {
            LOG.log(System.Logger.Level.WARNING, "connector " + name + ": " + detail);
        }
        health = Health.down(detail);
    }

    @Override
    public Health health() {
        return health;
    }

    @Override
    public Map<String, Long> counts() {
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("files-read", filesRead.get());
        counts.put("files-failed", filesFailed.get());
        counts.put("batches-sent", batchesSent.get());
        counts.put("records-sent", recordsSent.get());
        counts.put("records-rejected", recordsRejected.get());
        counts.put("failures", failures.get());
        return counts;
    }

    @Override
    public void poll() {
        List<Drop.Arrival> ready;
        try {
            ready = drop.settled(Instant.now().minus(QUIET));
        } catch (IOException | RuntimeException e) {
            failures.incrementAndGet();
            down("cannot list " + drop.describe() + ": " + e.getMessage());
            return;
        }
        for (Drop.Arrival file : ready) {
            try {
                take(file);
                health = Health.up("watching " + drop.describe());
            } catch (NodeUnavailable e) {
                // The node could not take a batch (broker, usage log): leave the file for the next poll.
                failures.incrementAndGet();
                down(file.name() + " left in place, the node did not take it: " + e.getMessage());
                return;
            } catch (DropUnavailable e) {
                failures.incrementAndGet();
                down(file.name() + " left in place, " + drop.describe() + " failed: " + e.getMessage());
                return;
            } catch (RuntimeException e) {
                failures.incrementAndGet();
                down(file.name() + ": " + e);
            }
        }
    }

    private void take(Drop.Arrival file) {
        Outcome outcome = new Outcome(file.name());
        String base = name + ":" + file.name() + ":" + file.size() + ":" + file.modified().toEpochMilli();
        String reason;
        try (Drop.Fetched fetched = fetch(file)) {
            reason = read(fetched.path(), file.name(), outcome, base);
        } catch (IOException e) {
            // Only closing the fetched copy can fail here; the reading has its own handling.
            LOG.log(System.Logger.Level.WARNING, "connector " + name + ": " + e.getMessage());
            reason = null;
        }
        if (reason == null) {
            // Every row is accounted for: queued for landing, or refused with its reason (in pdx.dlq).
            String summary = outcome.summary();
            LOG.log(System.Logger.Level.INFO, "connector " + name + ": " + file.name() + ": " + summary);
            move(file, "done", outcome.refusals.isEmpty() ? summary : summary + "; refused batches: " + String.join("; ", outcome.refusals));
            filesRead.incrementAndGet();
        } else {
            move(file, "failed", reason);
            filesFailed.incrementAndGet();
        }
    }

    private Drop.Fetched fetch(Drop.Arrival file) {
        try {
            return drop.fetch(file);
        } catch (IOException e) {
            throw new DropUnavailable(e.getMessage());
        }
    }

    /** @return why the file failed, or null when it is done */
    private String read(Path file, String fileName, Outcome outcome, String base) {
        try {
            FileTyping.Format format = FileTyping.detect(file, fileName);
            if (format == FileTyping.Format.DOCUMENT) {
                return document(file, fileName, outcome, messageId(base, 0));
            }
            Batcher batcher = new Batcher(batch -> outcome.send(batch, messageId(base, outcome.batches)));
            switch (format) {
                case CSV -> {
                    if (Csv.read(file, Header.NAMED, TabularLimits.DEFAULTS, row -> batcher.add(row.filled())) == null) {
                        throw new NotRecords("a CSV file needs a header row naming the fields");
                    }
                }
                case JSON -> {
                    try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 64 * 1024)) {
                        readJson(in, batcher);
                    }
                }
                case XLSX -> Xlsx.readSheet(file, sheet, Header.NAMED, TabularLimits.DEFAULTS, row -> batcher.add(row.filled()));
                case DOCUMENT -> throw new IllegalStateException("documents are sent whole");
            }
            batcher.flush();
            if (outcome.records == 0) {
                return "the file holds no records";
            } else if (outcome.accepted == 0) {
                return "every record was refused: " + String.join("; ", outcome.refusals);
            }
            return null;
        } catch (NotRecords e) {
            return e.getMessage();
        } catch (TabularRefused e) {
            return e.getMessage();
        } catch (IOException | RuntimeException e) {
            if (e instanceof NodeUnavailable n) {
                throw n;
            }
            return "unreadable: " + e.getMessage();
        }
    }

    /**
     * A document goes to the node whole, which scans and redacts it as an upload; a refusal (its
     * size, a hostile or encrypted document, the policy) sends it to failed/ with the reason.
     *
     * @return why the document failed, or null when it is done
     */
    private String document(Path file, String fileName, Outcome outcome, String messageId) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 64 * 1024)) {
            RecordSink.DocumentAccepted accepted = sink.sendDocument(resource, in, fileName, person, purpose, messageId);
            outcome.document = "document scanned and queued as " + accepted.messageId() + ", personal data found and treated: "
                    + accepted.found() + " (usage log " + accepted.usageLogSeq() + ")";
            return null;
        } catch (RecordSink.SinkRefused e) {
            return "document refused (" + e.rule() + "): " + e.getMessage();
        } catch (RuntimeException e) {
            throw new NodeUnavailable(e.getMessage());
        }
    }

    /**
     * The same file (name, size, time) gives the same ids, so a file read again after a crash
     * sends messages the node has already landed, and it lands them once.
     */
    private static String messageId(String base, int batch) {
        try {
            byte[] hash = java.security.MessageDigest.getInstance("SHA-256").digest((base + ":" + batch).getBytes(StandardCharsets.UTF_8));
            return "file-" + java.util.HexFormat.of().formatHex(hash, 0, 20) + "-" + batch;
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static void readJson(InputStream in, Batcher batcher) throws IOException {
        try (JsonParser parser = JSON.createParser(in)) {
            if (parser.nextToken() != JsonToken.START_ARRAY) {
                throw new NotRecords("a JSON file must be an array of records");
            }
            while (parser.nextToken() == JsonToken.START_OBJECT) {
                batcher.add(parser.readValueAs(LinkedHashMap.class));
            }
            if (parser.currentToken() != JsonToken.END_ARRAY) {
                throw new NotRecords("a JSON file must be an array of records (objects), found " + parser.currentToken());
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new NotRecords("not valid JSON: " + e.getOriginalMessage());
        }
    }

    private void move(Drop.Arrival file, String to, String reason) {
        try {
            drop.move(file, to, reason);
        } catch (IOException e) {
            throw new IllegalStateException("cannot move " + file.name() + " to " + to + "/: " + e.getMessage(), e);
        }
    }

    /** Tallies of one file. */
    private final class Outcome {
        int batches;
        long records;
        long accepted;
        long rejected;
        long refusedWhole;
        int batchesRefused;
        final List<String> refusals = new ArrayList<>();
        /** What became of a document; null for records. */
        String document;
        /** The file's name, to say where a refused batch is. */
        final String fileName;

        Outcome(String fileName) {
            this.fileName = fileName;
        }

        /** How many rows went which way; they add up to the rows read. */
        String summary() {
            if (document != null) {
                return document;
            }
            return records + " rows read: " + accepted + " accepted and queued for landing, " + rejected
                    + " refused one by one with a reason, " + refusedWhole + " in " + batchesRefused
                    + " batches refused whole with a reason (refused rows are in pdx.dlq)";
        }

        void send(List<Map<String, Object>> batch, String messageId) {
            batches++;
            records += batch.size();
            try {
                RecordSink.Accepted result = sink.send(resource, batch, person, purpose, messageId,
                        fileName + ", records " + (records - batch.size() + 1) + "-" + records);
                batchesSent.incrementAndGet();
                accepted += result.accepted();
                rejected += result.rejected();
                recordsSent.addAndGet(result.accepted());
                recordsRejected.addAndGet(result.rejected());
            } catch (RecordSink.SinkRefused e) {
                refusedWhole += batch.size();
                batchesRefused++;
                recordsRejected.addAndGet(batch.size());
                LOG.log(System.Logger.Level.WARNING, "connector " + name + ": batch " + batches + " refused (" + e.rule() + "): " + e.getMessage());
                if (refusals.size() < 5) {
                    refusals.add("batch " + batches + ": " + e.rule() + ": " + e.getMessage());
                }
            } catch (RuntimeException e) {
                throw new NodeUnavailable(e.getMessage());
            }
        }
    }

    /** Collects records into batches of batch-size; only one batch is held at a time. */
    private final class Batcher {
        private final Consumer<List<Map<String, Object>>> out;
        private List<Map<String, Object>> batch = new ArrayList<>();

        Batcher(Consumer<List<Map<String, Object>>> out) {
            this.out = out;
        }

        void add(Map<String, Object> record) {
            batch.add(record);
            if (batch.size() >= batchSize) {
                flush();
            }
        }

        void flush() {
            if (!batch.isEmpty()) {
                List<Map<String, Object>> full = batch;
                batch = new ArrayList<>(batchSize);
                out.accept(full);
            }
        }
    }

    /** The file is not records this connector reads; it goes to failed/. */
    static final class NotRecords extends RuntimeException {
        NotRecords(String message) {
            super(message);
        }
    }

    /** The drop (an SFTP server) could not be reached to fetch the file; the file stays. */
    static final class DropUnavailable extends RuntimeException {
        DropUnavailable(String message) {
            super(message);
        }
    }

    /** The node did not take a batch for a reason of its own; the file stays. */
    static final class NodeUnavailable extends RuntimeException {
        NodeUnavailable(String message) {
            super(message);
        }
    }
}
