package org.pdxhub.hub.exchange;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.qpid.protonj2.client.Client;
import org.apache.qpid.protonj2.client.Connection;
import org.apache.qpid.protonj2.client.ConnectionOptions;
import org.apache.qpid.protonj2.client.Message;
import org.apache.qpid.protonj2.client.Sender;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.pdxhub.hub.audit.UsageDecision;
import org.pdxhub.hub.audit.UsageEntry;
import org.pdxhub.hub.audit.UsageLog;
import org.pdxhub.hub.testing.DemoKeys;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pdxhub.hub.testing.DemoKeys.as;

/** A PDF sent to the hub comes out with its identifiers redacted, and its report in the usage log. */
@QuarkusTest
class DocumentExchangeTest {

    // Numbers of their own: tests share one node, and other tests search it for theirs.
    static final String VALID_ID = "513333199511110031";
    static final String INVALID_ID = "513333199511110032";
    static final String MOBILE = "13688776655";

    @Inject
    UsageLog usageLog;

    @ConfigProperty(name = "pdx.broker.amqp-port")
    int amqpPort;

    @Test
    void aPdfComesOutRedactedWithItsReportInTheUsageLog() throws Exception {
        byte[] pdf = pdf(null, "Certificate of residence", "ID number: " + VALID_ID, "Reference: " + INVALID_ID, "Mobile: " + MOBILE);

        String text = as("demo-system").header("Pdx-Person", pct("公安局户籍窗口")).header("Pdx-Purpose", "户籍证明汇聚")
                .contentType("multipart/form-data").multiPart("file", "certificate.xlsx", pdf, "application/octet-stream")
                .when().post("/api/v1/exchange/GZ-PSB-POP-001/documents")
                .then().statusCode(200)
                .body("report.mediaType", equalTo("application/pdf"))
                .body("report.nameDisagrees", equalTo(true))
                .body("text", not(containsString(VALID_ID)))
                .body("text", not(containsString(MOBILE)))
                .body("text", containsString(INVALID_ID))
                .extract().path("text");
        assertTrue(text.contains("Certificate of residence"), text);

        List<UsageEntry> logged = usageLog.query(new UsageLog.Query("GZ-PSB-POP-001", null, "公安局户籍窗口", null, null, 5));
        UsageEntry entry = logged.get(0);
        assertEquals(UsageDecision.DELIVERED, entry.decision());
        assertTrue(entry.detail().contains("\"citizen-id\":1"), entry.detail());
        assertFalse(entry.detail().contains(VALID_ID) || entry.detail().contains(MOBILE), "the report holds no values");
    }

    /** The README's example, as written: the certificate of config/demo/documents posted as a file. */
    @Test
    void theExampleCertificateComesBackWithoutItsNamesAddressesIdsAndMobile() throws Exception {
        byte[] certificate = Files.readAllBytes(Path.of("../config/demo/documents/certificate.pdf"));
        String text = as("demo-system").header("Pdx-Person", pct("公安局户籍窗口")).header("Pdx-Purpose", pct("户籍证明汇聚"))
                .contentType("multipart/form-data").multiPart("file", "certificate.pdf", certificate, "application/pdf")
                .when().post("/api/v1/exchange/GZ-PSB-POP-001/documents")
                .then().statusCode(200)
                .body("report.counts.'citizen-id'", equalTo(2))
                .body("report.counts.address", equalTo(2))
                .body("report.counts.mobile", equalTo(1))
                .body("report.metadata.'xmp:CreatorTool'", not(containsString("扎西")))
                .extract().path("text");
        for (String personal : List.of("卓玛", "扎西", "513301198504120025", "513323 19931011 2353", "13987654321", "光明路12号")) {
            assertFalse(text.contains(personal), personal + " in " + text);
        }
        assertTrue(text.contains("康定市公安局炉城派出所"), text);
    }

