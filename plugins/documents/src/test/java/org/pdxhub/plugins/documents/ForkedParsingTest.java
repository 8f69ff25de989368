package org.pdxhub.plugins.documents;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Documents parsed in a child JVM: a hostile one ends the child, the node goes on answering. */
class ForkedParsingTest {

    private static final int CHILD_HEAP_MB = 64;
    private static DocumentScanner forked;
    private static byte[] certificate;

    @BeforeAll
    static void start() throws Exception {
        forked = DocumentScanner.forked(TestPlugins.CHECKS, TestPlugins.PSEUDONYMS, 2,
                ForkedParsing.Options.defaults(CHILD_HEAP_MB));
        certificate = Files.readAllBytes(Path.of("../../config/demo/documents/certificate.pdf"));
    }

    @AfterAll
    static void stop() {
        forked.close();
    }

    @Test
    void aDocumentParsedInAChildIsFoundAndRedactedAsInTheNode() throws Exception {
        ScanResult result = forked.scan(certificate, "certificate.pdf", ScanPolicy.DEFAULTS);
        assertEquals("application/pdf", result.report().mediaType());
        assertEquals(2, result.report().counts().get("citizen-id"), result.report().counts().toString());
        assertEquals(2, result.report().counts().get("address"), result.report().counts().toString());
        assertFalse(result.text().contains("13987654321"));
        assertTrue(result.report().metadata().get("xmp:CreatorTool").chars().allMatch(c -> c == '*'));
    }

    @Test
    void aDocumentBuiltToExhaustMemoryKillsTheChildAndIsRefusedWhileTheNodeGoesOnAnswering() throws Exception {
        byte[] bomb = HostileDocuments.memoryBomb(512);
        assertTrue(bomb.length < 2 << 20, "half a gigabyte of text in " + bomb.length + " bytes");
        CompletableFuture<ScanResult> meanwhile = CompletableFuture.supplyAsync(() -> {
            try {
                return forked.scan(certificate, "certificate.pdf", ScanPolicy.DEFAULTS);
            } catch (DocumentRefused e) {
                throw new IllegalStateException(e);
            }
        });
        DocumentRefused refused = assertThrows(DocumentRefused.class, () -> forked.scan(bomb, "bomb.pdf", ScanPolicy.DEFAULTS));
        assertEquals(RefusalReason.MAX_PARSE_MEMORY, refused.reason(), refused.getMessage());
        assertTrue(refused.getMessage().contains(CHILD_HEAP_MB + " MB"), refused.getMessage());
        assertEquals(2, meanwhile.get().report().counts().get("citizen-id"), "a scan beside the bomb is answered");
        assertEquals(2, forked.scan(certificate, "after.pdf", ScanPolicy.DEFAULTS).report().counts().get("citizen-id"),
                "and one after it");
    }

    @Test
    void aDocumentThatKeepsTheParserBusyPastTheTimeLimitKillsTheChildAndIsRefused() throws Exception {
        byte[] endless = HostileDocuments.endlessPage(40);
        ScanPolicy twoSeconds = ScanPolicy.DEFAULTS.withLimits(ScanLimits.DEFAULTS.withParseTimeout(Duration.ofSeconds(2)));
        long started = System.nanoTime();
        DocumentRefused refused = assertThrows(DocumentRefused.class, () -> forked.scan(endless, "endless.pdf", twoSeconds));
        long millis = (System.nanoTime() - started) / 1_000_000;
        assertEquals(RefusalReason.PARSE_TIMEOUT, refused.reason(), refused.getMessage());
        assertTrue(refused.getMessage().contains("the parsing process was stopped"), refused.getMessage());
        assertTrue(millis < 30_000, "refused after " + millis + " ms");
        assertEquals(2, forked.scan(certificate, "after.pdf", ScanPolicy.DEFAULTS).report().counts().get("citizen-id"));
    }

