package org.pdxhub.plugins.documents;

import org.apache.poi.ss.usermodel.ClientAnchor;
import org.apache.poi.ss.usermodel.Comment;
import org.apache.poi.ss.usermodel.CreationHelper;
import org.apache.poi.ss.usermodel.Drawing;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.poi.xwpf.usermodel.XWPFComment;
import org.apache.poi.xwpf.usermodel.XWPFComments;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTP;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTRunTrackChange;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pdxhub.plugins.documents.Planted.CITIZEN_ID;
import static org.pdxhub.plugins.documents.Planted.CITIZEN_ID_X;
import static org.pdxhub.plugins.documents.Planted.MOBILE;

/**
 * Personal data where a reader of the file does not look first: the metadata of every namespace
 * Tika reports, tracked changes, comments, custom properties, hidden sheets and rows.
 */
class EveryPartOfADocumentTest {

    private static final ScanPolicy REDACT = ScanPolicy.DEFAULTS;
    private static DocumentScanner scanner;

    @BeforeAll
    static void start() {
        scanner = new DocumentScanner(TestPlugins.CHECKS, TestPlugins.PSEUDONYMS, 1);
    }

    @AfterAll
    static void stop() {
        scanner.close();
    }

    @Test
    void theExampleCertificateLeavesNoNameAddressIdOrMobileInItsTextOrMetadata() throws Exception {
        byte[] pdf = Files.readAllBytes(Path.of("../../config/demo/documents/certificate.pdf"));
        ScanResult result = scanner.scan(pdf, "certificate.pdf", REDACT);
        for (String personal : new String[] {"卓玛", "扎西", "513301198504120025", "513323 19931011 2353", "13987654321",
                "光明路12号", "团结路8号", "炉城镇"}) {
            assertFalse(result.text().contains(personal), personal + " in " + result.text());
            assertFalse(result.report().toString().contains(personal), personal + " in " + result.report());
        }
        Map<String, Integer> counts = result.report().counts();
        assertEquals(2, counts.get("citizen-id"), counts.toString());
        assertEquals(2, counts.get("address"), counts.toString());
        assertEquals(1, counts.get("mobile"), counts.toString());
        assertTrue(result.text().contains("康定市公安局炉城派出所"), "an office is not a person: kept by default");
        String creatorTool = result.report().metadata().get("xmp:CreatorTool");
        assertTrue(creatorTool != null && creatorTool.chars().allMatch(c -> c == '*'), "xmp:CreatorTool " + creatorTool);
    }

    @Test
    void aTrackedDeletionACommentAndCustomPropertiesOfAWordDocumentAreScanned() throws Exception {
        byte[] docx;
        try (XWPFDocument doc = new XWPFDocument()) {
            XWPFParagraph paragraph = doc.createParagraph();
            paragraph.createRun().setText("申请事项：低保");
            CTP p = paragraph.getCTP();
            CTRunTrackChange deleted = p.addNewDel();
            deleted.setId(BigInteger.valueOf(7));
            deleted.setAuthor("审核员");
            deleted.addNewR().addNewDelText().setStringValue("原身份证号" + CITIZEN_ID);
            XWPFComments comments = doc.createComments();
            XWPFComment comment = comments.createComment(BigInteger.ONE);
            comment.setAuthor("卓玛");
            comment.createParagraph().createRun().setText("请回电 " + MOBILE);
            p.addNewCommentRangeStart().setId(BigInteger.ONE);
            p.addNewCommentRangeEnd().setId(BigInteger.ONE);
            p.addNewR().addNewCommentReference().setId(BigInteger.ONE);
            doc.getProperties().getCustomProperties().addProperty("审核人", "泽仁多吉");
            doc.getProperties().getCustomProperties().addProperty("Reviewer", "Zhang San");
            doc.getProperties().getCustomProperties().addProperty("备注", "身份证 " + CITIZEN_ID_X);
            doc.getProperties().getCoreProperties().setLastModifiedByUser("王小明");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            doc.write(out);
            docx = out.toByteArray();
        }
        ScanResult result = scanner.scan(docx, "申请.docx", REDACT);
        String reported = result.report().toString();
        for (String personal : new String[] {CITIZEN_ID, CITIZEN_ID_X, MOBILE, "泽仁多吉", "Zhang San", "王小明", "卓玛"}) {
            assertFalse(result.text().contains(personal), personal + " in the text: " + result.text());
            assertFalse(reported.contains(personal), personal + " in the report: " + reported);
        }
        assertTrue(result.report().counts().get("citizen-id") >= 2, "the deleted ID and the custom property's: " + reported);
        assertTrue(result.report().counts().get("mobile") >= 1, "the comment's mobile: " + reported);
    }

    @Test
    void aHiddenSheetAHiddenRowAndACellCommentOfAWorkbookAreScanned() throws Exception {
        byte[] xlsx;
        try (XSSFWorkbook workbook = new XSSFWorkbook()) {
            Sheet shown = workbook.createSheet("汇总");
            shown.createRow(0).createCell(0).setCellValue("合计 3 户");
            Row hiddenRow = shown.createRow(1);
            hiddenRow.createCell(0).setCellValue("联系人 卓玛 " + MOBILE);
            hiddenRow.setZeroHeight(true);
            CreationHelper helper = workbook.getCreationHelper();
            Drawing<?> drawing = shown.createDrawingPatriarch();
            ClientAnchor anchor = helper.createClientAnchor();
            Comment comment = drawing.createCellComment(anchor);
            comment.setString(helper.createRichTextString("核对：" + CITIZEN_ID_X));
            shown.getRow(0).getCell(0).setCellComment(comment);
            Sheet hidden = workbook.createSheet("原始");
            hidden.createRow(0).createCell(0).setCellValue(CITIZEN_ID);
            workbook.setSheetHidden(1, true);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            workbook.write(out);
            xlsx = out.toByteArray();
        }
        ScanResult result = scanner.scan(xlsx, "汇总.xlsx", REDACT);
        for (String personal : new String[] {CITIZEN_ID, CITIZEN_ID_X, MOBILE, "卓玛"}) {
            assertFalse(result.text().contains(personal), personal + " in the text: " + result.text());
        }
        assertEquals(2, result.report().counts().get("citizen-id"), result.report().counts().toString());
        assertEquals(1, result.report().counts().get("mobile"), result.report().counts().toString());
    }
}
