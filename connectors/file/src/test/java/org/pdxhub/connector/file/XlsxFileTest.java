package org.pdxhub.connector.file;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** XLSX files in a local folder: typed by content, read as records in batches, refused when the name says otherwise. */
class XlsxFileTest {

    @TempDir
    Path folder;

    final RecordingSink sink = new RecordingSink();

    FileFolder instance(int batchSize, String sheet) {
        Map<String, String> options = new HashMap<>(Map.of("folder", folder.toString(), "resource", "GZ-TEST", "person", "测试系统",
                "purpose", "测试", "batch-size", String.valueOf(batchSize)));
        if (sheet != null) {
            options.put("sheet", sheet);
        }
        return (FileFolder) new FileConnector().create("drop", options, sink.context(folder));
    }

    @Test
    void anXlsxOfAHundredRowsIsSentInBatchesWithIsoDatesAndPlainNumbers() throws Exception {
        FileConnectorTest.settled(Workbooks.people(folder.resolve("people.xlsx"), 100));
        FileFolder files = instance(30, "人口");
        files.poll();

        assertEquals(java.util.List.of(30, 30, 30, 10), sink.sizes);
        assertEquals(4, sink.messageIds.stream().distinct().count());
        Map<String, Object> first = sink.batches.get(0).get(0);
        assertEquals("513301198501010000", first.get("citizen_id"));
        assertEquals("姓名0", first.get("person_name"));
        assertEquals("1985-01-01", first.get("birth_date"), "a date as ISO, not as the cell's yyyy/m/d");
        assertEquals("2026-03-01T08:30:00+08:00", first.get("registered_at"));
        assertEquals("1234.5", first.get("amount"), "the value, not the display 1,234.50");
        assertEquals("012345", first.get("postcode"), "a code format keeps its leading zero");
        assertEquals("姓名99", sink.last.get("person_name"));
        assertEquals("1985-04-10", sink.last.get("birth_date"));
        assertEquals(100L, files.counts().get("records-sent"));
        assertTrue(Files.exists(folder.resolve("done/people.xlsx")));
        assertFalse(Files.exists(folder.resolve("people.xlsx")));
    }

    @Test
    void aCsvNamedXlsxGoesToFailedSayingWhatItReallyIs() throws Exception {
        FileConnectorTest.settled(Files.writeString(folder.resolve("people.xlsx"), "citizen_id,person_name\n513301198501010012,张三\n"));
        FileFolder files = instance(500, null);
        files.poll();

        assertTrue(sink.messageIds.isEmpty());
        String reason = Files.readString(folder.resolve("failed/people.xlsx.reason.txt"), StandardCharsets.UTF_8);
        assertTrue(reason.contains("named people.xlsx"), reason);
        assertTrue(reason.contains("CSV text (text/plain)"), reason);
        assertEquals(1L, files.counts().get("files-failed"));
    }

    @Test
    void aPdfNamedXlsxGoesToFailedAsPdf() throws Exception {
        FileConnectorTest.settled(Files.write(folder.resolve("report.xlsx"),
                "%PDF-1.7\n%\u00e2\u00e3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n".getBytes(StandardCharsets.ISO_8859_1)));
        instance(500, null).poll();
        String reason = Files.readString(folder.resolve("failed/report.xlsx.reason.txt"));
        assertTrue(reason.contains("named report.xlsx") && reason.contains("the content is a document (application/pdf)"), reason);
    }

    @Test
    void aWorkbookNamedCsvGoesToFailed() throws Exception {
        FileConnectorTest.settled(Workbooks.people(folder.resolve("people.csv"), 3));
        instance(500, "人口").poll();
        assertTrue(sink.messageIds.isEmpty());
        String reason = Files.readString(folder.resolve("failed/people.csv.reason.txt"));
        assertTrue(reason.contains("named people.csv (text/csv) but the content is an XLSX workbook"), reason);
    }

    @Test
    void aWorkbookWithoutTheNamedSheetGoesToFailedListingItsSheets() throws Exception {
        FileConnectorTest.settled(Workbooks.people(folder.resolve("people.xlsx"), 3));
        instance(500, "户籍").poll();
        String reason = Files.readString(folder.resolve("failed/people.xlsx.reason.txt"));
        assertTrue(reason.contains("no sheet named '户籍'; its sheets: [说明, 人口]"), reason);
    }

    @Test
    void theFirstSheetIsReadWhenNoneIsNamed() throws Exception {
        FileConnectorTest.settled(Workbooks.people(folder.resolve("people.xlsx"), 3));
        instance(500, null).poll();
        assertTrue(Files.readString(folder.resolve("failed/people.xlsx.reason.txt")).contains("holds no records"),
                "the first sheet, 说明, has a heading and no rows");
    }
}
