package org.pdxhub.plugins.documents;

import org.apache.tika.exception.TikaException;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.mime.MediaType;
import org.apache.tika.parser.AutoDetectParser;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.parser.Parser;
import org.apache.tika.sax.XHTMLContentHandler;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xml.sax.ContentHandler;
import org.xml.sax.SAXException;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each limit against a document made to get past it (threats of issue 8, one test each). */
class DocumentLimitsTest {

    private static DocumentScanner scanner;

    @BeforeAll
    static void start() {
        scanner = new DocumentScanner(TestPlugins.CHECKS, TestPlugins.PSEUDONYMS, 2);
    }

    @AfterAll
    static void stop() {
        scanner.close();
    }

    private static ScanPolicy with(ScanLimits limits) {
        return ScanPolicy.DEFAULTS.withLimits(limits);
    }

    @Test
    void aDocumentLargerThanMaxInputBytesIsRefusedUnread() {
        byte[] big = TestDocuments.text(List.of("x".repeat(2_000)));
        DocumentRefused refused = assertThrows(DocumentRefused.class,
                () -> scanner.scan(big, "big.txt", with(ScanLimits.DEFAULTS.withMaxInputBytes(1_000))));
        assertEquals(RefusalReason.MAX_INPUT_BYTES, refused.reason());
        assertTrue(refused.getMessage().startsWith("max-input-bytes: "), refused.getMessage());
        assertEquals("max-input-bytes: the document has 2000 bytes, more than max-input-bytes (1000): send a smaller document",
                refused.getMessage());
        assertEquals(null, refused.report().mediaType(), "not even typed");
    }

