package org.pdxhub.plugins.documents;

import org.apache.tika.metadata.Metadata;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.CodeSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Parses documents in child JVMs ({@link ParseChild}), started with a heap cap and killed when a
 * document's parse time limit passes: a parser that loops, or a document built to exhaust memory
 * (a compressed stream that inflates to gigabytes inside a PDF, where no zip counter sees it),
 * ends the child, never the node. The child runs the same guarded extraction as an in-process
 * scan and sends back the text and metadata; the node finds and redacts.
 * <p>
 * The children are kept warm in a small pool and each parses several documents in turn, which
 * saves a JVM start and the parsers' class loading per document (bench/README.md). A child is
 * never given another document after one that was refused for any reason, that it died or was
 * stopped on, or after {@code documentsPerChild} documents: it is ended and the next document gets
 * a fresh one. Tika's own {@code ForkParser} is not used: it sends objects back from the child
 * through Java serialisation, which a child that a document took over could abuse; here the
 * answer is read as plain strings, and the child runs the node's guard.
 */
final class ForkedParsing implements AutoCloseable {

    /**
     * How a child is started, how many are kept warm, how many documents one parses before it is
     * replaced, and the folder in which each child gets a private scratch folder of its own.
     */
    record Options(String javaCommand, int maxHeapMegabytes, String classPath, int poolSize, int documentsPerChild,
                   Path scratchRoot) {

        static final int DEFAULT_POOL_SIZE = 2;
        static final int DEFAULT_DOCUMENTS_PER_CHILD = 500;

        Options {
            Objects.requireNonNull(javaCommand, "java");
            Objects.requireNonNull(classPath, "class-path");
            Objects.requireNonNull(scratchRoot, "scratch root");
            if (maxHeapMegabytes < 32) {
                throw new IllegalArgumentException("fork max-heap must be 32 MB or more, not " + maxHeapMegabytes);
            }
            if (poolSize < 0) {
                throw new IllegalArgumentException("fork pool-size must be 0 (a child per document) or more, not " + poolSize);
            }
            if (documentsPerChild < 1) {
                throw new IllegalArgumentException("fork documents-per-child must be 1 or more, not " + documentsPerChild);
            }
        }

        /** The JVM that runs the node, the class path it was started with, a heap cap, the default pool, the JVM's temporary folder. */
        static Options defaults(int maxHeapMegabytes) {
            String java = ProcessHandle.current().info().command()
                    .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            return new Options(java, maxHeapMegabytes, ownClassPath(), DEFAULT_POOL_SIZE, DEFAULT_DOCUMENTS_PER_CHILD,
                    Path.of(System.getProperty("java.io.tmpdir")));
        }

        /** {@code size} warm children (0: a fresh child for every document), each replaced after {@code documents}. */
        Options withPool(int size, int documents) {
            return new Options(javaCommand, maxHeapMegabytes, classPath, size, documents, scratchRoot);
        }

        /** The children's scratch folders made in {@code root}. */
        Options withScratchRoot(Path root) {
            return new Options(javaCommand, maxHeapMegabytes, classPath, poolSize, documentsPerChild, root);
        }
    }

    /** The child's answer: the extraction, or the refusal its guard gave, with the types it saw. */
    record Answer(String type, String nameType, boolean nameDisagrees, List<String> notes, String text, boolean truncated,
                  Metadata metadata, List<Metadata> embedded, RefusalReason reason, String detail) {
    }

    /** Exit status of a JVM started with -XX:+ExitOnOutOfMemoryError that ran out of heap. */
    static final int OUT_OF_MEMORY_EXIT = 3;