    @Test
    void aDocumentSentToTheQueueIsRedactedAndItsReportIsInTheUsageLogAndARefusedOneIsDeadLettered() throws Exception {
        byte[] certificate = Files.readAllBytes(Path.of("../config/demo/documents/certificate.pdf"));
        try (Client client = Client.create();
             Connection connection = client.connect("127.0.0.1", amqpPort, new ConnectionOptions().user(DemoKeys.PSB).password("demo-system"));
             Sender sender = connection.openSender("pdx.in.GZ-PSB-POP-001")) {
            Message<byte[]> document = Message.create(certificate);
            document.property("PdxPerson", "公安局队列文件");
            document.property("PdxPurpose", "户籍证明汇聚");
            document.property("PdxContentType", "application/pdf");
            document.property("PdxFileName", "certificate.pdf");
            sender.send(document).awaitSettlement();

            Message<byte[]> locked = Message.create(pdf("secret", "ID number: " + VALID_ID));
            locked.property("PdxPerson", "公安局队列加密");
            locked.property("PdxPurpose", "户籍证明汇聚");
            locked.property("PdxMessageId", "locked-document-1");
            sender.send(locked).awaitSettlement();
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> !usageLog.query(new UsageLog.Query("GZ-PSB-POP-001", null, "公安局队列文件", null, null, 1)).isEmpty());
        UsageEntry entry = usageLog.query(new UsageLog.Query("GZ-PSB-POP-001", null, "公安局队列文件", null, null, 1)).get(0);
        assertEquals(UsageDecision.DELIVERED, entry.decision());
        assertTrue(entry.detail().contains("\"citizen-id\":2") && entry.detail().contains("\"address\":2")
                && entry.detail().contains("\"person-name\""), entry.detail());
        assertFalse(entry.detail().contains("513301198504120025") || entry.detail().contains("卓玛"), "the report holds no values");

        await().atMost(Duration.ofSeconds(60)).until(() -> !usageLog.query(new UsageLog.Query("GZ-PSB-POP-001", null, "公安局队列加密", null, null, 1)).isEmpty());
        UsageEntry refused = usageLog.query(new UsageLog.Query("GZ-PSB-POP-001", null, "公安局队列加密", null, null, 1)).get(0);
        assertEquals(UsageDecision.REFUSED, refused.decision());
        assertEquals("document.encrypted", refused.rule());
    }

    @Test
    void aDocumentBuiltToExhaustMemoryKillsItsParsingProcessNotTheNode() throws Exception {
        byte[] bomb = memoryBomb(512);

        as("demo-system").header("Pdx-Person", pct("公安局炸弹测试")).header("Pdx-Purpose", "户籍证明汇聚")
                .contentType("multipart/form-data").multiPart("file", "bomb.pdf", bomb, "application/pdf")
                .when().post("/api/v1/exchange/GZ-PSB-POP-001/documents")
                .then().statusCode(422)
                .contentType("application/problem+json")
                .body("type", containsString("max-parse-memory"))
                .body("detail", containsString("the parsing process was stopped"))
                .body("field", equalTo("file"));

        UsageEntry entry = usageLog.query(new UsageLog.Query("GZ-PSB-POP-001", null, "公安局炸弹测试", null, null, 1)).get(0);
        assertEquals(UsageDecision.REFUSED, entry.decision());
        assertEquals("document.max-parse-memory", entry.rule());
        given().when().get("/q/health").then().statusCode(200).body("status", equalTo("UP"));
        as("demo-system").header("Pdx-Person", pct("公安局炸弹测试")).header("Pdx-Purpose", "户籍证明汇聚")
                .contentType("multipart/form-data").multiPart("file", "after.pdf", pdf(null, "ID number: " + VALID_ID), "application/pdf")
                .when().post("/api/v1/exchange/GZ-PSB-POP-001/documents")
                .then().statusCode(200).body("text", not(containsString(VALID_ID)));
    }

