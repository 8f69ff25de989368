package org.pdxhub.plugins.documents;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pdxhub.plugins.documents.Planted.*;

class DocumentScannerTest {

    /** Everything found is redacted, USCCs included, so that every planted value must disappear. */
    private static final ScanPolicy REDACT_ALL = ScanPolicy.DEFAULTS.withAll(Action.REDACT);

    private static DocumentScanner scanner;

    @BeforeAll
    static void start() {
        scanner = new DocumentScanner(TestPlugins.CHECKS, TestPlugins.PSEUDONYMS, 2);
    }

    @AfterAll
    static void stop() {
        scanner.close();
    }

    @Test
    void everyValidIdentifierInATextFileIsFoundAndRedactedAndNoLookAlikeIs() throws Exception {
        ScanResult result = scanner.scan(TestDocuments.text(formLines()), "申请表.txt", REDACT_ALL);
        assertFoundAndRedacted(result, true);
        assertEquals("text/plain", result.report().mediaType());
    }

    @Test
    void everyValidIdentifierInAWordDocumentIsFoundAndRedactedTablesIncluded() throws Exception {
        ScanResult result = scanner.scan(TestDocuments.docx(formLines(), "办公室"), "申请表.docx", REDACT_ALL);
        assertFoundAndRedacted(result, true);
        assertEquals("application/vnd.openxmlformats-officedocument.wordprocessingml.document", result.report().mediaType());
    }

    @Test
    void everyValidIdentifierInAWorkbookIsFoundAndRedacted() throws Exception {
        ScanResult result = scanner.scan(TestDocuments.xlsxForm(formLines()), "申请表.xlsx", REDACT_ALL);
        assertFoundAndRedacted(result, true);
    }

    @Test
    void everyValidIdentifierInAPdfIsFoundAndRedacted() throws Exception {
        ScanResult result = scanner.scan(TestDocuments.pdf(asciiFormLines(), 2, null), "form.pdf", REDACT_ALL);
        assertFoundAndRedacted(result, false);
        assertEquals("application/pdf", result.report().mediaType());
    }

    @Test
    void everyValidIdentifierInTheDocumentsOfAZipIsFoundAndRedacted() throws Exception {
        byte[] zip = TestDocuments.zip(TestDocuments.entries(
                "a/申请表.txt", TestDocuments.text(formLines()),
                "b/申请表.docx", TestDocuments.docx(formLines(), "办公室"),
                "c/form.pdf", TestDocuments.pdf(asciiFormLines(), 1, null),
                "d/申请表.xlsx", TestDocuments.xlsxForm(formLines())));
        ScanResult result = scanner.scan(zip, "材料.zip", REDACT_ALL);
        assertFoundAndRedacted(result, true);
        assertEquals(4, result.report().embeddedDocuments());
        assertEquals(8, result.report().count(FindingKind.CITIZEN_ID), "two IDs in each of four documents, none counted twice");
    }

    @Test
    void aTextFileInGb18030IsReadAsTextAndScanned() throws Exception {
        byte[] gbk = String.join("\r\n", formLines()).getBytes(Charset.forName("GB18030"));
        ScanResult result = scanner.scan(gbk, "申请表.txt", REDACT_ALL);
        assertEquals("text/plain", result.report().mediaType());
        assertFoundAndRedacted(result, true);
    }

    @Test
    void randomEighteenDigitNumbersAreNotTakenForIds() throws Exception {
        ScanResult result = scanner.scan(TestDocuments.text(List.of("档案编号：" + RANDOM_18_DIGITS,
                "原证件号：" + CITIZEN_ID_WRONG_CHECK, "订单号：" + "440300197001011234")), "list.txt",
                REDACT_ALL.withRefuseWithoutText(false));
        assertEquals(Map.of(), result.report().counts());
        assertTrue(result.text().contains(RANDOM_18_DIGITS) && result.text().contains(CITIZEN_ID_WRONG_CHECK));
    }

    @Test
    void anIdIsCountedOnceEvenThoughItsDigitsLookLikeABankCardOrPhone() throws Exception {
        ScanResult result = scanner.scan(TestDocuments.text(List.of("身份证号" + CITIZEN_ID + "电话" + MOBILE)), "a.txt", REDACT_ALL);
        assertEquals(Map.of("citizen-id", 1, "mobile", 1), result.report().counts());
        assertEquals("身份证号" + "*".repeat(18) + "电话" + "*".repeat(11), result.text().strip());
    }

