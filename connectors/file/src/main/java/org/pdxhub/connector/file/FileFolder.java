package org.pdxhub.connector.file;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Consumer;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePropertyKey;
import org.apache.camel.component.file.GenericFile;
import org.apache.camel.component.file.GenericFileConsumer;
import org.apache.camel.component.file.GenericFileEndpoint;
import org.apache.camel.spi.ExceptionHandler;
import org.apache.camel.spi.PollingConsumerPollStrategy;
import org.apache.camel.support.service.ServiceHelper;
import org.pdxhub.connector.ConnectorContext;
import org.pdxhub.connector.ConnectorInstance;
import org.pdxhub.connector.Health;
import org.pdxhub.connector.RecordSink;
import org.pdxhub.tabular.Csv;
import org.pdxhub.tabular.Header;
import org.pdxhub.tabular.TabularLimits;
import org.pdxhub.tabular.TabularRefused;
import org.pdxhub.tabular.Xlsx;

import java.io.BufferedInputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One watched folder, local or on an SFTP server. Each {@link #poll()} is one poll of Camel's
 * file or sftp consumer on it (listing, {@code readLock=changed}, fetching, {@code move} or
 * {@code moveFailed}), run on the runtime's thread; the node reads each file in batches and sends
 * them through the gate, and says through {@link Outcomes} where the file goes.
 */
class FileFolder implements ConnectorInstance {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Batches read ahead of the one being sent: enough to keep the sender busy, few enough for a small heap. */
    private static final int BATCHES_AHEAD = 2;

    private final String name;
    private final Drop drop;
    private final String resource;
    private final String person;
    private final String purpose;
    private final Duration poll;
    private final int batchSize;
    private final String sheet;
    private final RecordSink sink;
    private final ConnectorContext ctx;

    private final AtomicLong filesRead = new AtomicLong();
    private final AtomicLong filesFailed = new AtomicLong();
    private final AtomicLong batchesSent = new AtomicLong();
    private final AtomicLong recordsSent = new AtomicLong();
    private final AtomicLong recordsRejected = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private static final System.Logger LOG = System.getLogger(FileFolder.class.getName());

    private volatile Health health = Health.down("not started");
    private GenericFileEndpoint<?> endpoint;
    private GenericFileConsumer<?> consumer;
    /** Why a file of the poll under way was left in place; the poll's other files are left too. */
    private String leftInPlace;

    FileFolder(String name, Drop drop, FileOptions options, ConnectorContext ctx) {
        this.name = name;
        this.drop = drop;
        this.resource = options.resource();
        this.person = options.person();
        this.purpose = options.purpose();
        this.poll = options.poll();
        this.batchSize = options.batchSize();
        this.sheet = options.sheet();
        this.sink = ctx == null ? null : ctx.sink();
        this.ctx = ctx;
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
    public synchronized void stop() {
        if (consumer != null) {
            ServiceHelper.stopAndShutdownServices(consumer, endpoint);
            consumer = null;
            endpoint = null;
        }
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

    /** One poll of Camel's consumer; its scheduler is not started, the runtime's is the one that polls. */
    @Override
    public synchronized void poll() {
        leftInPlace = null;
        try {
            consumer().run();
        } catch (RuntimeException e) {
            failures.incrementAndGet();
            down("cannot watch " + drop.describe() + ": " + drop.failure(e));
        }
    }

    private GenericFileConsumer<?> consumer() {
        if (consumer == null) {
            endpoint = drop.endpoint(ctx.camel(), afterTheFile());
            try {
                GenericFileConsumer<?> created = endpoint.createConsumer(this::take);
                created.setStartScheduler(false);
                created.setPollStrategy(polls());
                created.setExceptionHandler(quiet());
                ServiceHelper.startService(endpoint, created);
                consumer = created;
            } catch (Exception e) {
                ServiceHelper.stopAndShutdownService(endpoint);
                endpoint = null;
                throw new IllegalStateException(e.getMessage(), e);
            }
        }
        return consumer;
    }

    /** A poll that cannot list the drop (gone, unreachable, a wrong host key or login) is a failed poll: DOWN, and the runtime backs off. */
    private PollingConsumerPollStrategy polls() {
        return new PollingConsumerPollStrategy() {
            @Override
            public boolean begin(Consumer consumer, Endpoint endpoint) {
                return true;
            }

            @Override
            public void commit(Consumer consumer, Endpoint endpoint, int polledMessages) {
                if (leftInPlace == null) {
                    health = Health.up("watching " + drop.describe());
                }
            }

            @Override
            public boolean rollback(Consumer consumer, Endpoint endpoint, int retryCounter, Exception cause) {
                failures.incrementAndGet();
                down("cannot list " + drop.describe() + ": " + drop.failure(cause));
                return false;
            }
        };
    }

    /** A file read or refused that could not be moved: it stays, and is read again (under the same message ids) at the next poll. */
    private ExceptionHandler afterTheFile() {
        return new ExceptionHandler() {
            @Override
            public void handleException(Throwable cause) {
                handleException(null, null, cause);
            }

            @Override
            public void handleException(String message, Throwable cause) {
                handleException(message, null, cause);
            }

            @Override
            public void handleException(String message, Exchange exchange, Throwable cause) {
                failures.incrementAndGet();
                down((message == null ? "" : message + ": ") + drop.failure(cause));
            }
        };
    }

    /** The poll's own failures reach {@link #polls()}; Camel's line for each would repeat them. */
    private static ExceptionHandler quiet() {
        return new ExceptionHandler() {
            @Override
            public void handleException(Throwable cause) {
                LOG.log(System.Logger.Level.DEBUG, cause.toString());
            }

            @Override
            public void handleException(String message, Throwable cause) {
                LOG.log(System.Logger.Level.DEBUG, message + ": " + cause);
            }

            @Override
            public void handleException(String message, Exchange exchange, Throwable cause) {
                LOG.log(System.Logger.Level.DEBUG, message + ": " + cause);
            }
        };
    }

    /**
     * One file, locked and fetched by Camel: read in batches through the gate, then done (the
     * summary), failed (the reason) or left in place (the node did not take a batch).
     */
    private void take(Exchange exchange) {
        GenericFile<?> file = exchange.getProperty(ExchangePropertyKey.FILE_EXCHANGE_FILE, GenericFile.class);
        String fileName = file.getFileNameOnly();
        try {
            if (leftInPlace != null) {
                throw new Outcomes.LeftInPlace(leftInPlace);
            }
            Outcome outcome = new Outcome(fileName);
            String base = name + ":" + fileName + ":" + file.getFileLength() + ":" + file.getLastModified();
            String reason = read(local(file), fileName, outcome, base);
            if (reason == null) {
                // Every row is accounted for: queued for landing, or refused with its reason (in pdx.dlq).
                String summary = outcome.summary();
                LOG.log(System.Logger.Level.INFO, "connector " + name + ": " + fileName + ": " + summary);
                exchange.setProperty(Outcomes.SUMMARY, outcome.refusals.isEmpty() ? summary
                        : summary + "; refused batches: " + String.join("; ", outcome.refusals));
                filesRead.incrementAndGet();
            } else {
                exchange.setException(new Outcomes.Refused(reason));
                filesFailed.incrementAndGet();
            }
        } catch (NodeUnavailable e) {
            // The node could not take a batch (broker, usage log): the file stays for the next poll.
            leftInPlace = fileName + " left in place, the node did not take it: " + e.getMessage();
            failures.incrementAndGet();
            down(leftInPlace);
            exchange.setException(new Outcomes.LeftInPlace(e.getMessage()));
        } catch (Outcomes.LeftInPlace e) {
            exchange.setException(e);
        } catch (RuntimeException e) {
            failures.incrementAndGet();
            down(fileName + ": " + e);
            exchange.setException(new Outcomes.LeftInPlace(e.toString()));
        }
        Outcomes.complete(exchange);
    }

    /** Where the file's content is on this machine: the file itself, or the work copy Camel fetched from the SFTP server. */
    private static Path local(GenericFile<?> file) {
        if (file.getBody() instanceof File fetched) {
            return fetched.toPath();
        }
        if (file.getFile() instanceof File here) {
            return here.toPath();
        }
        throw new IllegalStateException(file.getFileNameOnly() + " was not fetched to this machine");
    }

    /** @return why the file failed, or null when it is done */
    private String read(Path file, String fileName, Outcome outcome, String base) {
        try {
            FileTyping.Format format = FileTyping.detect(file, fileName);
            if (format == FileTyping.Format.DOCUMENT) {
                return document(file, fileName, outcome, messageId(base, 0));
            }
            // Ids are given in the file's order as batches are read; they are sent in that order.
            int[] read = {0};
            SendAhead<Numbered> ahead = new SendAhead<>("pdx-connector-" + name + "-send", BATCHES_AHEAD,
                    batch -> outcome.send(batch.records(), batch.messageId()));
            try {
                Batcher batcher = new Batcher(batch -> ahead.add(new Numbered(batch, messageId(base, read[0]++))));
                readRecords(file, format, batcher);
                batcher.flush();
            } finally {
                // Also after a refused or unreadable row: what was read before it is sent and counted, as
                // before; a batch the node did not take (NodeUnavailable) wins, and the file stays.
                ahead.finish();
            }
            if (outcome.records == 0) {
                return "the file holds no records";
            } else if (outcome.accepted == 0 && outcome.sentBefore == 0) {
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

    private void readRecords(Path file, FileTyping.Format format, Batcher batcher) throws IOException {
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

    /** Tallies of one file. */
    private final class Outcome {
        int batches;
        long records;
        long accepted;
        long rejected;
        /** Rows of batches that passed when the file was read before (the same ids): not passed again. */
        long sentBefore;
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
                    + " batches refused whole with a reason (refused rows are in pdx.dlq)"
                    + (sentBefore == 0 ? "" : ", " + sentBefore + " passed when the file was read before and not again");
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
                sentBefore += result.sentBefore();
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

    /** A batch with the message id its place in the file gives it. */
    private record Numbered(List<Map<String, Object>> records, String messageId) {
    }

    /** Where a full batch goes. */
    private interface BatchOut {
        void send(List<Map<String, Object>> batch);
    }

    /** Collects records into batches of batch-size; with those {@link SendAhead} holds, a few batches at a time. */
    private final class Batcher {
        private final BatchOut out;
        private List<Map<String, Object>> batch = new ArrayList<>();

        Batcher(BatchOut out) {
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
                out.send(full);
            }
        }
    }

    /** The file is not records this connector reads; it goes to failed/. */
    static final class NotRecords extends RuntimeException {
        NotRecords(String message) {
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
