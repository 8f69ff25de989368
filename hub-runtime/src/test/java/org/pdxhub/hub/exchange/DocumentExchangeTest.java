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
import org.junit.jupiter.api.Test;
import org.pdxhub.hub.audit.UsageDecision;
import org.pdxhub.hub.audit.UsageEntry;
import org.pdxhub.hub.audit.UsageLog;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;

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