    @Test
    void aPdfNamedAsAWorkbookIsTypedAsPdfAndTheMismatchReported() throws Exception {
        ScanReport report = scanner.scan(TestDocuments.pdf(asciiFormLines(), 1, null), "salaries.xlsx", REDACT_ALL).report();
        assertEquals("application/pdf", report.mediaType());
        assertEquals("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", report.declaredNameMediaType());
        assertTrue(report.nameDisagrees());
        assertTrue(report.notes().stream().anyMatch(n -> n.contains("the name says")), report.notes().toString());
    }

    @Test
    void aNameThatMatchesTheContentIsNotReportedAsDisagreeing() throws Exception {
        assertFalse(scanner.scan(TestDocuments.pdf(asciiFormLines(), 1, null), "form.pdf", REDACT_ALL).report().nameDisagrees());
        assertFalse(scanner.scan(TestDocuments.text(formLines()), "form.csv", REDACT_ALL).report().nameDisagrees(),
                "CSV cannot be told from plain text by its bytes");
    }

    @Test
    void pseudonymsInTheTextAreTheOnesTheHubsFieldMaskingGives() throws Exception {
        ScanResult result = scanner.scan(TestDocuments.text(formLines()), "a.txt", ScanPolicy.DEFAULTS.withAll(Action.PSEUDONYMISE));
        String text = result.text();
        assertTrue(text.contains("身份证号：" + TestPlugins.PSEUDONYMS.mask(CITIZEN_ID)), text);
        assertTrue(text.contains("收款银行卡：" + TestPlugins.PSEUDONYMS.mask(BANK_CARD)), "a card written in groups is one card");
        assertTrue(text.contains("备用：" + TestPlugins.PSEUDONYMS.mask("13908361234")), "+86 and dashes are not part of the number");
        for (String value : VALID) {
            assertFalse(text.contains(value), "left in clear: " + value);
        }
        assertEquals(Action.PSEUDONYMISE, result.report().actions().get("citizen-id"));
    }

    @Test
    void keptKindsStayAndTheOthersAreRedacted() throws Exception {
        ScanResult result = scanner.scan(TestDocuments.text(formLines()), "a.txt", ScanPolicy.DEFAULTS);
        assertTrue(result.text().contains(USCC), "the default policy keeps organisation codes");
        assertFalse(result.text().contains(CITIZEN_ID));
        assertEquals(Action.KEEP, result.report().actions().get("uscc"));
    }

    @Test
    void aPolicyThatRefusesIdsRefusesTheDocumentNamingTheKindAndCountButNotTheValue() {
        DocumentRefused refused = assertThrows(DocumentRefused.class, () -> scanner.scan(TestDocuments.text(formLines()),
                "a.txt", ScanPolicy.DEFAULTS.with(FindingKind.CITIZEN_ID, Action.REFUSE)));
        assertEquals(RefusalReason.PERSONAL_DATA, refused.reason());
        assertTrue(refused.getMessage().contains("citizen-id (2 found)"), refused.getMessage());
        assertEquals(2, refused.report().count(FindingKind.CITIZEN_ID));
        assertNoPlantedValueIn(refused.getMessage() + refused.report());
    }

    @Test
    void theReportNeverHoldsAFoundValueNotEvenInTheNameOrTheMetadata() throws Exception {
        byte[] docx = TestDocuments.docx(formLines(), MOBILE);
        ScanReport report = scanner.scan(docx, CITIZEN_ID + "_申请表.docx", ScanPolicy.DEFAULTS.withAll(Action.KEEP)).report();
        assertTrue(report.counts().size() >= 6, report.counts().toString());
        String json = new ObjectMapper().writeValueAsString(report);
        assertNoPlantedValueIn(json);
        assertNoPlantedValueIn(report.toString());
        assertEquals("*".repeat(18) + "_申请表.docx", report.declaredName());
    }

    @Test
    void authorsInTheMetadataAreFoundAndMaskedInTheReport() throws Exception {
        ScanReport report = scanner.scan(TestDocuments.docx(List.of("通知", "请按时参加"), "格桑卓玛\n" + MOBILE),
                "notice.docx", ScanPolicy.DEFAULTS).report();
        assertEquals(1, countIn(report, "metadata:dc:creator", "person-name"));
        assertEquals(1, countIn(report, "metadata:dc:creator", "mobile"));
        assertEquals("****\n***********", report.metadata().get("dc:creator"));
    }

