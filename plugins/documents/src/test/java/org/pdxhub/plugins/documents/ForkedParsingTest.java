package org.pdxhub.plugins.documents;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

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
}
