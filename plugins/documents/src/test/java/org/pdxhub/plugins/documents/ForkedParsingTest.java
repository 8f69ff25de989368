package org.pdxhub.plugins.documents;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

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
}