    @Test
    void aPdfAuthorIsFoundInTheMetadata() throws Exception {
        ScanReport report = scanner.scan(TestDocuments.pdf(List.of("Meeting notes"), 1, "Tashi Dorje"), "n.pdf",
                ScanPolicy.DEFAULTS).report();
        assertTrue(countIn(report, "metadata:dc:creator", "person-name") == 1, report.findings().toString());
        assertEquals("Application form", report.metadata().get("dc:title"), "metadata without personal data is kept as it is");
    }

    @Test
    void aDocumentWithNoTextIsRefusedUnlessThePolicyAcceptsIt() throws Exception {
        BufferedImage image = new BufferedImage(64, 32, BufferedImage.TYPE_INT_RGB);
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(image, "png", png);
        DocumentRefused refused = assertThrows(DocumentRefused.class,
                () -> scanner.scan(png.toByteArray(), "身份证正面.png", ScanPolicy.DEFAULTS));
        assertEquals(RefusalReason.NO_TEXT, refused.reason());
        ScanReport accepted = scanner.scan(png.toByteArray(), "photo.png", ScanPolicy.DEFAULTS.withRefuseWithoutText(false)).report();
        assertEquals("image/png", accepted.mediaType());
        assertTrue(accepted.notes().contains("text in images is not read (no OCR)"), accepted.notes().toString());
    }

    @Test
    void contentNoParserReadsIsRefusedAsUnsupported() {
        byte[] noise = new byte[4096];
        new Random(7).nextBytes(noise);
        DocumentRefused refused = assertThrows(DocumentRefused.class, () -> scanner.scan(noise, "data.txt", ScanPolicy.DEFAULTS));
        assertEquals(RefusalReason.UNSUPPORTED_TYPE, refused.reason());
        assertEquals("application/octet-stream", refused.report().mediaType());
    }

    @Test
    void aFivePagePdfIsScannedInUnderFiveSeconds() throws Exception {
        byte[] pdf = TestDocuments.pdf(IntStream.range(0, 40)
                .mapToObj(i -> i % 2 == 0 ? asciiFormLines().get(1 + i % 13) : "Line " + i + " of the minutes, nothing personal here.")
                .toList(), 5, "Clerk");
        scanner.scan(pdf, "warm-up.pdf", ScanPolicy.DEFAULTS);
        long started = System.nanoTime();
        ScanReport report = scanner.scan(pdf, "minutes.pdf", ScanPolicy.DEFAULTS).report();
        long millis = (System.nanoTime() - started) / 1_000_000;
        System.out.println("5-page PDF (" + pdf.length + " bytes, " + report.charactersExtracted() + " characters, "
                + report.findings().size() + " findings): " + millis + " ms");
        assertTrue(millis < 5000, millis + " ms");
    }

    private static void assertFoundAndRedacted(ScanResult result, boolean withNames) {
        String text = result.text();
        for (String value : VALID) {
            if (withNames || !(value.equals(NAME) || value.equals(CONTACT))) {
                assertFalse(text.contains(value), "left in clear: " + value + "\n" + text);
            }
        }
        for (String value : INVALID) {
            assertTrue(text.contains(value), "taken for personal data: " + value + "\n" + text);
        }
        Map<String, Integer> inText = result.report().findings().stream().filter(f -> f.field().equals(Finding.TEXT))
                .collect(Collectors.toMap(Finding::kind, f -> 1, Integer::sum));
        int documents = Math.max(1, result.report().embeddedDocuments());
        assertEquals(2 * documents, inText.get("citizen-id"), inText.toString());
        assertEquals(2 * documents, inText.get("bank-card"), inText.toString());
        assertEquals(2 * documents, inText.get("mobile"), inText.toString());
        assertEquals(documents, inText.get("phone"), inText.toString());
        assertEquals(documents, inText.get("uscc"), inText.toString());
        assertEquals(documents, inText.get("email"), inText.toString());
        if (withNames && documents == 1) {
            assertEquals(2, inText.get("person-name"), inText.toString());
        }
        assertNoPlantedValueIn(result.report().toString());
    }

    private static int countIn(ScanReport report, String fieldPrefix, String kind) {
        return (int) report.findings().stream().filter(f -> f.field().startsWith(fieldPrefix) && f.kind().equals(kind)).count();
    }

    static void assertNoPlantedValueIn(String reported) {
        for (String value : VALID) {
            assertFalse(reported.contains(value), "the report holds " + value + ": " + reported);
        }
        assertFalse(reported.contains(BANK_CARD), "the report holds the card number");
        assertFalse(reported.contains("13908361234"));
    }
}