    @Test
    void aStreamLongerThanMaxInputBytesIsNotReadToItsEnd() {
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                return 'x';
            }
        };
        DocumentRefused refused = assertThrows(DocumentRefused.class,
                () -> scanner.scan(endless, "endless.txt", with(ScanLimits.DEFAULTS.withMaxInputBytes(10_000))));
        assertEquals(RefusalReason.MAX_INPUT_BYTES, refused.reason());
    }

    @Test
    void moreTextThanMaxExtractedCharactersIsRefusedNotSilentlyCut() {
        byte[] text = TestDocuments.text(List.of("申请人说明：" + "情况属实。".repeat(1_000)));
        DocumentRefused refused = assertThrows(DocumentRefused.class,
                () -> scanner.scan(text, "long.txt", with(ScanLimits.DEFAULTS.withMaxExtractedCharacters(1_000, false))));
        assertEquals(RefusalReason.MAX_EXTRACTED_CHARACTERS, refused.reason());
        assertTrue(refused.getMessage().contains("more than 1000 characters"), refused.getMessage());
    }

    @Test
    void truncationIsAnExplicitPolicyChoiceAndIsReported() throws Exception {
        String lines = IntStream.range(0, 200).mapToObj(i -> "第" + i + "行 身份证号 " + Planted.CITIZEN_ID)
                .collect(Collectors.joining("\n"));
        ScanResult result = scanner.scan(lines.getBytes(StandardCharsets.UTF_8), "long.txt",
                with(ScanLimits.DEFAULTS.withMaxExtractedCharacters(1_000, true)));
        assertTrue(result.report().truncated());
        assertTrue(result.text().length() <= 1_000);
        assertFalse(result.text().matches("(?s).*\\d{6,}\\s*$"), "no half identifier is left at the cut: " + result.text());
        assertFalse(result.text().contains(Planted.CITIZEN_ID));
        assertTrue(result.report().notes().stream().anyMatch(n -> n.contains("cut off at 1000")));
    }

    @Test
    void aZipNestedDeeperThanMaxEmbeddedDepthIsRefused() {
        byte[] nested = TestDocuments.nestedZip(6, TestDocuments.text(List.of("身份证号：" + Planted.CITIZEN_ID)));
        DocumentRefused refused = assertThrows(DocumentRefused.class,
                () -> scanner.scan(nested, "nested.zip", with(ScanLimits.DEFAULTS.withMaxEmbeddedDepth(3))));
        assertEquals(RefusalReason.MAX_EMBEDDED_DEPTH, refused.reason());
        assertTrue(refused.getMessage().contains("max-embedded-depth is 3"), refused.getMessage());
    }

    @Test
    void aZipNestedWithinMaxEmbeddedDepthIsReadToTheBottom() throws Exception {
        byte[] nested = TestDocuments.nestedZip(3, TestDocuments.text(List.of("身份证号：" + Planted.CITIZEN_ID)));
        ScanResult result = scanner.scan(nested, "nested.zip", with(ScanLimits.DEFAULTS.withMaxEmbeddedDepth(3)));
        assertEquals(1, result.report().count(FindingKind.CITIZEN_ID));
        assertFalse(result.text().contains(Planted.CITIZEN_ID));
    }

    @Test
    void moreEmbeddedDocumentsThanMaxEmbeddedDocumentsAreRefused() {
        Object[] entries = IntStream.range(0, 20).boxed()
                .flatMap(i -> Stream.of("f" + i + ".txt", TestDocuments.text(List.of("第" + i + "页"))))
                .toArray();
        byte[] zip = TestDocuments.zip(TestDocuments.entries(entries));
        DocumentRefused refused = assertThrows(DocumentRefused.class,
                () -> scanner.scan(zip, "many.zip", with(ScanLimits.DEFAULTS.withMaxEmbeddedDocuments(10))));
        assertEquals(RefusalReason.MAX_EMBEDDED_DOCUMENTS, refused.reason());
    }

    /** 200 MB of zeros in about 200 KB: stopped after max-uncompressed-bytes, long before the end. */
    @Test
    void aZipBombStopsAtMaxUncompressedBytes() {
        byte[] bomb = TestDocuments.zipBomb(200);
        assertTrue(bomb.length < 1_000_000, bomb.length + " bytes");
        long started = System.nanoTime();
        DocumentRefused refused = assertThrows(DocumentRefused.class,
                () -> scanner.scan(bomb, "bomb.zip", with(ScanLimits.DEFAULTS.withMaxUncompressedBytes(20L << 20))));
        long millis = (System.nanoTime() - started) / 1_000_000;
        assertEquals(RefusalReason.MAX_UNCOMPRESSED_BYTES, refused.reason(), refused.getMessage());
        assertTrue(refused.getMessage().contains(String.valueOf(20L << 20)), refused.getMessage());
        assertTrue(millis < 5_000, "not inflated to the end: " + millis + " ms");
        System.out.println("zip bomb (" + bomb.length + " bytes for 200 MB) refused in " + millis + " ms");
    }

    /** Inside another zip the bomb is counted as it is read out, not only its compressed bytes. */
    @Test
    void aZipBombInsideAZipStopsAtMaxUncompressedBytesToo() {
        byte[] wrapped = TestDocuments.zip(TestDocuments.entries("readme.txt", TestDocuments.text(List.of("说明")),
                "inner.zip", TestDocuments.zipBomb(200)));
        long started = System.nanoTime();
        DocumentRefused refused = assertThrows(DocumentRefused.class,
                () -> scanner.scan(wrapped, "wrapped.zip", with(ScanLimits.DEFAULTS.withMaxUncompressedBytes(20L << 20))));
        long millis = (System.nanoTime() - started) / 1_000_000;
        assertEquals(RefusalReason.MAX_UNCOMPRESSED_BYTES, refused.reason(), refused.getMessage());
        assertTrue(millis < 5_000, millis + " ms");
    }

    @Test
    void aPasswordProtectedPdfIsRefusedAsEncrypted() {
        DocumentRefused refused = assertThrows(DocumentRefused.class,
                () -> scanner.scan(TestDocuments.encryptedPdf(Planted.asciiFormLines()), "secret.pdf", ScanPolicy.DEFAULTS));
        assertEquals(RefusalReason.ENCRYPTED, refused.reason());
        assertTrue(refused.getMessage().startsWith("encrypted: "), refused.getMessage());
    }

    @Test
    void aPasswordProtectedWordDocumentIsRefusedAsEncrypted() {
        DocumentRefused refused = assertThrows(DocumentRefused.class,
                () -> scanner.scan(TestDocuments.encryptedDocx(Planted.formLines()), "secret.docx", ScanPolicy.DEFAULTS));
        assertEquals(RefusalReason.ENCRYPTED, refused.reason());
    }

    @Test
    void anEncryptedDocumentInsideAZipIsRefusedNotSkipped() {
        byte[] zip = TestDocuments.zip(TestDocuments.entries(
                "open.txt", TestDocuments.text(List.of("公开内容")),
                "secret.pdf", TestDocuments.encryptedPdf(Planted.asciiFormLines())));
        DocumentRefused refused = assertThrows(DocumentRefused.class, () -> scanner.scan(zip, "mixed.zip", ScanPolicy.DEFAULTS));
        assertEquals(RefusalReason.ENCRYPTED, refused.reason());
    }

    /**
     * An entry flagged as encrypted (ZIP's own encryption; no Java library writes it, so the flag
     * is set in the headers of a plain zip): its content cannot be checked.
     */
    @Test
    void aZipWithAnEncryptedEntryIsRefusedAsEncrypted() {
        byte[] zip = TestDocuments.zip(TestDocuments.entries("secret.txt", TestDocuments.text(List.of("身份证号：" + Planted.CITIZEN_ID))));
        for (int i = 0; i + 8 < zip.length; i++) {
            if (zip[i] == 'P' && zip[i + 1] == 'K' && zip[i + 2] == 3 && zip[i + 3] == 4) {
                zip[i + 6] |= 1; // local file header: general purpose flags
            } else if (zip[i] == 'P' && zip[i + 1] == 'K' && zip[i + 2] == 1 && zip[i + 3] == 2) {
                zip[i + 8] |= 1; // central directory header: general purpose flags
            }
        }
        DocumentRefused refused = assertThrows(DocumentRefused.class, () -> scanner.scan(zip, "secret.zip", ScanPolicy.DEFAULTS));
        assertEquals(RefusalReason.ENCRYPTED, refused.reason(), refused.getMessage());
    }

    @Test
    void aRealParseLongerThanParseTimeoutIsRefused() {
        byte[] pdf = TestDocuments.pdf(Planted.asciiFormLines(), 5, null);
        DocumentRefused refused = assertThrows(DocumentRefused.class,
                () -> scanner.scan(pdf, "slow.pdf", with(ScanLimits.DEFAULTS.withParseTimeout(Duration.ofMillis(1)))));
        assertEquals(RefusalReason.PARSE_TIMEOUT, refused.reason());
    }

    /** The parser ignores interrupts; the scan is refused on time and the parser stops at its next write. */
    @Test
    void aParserThatNeverEndsIsAbandonedAtParseTimeoutAndStopsAtItsNextWrite() throws Exception {
        EndlessParser endless = new EndlessParser();
        try (DocumentScanner slow = new DocumentScanner(TestPlugins.CHECKS, null, 1, new AutoDetectParser(endless))) {
            long started = System.nanoTime();
            DocumentRefused refused = assertThrows(DocumentRefused.class, () -> slow.scan(TestDocuments.text(List.of("hello")),
                    "a.txt", with(ScanLimits.DEFAULTS.withParseTimeout(Duration.ofMillis(300)))));
            long millis = (System.nanoTime() - started) / 1_000_000;
            assertEquals(RefusalReason.PARSE_TIMEOUT, refused.reason());
            assertTrue(refused.getMessage().contains("longer than 300 ms"), refused.getMessage());
            assertTrue(millis < 2_000, millis + " ms");
            assertTrue(endless.stopped.await(2, TimeUnit.SECONDS), "the parser is still running");
        }
    }

    @Test
    void aScanBeyondTheThreadsAndQueueIsRefusedAsBusy() throws Exception {
        EndlessParser endless = new EndlessParser();
        try (DocumentScanner slow = new DocumentScanner(TestPlugins.CHECKS, null, 1, new AutoDetectParser(endless))) {
            ScanPolicy policy = with(ScanLimits.DEFAULTS.withParseTimeout(Duration.ofSeconds(5)));
            List<Thread> waiting = IntStream.range(0, 5).mapToObj(i -> new Thread(() -> {
                try {
                    slow.scan(TestDocuments.text(List.of("x")), "a.txt", policy);
                } catch (DocumentRefused | IllegalStateException expected) {
                    // refused at its timeout, or interrupted below
                }
            })).toList();
            waiting.forEach(Thread::start);
            Thread.sleep(300);
            DocumentRefused refused = assertThrows(DocumentRefused.class,
                    () -> slow.scan(TestDocuments.text(List.of("x")), "a.txt", policy));
            assertEquals(RefusalReason.BUSY, refused.reason());
            waiting.forEach(Thread::interrupt);
        }
    }

    /** Writes a character every 10 ms for ever, ignoring interrupts, until writing fails. */
    static final class EndlessParser implements Parser {
        final CountDownLatch stopped = new CountDownLatch(1);

        @Override
        public Set<MediaType> getSupportedTypes(ParseContext context) {
            return Set.of(MediaType.TEXT_PLAIN);
        }

        @Override
        public void parse(InputStream stream, ContentHandler handler, Metadata metadata, ParseContext context)
                throws SAXException, TikaException {
            XHTMLContentHandler xhtml = new XHTMLContentHandler(handler, metadata);
            try {
                xhtml.startDocument();
                while (true) {
                    long until = System.nanoTime() + 10_000_000;
                    while (System.nanoTime() < until) {
                        Thread.onSpinWait();
                    }
                    xhtml.characters(".");
                }
            } catch (SAXException e) {
                stopped.countDown();
                throw e;
            }
        }
    }
}