    @Test
    void warmChildrenParseDocumentAfterDocumentWithoutAJvmStartForEach() throws Exception {
        try (DocumentScanner pooled = DocumentScanner.forked(TestPlugins.CHECKS, TestPlugins.PSEUDONYMS, 1,
                ForkedParsing.Options.defaults(CHILD_HEAP_MB).withPool(1, 100))) {
            for (int i = 0; i < 5; i++) {
                assertEquals(2, pooled.scan(certificate, i + ".pdf", ScanPolicy.DEFAULTS).report().counts().get("citizen-id"));
            }
            assertEquals(1, pooled.forkedParsing().childrenStarted(), "five documents, one child");
            assertEquals(1, pooled.forkedParsing().liveChildren().size(), "kept warm for the next");
        }
    }

    @Test
    void aChildIsReplacedAfterItsShareOfDocuments() throws Exception {
        try (DocumentScanner pooled = DocumentScanner.forked(TestPlugins.CHECKS, TestPlugins.PSEUDONYMS, 1,
                ForkedParsing.Options.defaults(CHILD_HEAP_MB).withPool(1, 2))) {
            for (int i = 0; i < 5; i++) {
                pooled.scan(certificate, i + ".pdf", ScanPolicy.DEFAULTS);
            }
            assertEquals(3, pooled.forkedParsing().childrenStarted(), "two documents per child");
        }
    }

    @Test
    void aHostileDocumentEndsItsWarmChildAndThePoolStartsAFreshOneForTheNext() throws Exception {
        try (DocumentScanner pooled = DocumentScanner.forked(TestPlugins.CHECKS, TestPlugins.PSEUDONYMS, 1,
                ForkedParsing.Options.defaults(CHILD_HEAP_MB).withPool(1, 100))) {
            ForkedParsing children = pooled.forkedParsing();
            pooled.scan(certificate, "before.pdf", ScanPolicy.DEFAULTS);
            Set<Long> warm = children.liveChildren();
            assertEquals(1, warm.size());

            DocumentRefused refused = assertThrows(DocumentRefused.class,
                    () -> pooled.scan(HostileDocuments.memoryBomb(512), "bomb.pdf", ScanPolicy.DEFAULTS));
            assertEquals(RefusalReason.MAX_PARSE_MEMORY, refused.reason(), refused.getMessage());
            long warmPid = warm.iterator().next();
            ProcessHandle.of(warmPid).ifPresent(p -> p.onExit().orTimeout(10, TimeUnit.SECONDS).join());
            assertTrue(children.liveChildren().isEmpty(), "the child that took the bomb is not kept");

            assertEquals(2, pooled.scan(certificate, "after.pdf", ScanPolicy.DEFAULTS).report().counts().get("citizen-id"));
            assertEquals(2, children.childrenStarted(), "a fresh child for the document after the bomb");
            assertFalse(children.liveChildren().contains(warmPid));
        }
    }

    @Test
    void aChildWhoseGuardRefusedADocumentIsNotGivenAnother() throws Exception {
        try (DocumentScanner pooled = DocumentScanner.forked(TestPlugins.CHECKS, TestPlugins.PSEUDONYMS, 1,
                ForkedParsing.Options.defaults(CHILD_HEAP_MB).withPool(1, 100))) {
            byte[] nested = TestDocuments.nestedZip(8, TestDocuments.text(List.of("身份证号：" + Planted.CITIZEN_ID)));
            DocumentRefused refused = assertThrows(DocumentRefused.class, () -> pooled.scan(nested, "nested.zip",
                    ScanPolicy.DEFAULTS.withLimits(ScanLimits.DEFAULTS.withMaxEmbeddedDepth(3))));
            assertEquals(RefusalReason.MAX_EMBEDDED_DEPTH, refused.reason(), refused.getMessage());
            assertTrue(pooled.forkedParsing().liveChildren().isEmpty(), "ended after the refusal");
            pooled.scan(certificate, "after.pdf", ScanPolicy.DEFAULTS);
            assertEquals(2, pooled.forkedParsing().childrenStarted());
        }
    }