    /** A PDF page whose deflated content is one string of {@code megabytes} MB: a few hundred KB sent. */
    static byte[] memoryBomb(int megabytes) throws IOException {
        ByteArrayOutputStream deflated = new ByteArrayOutputStream();
        try (DeflaterOutputStream out = new DeflaterOutputStream(deflated, new Deflater(Deflater.BEST_COMPRESSION), 1 << 16)) {
            out.write("BT /F1 12 Tf 10 10 Td (".getBytes(StandardCharsets.US_ASCII));
            byte[] block = "a".repeat(1 << 20).getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; i < megabytes; i++) {
                out.write(block);
            }
            out.write(") Tj ET".getBytes(StandardCharsets.US_ASCII));
        }
        List<byte[]> objects = List.of(ascii("<< /Type /Catalog /Pages 2 0 R >>"), ascii("<< /Type /Pages /Kids [3 0 R] /Count 1 >>"),
                ascii("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>"),
                concat(ascii("<< /Length " + deflated.size() + " /Filter /FlateDecode >>\nstream\n"), deflated.toByteArray(), ascii("\nendstream")),
                ascii("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"));
        ByteArrayOutputStream pdf = new ByteArrayOutputStream();
        pdf.write(ascii("%PDF-1.7\n"));
        StringBuilder xref = new StringBuilder("xref\n0 " + (objects.size() + 1) + "\n0000000000 65535 f \n");
        for (int i = 0; i < objects.size(); i++) {
            xref.append(String.format("%010d 00000 n \n", pdf.size()));
            pdf.write(concat(ascii((i + 1) + " 0 obj\n"), objects.get(i), ascii("\nendobj\n")));
        }
        int start = pdf.size();
        pdf.write(ascii(xref + "trailer\n<< /Size " + (objects.size() + 1) + " /Root 1 0 R >>\nstartxref\n" + start + "\n%%EOF\n"));
        return pdf.toByteArray();
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] concat(byte[]... parts) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.write(part);
        }
        return out.toByteArray();
    }

    @Test
    void anEncryptedDocumentIsRefusedWithTheReasonAndTheRefusalLogged() throws Exception {
        byte[] pdf = pdf("secret", "ID number: " + VALID_ID);

        as("demo-system").header("Pdx-Person", pct("公安局加密测试")).header("Pdx-Purpose", "户籍证明汇聚")
                .contentType("multipart/form-data").multiPart("file", "locked.pdf", pdf, "application/pdf")
                .when().post("/api/v1/exchange/GZ-PSB-POP-001/documents")
                .then().statusCode(422)
                .contentType("application/problem+json")
                .body("type", containsString("encrypted"))
                .body("field", equalTo("file"));

        UsageEntry entry = usageLog.query(new UsageLog.Query("GZ-PSB-POP-001", null, "公安局加密测试", null, null, 1)).get(0);
        assertEquals(UsageDecision.REFUSED, entry.decision());
    }

    @Test
    void onlyTheProviderSendsDocumentsOfItsResource() throws Exception {
        as("demo-system-hrss").header("Pdx-Person", "x").header("Pdx-Purpose", "y")
                .contentType("multipart/form-data").multiPart("file", "a.pdf", pdf(null, "hello"), "application/pdf")
                .when().post("/api/v1/exchange/GZ-PSB-POP-001/documents")
                .then().statusCode(403).body("type", equalTo("urn:pdx:problem:aggregation.not-provider"));
    }

    @Test
    void aSpreadsheetsRowsPassTheGateAsRecords() throws Exception {
        byte[] xlsx;
        try (var wb = new org.apache.poi.xssf.usermodel.XSSFWorkbook(); var out = new ByteArrayOutputStream()) {
            var sheet = wb.createSheet("人口");
            var header = sheet.createRow(0);
            header.createCell(0).setCellValue("citizen_id");
            header.createCell(1).setCellValue("person_name");
            var good = sheet.createRow(1);
            good.createCell(0).setCellValue(VALID_ID);
            good.createCell(1).setCellValue("央金");
            var bad = sheet.createRow(2);
            bad.createCell(0).setCellValue(INVALID_ID);
            bad.createCell(1).setCellValue("多吉");
            wb.write(out);
            xlsx = out.toByteArray();
        }
        as("demo-system").header("Pdx-Person", "x").header("Pdx-Purpose", "y")
                .contentType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet").body(xlsx)
                .when().post("/api/v1/exchange/GZ-PSB-POP-001/records")
                .then().statusCode(202)
                .body("accepted", equalTo(1))
                .body("rejected[0].index", equalTo(1))
                .body("rejected[0].field", equalTo("citizen_id"));
    }

    /** Non-ASCII header values travel percent-encoded from this client; the node decodes them. */
    static String pct(String text) {
        return java.net.URLEncoder.encode(text, java.nio.charset.StandardCharsets.UTF_8);
    }

    static byte[] pdf(String password, String... lines) throws IOException {
        try (PDDocument doc = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PDPage page = new PDPage();
            doc.addPage(page);
            try (PDPageContentStream content = new PDPageContentStream(doc, page)) {
                content.beginText();
                content.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 12);
                content.newLineAtOffset(72, 700);
                for (String line : lines) {
                    content.showText(line);
                    content.newLineAtOffset(0, -18);
                }
                content.endText();
            }
            if (password != null) {
                StandardProtectionPolicy policy = new StandardProtectionPolicy("owner-" + password, password, new AccessPermission());
                policy.setEncryptionKeyLength(128);
                doc.protect(policy);
            }
            doc.save(out);
            return out.toByteArray();
        }
    }
}