    private final Options options;
    private final BlockingQueue<Child> idle;
    private final Set<Child> live = ConcurrentHashMap.newKeySet();
    private final AtomicLong started = new AtomicLong();
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "pdx-document-parse-timer");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean closed;

    ForkedParsing(Options options) {
        this.options = options;
        this.idle = new ArrayBlockingQueue<>(Math.max(1, options.poolSize()));
        ChildScratch.sweepAfterEndedNodes(options.scratchRoot());
    }

    Options options() {
        return options;
    }

    /** Child JVMs started since this was built: tells a warm pool from a child per document. */
    long childrenStarted() {
        return started.get();
    }

    /** The process ids of the children alive now, idle or parsing. */
    Set<Long> liveChildren() {
        Set<Long> pids = new HashSet<>();
        for (Child c : live) {
            if (c.process.isAlive()) {
                pids.add(c.process.pid());
            }
        }
        return pids;
    }

    /**
     * A running child, the streams the node talks to it through, and its scratch folder: the
     * child's {@code java.io.tmpdir}, where Tika, PDFBox and POI write the document they parse.
     * A child that is stopped or dies mid-parse never deletes those copies itself, so the folder is
     * deleted once the process has exited, however it ended.
     */
    private final class Child {
        final Path scratch;
        final Process process;
        final DataOutputStream requests;
        final DataInputStream answers;
        int parsed;

        Child() throws IOException {
            scratch = ChildScratch.create(options.scratchRoot());
            List<String> command = List.of(options.javaCommand(), "-Xmx" + options.maxHeapMegabytes() + "m",
                    "-XX:+ExitOnOutOfMemoryError", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto",
                    "-Djava.awt.headless=true", "-Djava.io.tmpdir=" + scratch, "-cp", options.classPath(),
                    ParseChild.class.getName());
            try {
                // The child's own output is discarded: a parser's message can quote the content it choked on.
                process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            } catch (IOException | RuntimeException e) {
                ChildScratch.delete(scratch);
                throw e;
            }
            requests = new DataOutputStream(new BufferedOutputStream(process.getOutputStream()));
            answers = new DataInputStream(new BufferedInputStream(process.getInputStream()));
            started.incrementAndGet();
            live.add(this);
        }

        void end() {
            live.remove(this);
            process.destroyForcibly();
            // Deleted after the exit, not now: a child still running could write into it again.
            process.onExit().whenComplete((exited, failure) -> ChildScratch.delete(scratch));
        }
    }

    /**
     * @return the child's answer; a refusal of the child's guard is in it
     * @throws Killed when the child was stopped (time) or died (memory, crash), with the refusal to give
     */
    Answer parse(byte[] content, String declaredName, ScanLimits limits) throws Killed, IOException {
        if (closed) {
            throw new IllegalStateException("the document scanner is closed");
        }
        Child child = warmChild();
        AtomicBoolean timedOut = new AtomicBoolean();
        ScheduledFuture<?> timer = timers.schedule(() -> {
            if (child.process.isAlive()) {
                timedOut.set(true);
                child.end();
            }
        }, limits.parseTimeout().toMillis(), TimeUnit.MILLISECONDS);
        boolean reusable = false;
        try {
            try {
                writeRequest(child.requests, content, declaredName, limits);
            } catch (IOException pipeClosed) {
                // The child died while reading the document; its exit status says why.
            }
            Answer answer;
            try {
                answer = readAnswer(child.answers);
            } catch (IOException | RuntimeException noAnswer) {
                answer = null;
            }
            timer.cancel(false);
            if (answer != null && !timedOut.get()) {
                child.parsed++;
                reusable = options.poolSize() > 0 && answer.reason() == null && child.parsed < options.documentsPerChild();
                return answer;
            }
            child.end();
            int status = child.process.waitFor();
            if (timedOut.get()) {
                throw new Killed(RefusalReason.PARSE_TIMEOUT, "reading the document took longer than "
                        + limits.parseTimeout().toMillis() + " ms (parse-timeout); the parsing process was stopped: "
                        + "send a smaller or simpler document");
            }
            if (status == OUT_OF_MEMORY_EXIT) {
                throw new Killed(RefusalReason.MAX_PARSE_MEMORY, "reading the document needed more than "
                        + options.maxHeapMegabytes() + " MB (fork max-heap); the parsing process was stopped: "
                        + "the document expands far beyond its size, send it in another form or in parts");
            }
            throw new Killed(RefusalReason.UNREADABLE, "the parsing process ended abnormally (exit status " + status
                    + "), so the content could not be checked: is the document damaged?");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Killed(RefusalReason.PARSE_TIMEOUT, "the scan was interrupted");
        } finally {
            timer.cancel(false);
            if (!(reusable && !closed && idle.offer(child))) {
                child.end();
            }
            if (closed) {
                endIdle();
            }
        }
    }

    /** An idle child that is still alive, or a new one when there is none. */
    private Child warmChild() throws IOException {
        Child c;
        while ((c = idle.poll()) != null) {
            if (c.process.isAlive()) {
                return c;
            }
            c.end();
        }
        return new Child();
    }

    /** Ends the idle children; a child still parsing is ended when its document is done. */
    @Override
    public void close() {
        closed = true;
        endIdle();
        timers.shutdownNow();
    }

    private void endIdle() {
        Child c;
        while ((c = idle.poll()) != null) {
            c.end();
        }
    }

    /** The child was stopped or died; the document is refused for the reason given. */
    static final class Killed extends Exception {
        final RefusalReason reason;

        Killed(RefusalReason reason, String detail) {
            super(detail, null, false, false);
            this.reason = reason;
        }
    }

    static void writeRequest(DataOutputStream out, byte[] content, String name, ScanLimits limits) throws IOException {
        writeString(out, name);
        out.writeLong(limits.maxInputBytes());
        out.writeInt(limits.maxExtractedCharacters());
        out.writeBoolean(limits.truncateAtCharacterLimit());
        out.writeLong(limits.parseTimeout().toMillis());
        out.writeInt(limits.maxEmbeddedDepth());
        out.writeInt(limits.maxEmbeddedDocuments());
        out.writeLong(limits.maxUncompressedBytes());
        out.writeInt(limits.maxSpreadsheetCells());
        out.writeInt(content.length);
        out.write(content);
        out.flush();
    }

    /** What {@link ParseChild} reads: the name, the limits, the document. */
    record Request(String name, ScanLimits limits, byte[] content) {
    }

    static Request readRequest(DataInputStream in) throws IOException {
        String name = readString(in);
        ScanLimits limits = new ScanLimits(in.readLong(), in.readInt(), in.readBoolean(), Duration.ofMillis(in.readLong()),
                in.readInt(), in.readInt(), in.readLong(), in.readInt());
        byte[] content = new byte[in.readInt()];
        in.readFully(content);
        return new Request(name, limits, content);
    }

    static void writeAnswer(DataOutputStream out, Answer a) throws IOException {
        writeString(out, a.type());
        writeString(out, a.nameType());
        out.writeBoolean(a.nameDisagrees());
        out.writeInt(a.notes().size());
        for (String note : a.notes()) {
            writeString(out, note);
        }
        out.writeBoolean(a.reason() != null);
        if (a.reason() != null) {
            writeString(out, a.reason().name());
            writeString(out, a.detail());
        } else {
            writeString(out, a.text());
            out.writeBoolean(a.truncated());
            writeMetadata(out, a.metadata());
            out.writeInt(a.embedded().size());
            for (Metadata m : a.embedded()) {
                writeMetadata(out, m);
            }
        }
        out.flush();
    }

    /** Read as data, never deserialised: a child that a document took over can send nothing but strings. */
    static Answer readAnswer(DataInputStream in) throws IOException {
        String type = readString(in);
        String nameType = readString(in);
        boolean disagrees = in.readBoolean();
        int n = in.readInt();
        List<String> notes = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            notes.add(readString(in));
        }
        if (in.readBoolean()) {
            RefusalReason reason = RefusalReason.valueOf(readString(in));
            return new Answer(type, nameType, disagrees, notes, null, false, null, List.of(), reason, readString(in));
        }
        String text = readString(in);
        boolean truncated = in.readBoolean();
        Metadata metadata = readMetadata(in);
        int embeddedCount = in.readInt();
        List<Metadata> embedded = new ArrayList<>();
        for (int i = 0; i < embeddedCount; i++) {
            embedded.add(readMetadata(in));
        }
        return new Answer(type, nameType, disagrees, notes, text, truncated, metadata, embedded, null, null);
    }

    private static void writeMetadata(DataOutputStream out, Metadata m) throws IOException {
        String[] names = m.names();
        out.writeInt(names.length);
        for (String name : names) {
            writeString(out, name);
            String[] values = m.getValues(name);
            out.writeInt(values.length);
            for (String v : values) {
                writeString(out, v);
            }
        }
    }

    private static Metadata readMetadata(DataInputStream in) throws IOException {
        Metadata m = new Metadata();
        int names = in.readInt();
        for (int i = 0; i < names; i++) {
            String name = readString(in);
            int values = in.readInt();
            for (int j = 0; j < values; j++) {
                m.add(name, readString(in));
            }
        }
        return m;
    }

    private static void writeString(DataOutputStream out, String s) throws IOException {
        byte[] bytes = (s == null ? "" : s).getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static String readString(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > Integer.MAX_VALUE - 16) {
            throw new IOException("a string of " + length + " bytes");
        }
        return new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }

    /**
     * The class path of the node, as files: the JVM's own (the packaged node is one jar, every
     * library in it), and every jar and folder the class loader that loaded this plugin reads
     * (under {@code @QuarkusTest} the libraries are off {@code java.class.path}).
     */
    static String ownClassPath() {
        Set<String> entries = new LinkedHashSet<>();
        for (String entry : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
            if (!entry.isBlank()) {
                entries.add(entry);
            }
        }
        ClassLoader loader = ForkedParsing.class.getClassLoader();
        for (Class<?> anchor : List.of(ParseChild.class, Metadata.class)) {
            CodeSource source = anchor.getProtectionDomain().getCodeSource();
            if (source != null && source.getLocation() != null) {
                file(source.getLocation()).ifPresent(entries::add);
            }
        }
        try {
            Enumeration<URL> manifests = loader.getResources("META-INF/MANIFEST.MF");
            while (manifests.hasMoreElements()) {
                file(manifests.nextElement()).ifPresent(entries::add);
            }
        } catch (IOException e) {
            throw new IllegalStateException("the class path for the parsing process could not be listed", e);
        }
        return String.join(File.pathSeparator, entries);
    }

    private static Optional<String> file(URL url) {
        try {
            String spec = url.toString();
            if (spec.startsWith("jar:")) {
                spec = spec.substring(4, spec.indexOf("!/") > 0 ? spec.indexOf("!/") : spec.length());
            }
            if (!spec.startsWith("file:")) {
                return Optional.empty();
            }
            return Optional.of(Path.of(new URL(spec).toURI()).toString());
        } catch (URISyntaxException | IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