    /**
     * A child stopped mid-parse never deletes the copy Tika made of the document: before each child
     * had a folder of its own, every hostile or slow document sent left a copy, unredacted, in the
     * machine's temporary folder (73 of them in /tmp after a day of test runs).
     */
    @Test
    void aChildStoppedMidParseLeavesNoCopyOfTheDocumentBehind(@TempDir Path root) throws Exception {
        try (DocumentScanner pooled = DocumentScanner.forked(TestPlugins.CHECKS, TestPlugins.PSEUDONYMS, 1,
                ForkedParsing.Options.defaults(CHILD_HEAP_MB).withPool(1, 100).withScratchRoot(root))) {
            ScanPolicy twoSeconds = ScanPolicy.DEFAULTS.withLimits(ScanLimits.DEFAULTS.withParseTimeout(Duration.ofSeconds(2)));
            CompletableFuture<DocumentRefused> scan = CompletableFuture.supplyAsync(() -> assertThrows(DocumentRefused.class,
                    () -> pooled.scan(HostileDocuments.endlessPage(40), "endless.pdf", twoSeconds)));
            Path copy = awaitFile(root, scan);
            assertTrue(copy.getParent().getFileName().toString().startsWith(ChildScratch.PREFIX + ProcessHandle.current().pid() + "-"),
                    "the child writes its copy into its own folder, not the machine's: " + copy);
            assertEquals(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE),
                    Files.getPosixFilePermissions(copy.getParent()), "only the node's user can read the folder");
            assertEquals(RefusalReason.PARSE_TIMEOUT, scan.get(60, TimeUnit.SECONDS).reason());
            awaitEmpty(root, "after the child was stopped at its time limit");

            DocumentRefused refused = assertThrows(DocumentRefused.class,
                    () -> pooled.scan(HostileDocuments.memoryBomb(512), "bomb.pdf", ScanPolicy.DEFAULTS));
            assertEquals(RefusalReason.MAX_PARSE_MEMORY, refused.reason(), refused.getMessage());
            awaitEmpty(root, "after the child ran out of heap");

            assertEquals(2, pooled.scan(certificate, "after.pdf", ScanPolicy.DEFAULTS).report().counts().get("citizen-id"));
        }
        awaitEmpty(root, "after the pool was closed");
    }

    @Test
    void theScratchFoldersOfANodeThatWasKilledAreSweptByTheNextAndALiveNodesAreLeft(@TempDir Path root) throws Exception {
        Process ended = new ProcessBuilder("true").start();
        ended.waitFor();
        Path killedNodes = Files.createDirectory(root.resolve(ChildScratch.PREFIX + ended.pid() + "-123"));
        Files.writeString(killedNodes.resolve("apache-tika-1.tmp"), "身份证号：" + Planted.CITIZEN_ID);
        Path liveNodes = Files.createDirectory(root.resolve(ChildScratch.PREFIX + ProcessHandle.current().pid() + "-456"));
        Path notOurs = Files.createDirectory(root.resolve("someone-elses"));

        try (DocumentScanner next = DocumentScanner.forked(TestPlugins.CHECKS, TestPlugins.PSEUDONYMS, 1,
                ForkedParsing.Options.defaults(CHILD_HEAP_MB).withPool(1, 100).withScratchRoot(root))) {
            assertFalse(Files.exists(killedNodes), "swept when the next node's parsing starts");
            assertTrue(Files.isDirectory(liveNodes), "a running node's folder is its own");
            assertTrue(Files.isDirectory(notOurs));
        }
    }

    /** The first file that appears under {@code root} while the scan runs. */
    private static Path awaitFile(Path root, CompletableFuture<?> scan) throws Exception {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < until && !scan.isDone()) {
            try (Stream<Path> files = Files.walk(root)) {
                var file = files.filter(Files::isRegularFile).findFirst();
                if (file.isPresent()) {
                    return file.get();
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no file appeared in the child's scratch folder while it parsed");
    }

    private static void awaitEmpty(Path root, String when) throws Exception {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        List<Path> left;
        do {
            try (Stream<Path> files = Files.walk(root)) {
                left = files.filter(p -> !p.equals(root)).toList();
            } catch (UncheckedIOException e) {
                if (!(e.getCause() instanceof NoSuchFileException)) {
                    throw e;
                }
                // A folder removed while the walk was in it: what this waits for is under way; look again.
                left = List.of(root);
            }
            if (left.isEmpty()) {
                return;
            }
            Thread.sleep(50);
        } while (System.nanoTime() < until);
        throw new AssertionError("copies left " + when + ": " + left);
    }
}
