package org.pdxhub.tabular;

import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.xssf.usermodel.XSSFCell;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The limits of the tabular reader and writer, from the side of the one who sends a hostile file or value. */
class HostileTablesTest {

    private static final String SHEET = "xl/worksheets/sheet1.xml";

    @TempDir
    Path folder;

    @Test
    void aZipBombWorkbookIsRefusedBeforeItInflates() throws Exception {
        // 64 MB of blanks inside the sheet's XML deflate to about 64 KB: a ratio no workbook has.
        Path bomb = replaceSheet(workbook("bomb.xlsx", 3), out -> {
            out.write("<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>".getBytes(StandardCharsets.UTF_8));
            byte[] blanks = new byte[1 << 20];
            java.util.Arrays.fill(blanks, (byte) ' ');
            for (int i = 0; i < 64; i++) {
                out.write(blanks);
            }
            out.write("</sheetData></worksheet>".getBytes(StandardCharsets.UTF_8));
        });
        assertTrue(Files.size(bomb) < 1 << 20, "the bomb is small on disk: " + Files.size(bomb));
        List<Row> rows = new ArrayList<>();
        TabularRefused refused = assertThrows(TabularRefused.class, () -> Xlsx.readSheet(bomb, null, Header.NAMED,
                TabularLimits.DEFAULTS, rows::add));
        assertEquals(TabularRefused.Reason.COMPRESSION_RATIO, refused.reason(), refused.getMessage());
        assertTrue(rows.isEmpty());
    }

    @Test
    void aSheetDeclaringTwoGigabytesIsRefusedBeforeAnythingIsInflated() throws Exception {
        Path file = workbook("declared.xlsx", 3);
        declareSize(file, SHEET, 0x8000_0000L);
        TabularRefused refused = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertThrows(TabularRefused.class,
                () -> Xlsx.readSheet(file, null, Header.NAMED, TabularLimits.DEFAULTS, row -> {
                })));
        assertEquals(TabularRefused.Reason.MAX_UNCOMPRESSED_BYTES, refused.reason());
        assertTrue(refused.getMessage().contains("declares 2147483648 bytes") && refused.getMessage().contains(SHEET), refused.getMessage());
    }

    @Test
    void aSheetThatInflatesPastTheLimitWithAnOrdinaryRatioIsRefused() throws Exception {
        Path file = workbook("large.xlsx", 3_000);
        TabularLimits small = TabularLimits.DEFAULTS.withMaxUncompressedBytes(64 * 1024);
        List<Row> rows = new ArrayList<>();
        TabularRefused refused = assertThrows(TabularRefused.class,
                () -> Xlsx.readSheet(file, null, Header.NAMED, small, rows::add));
        assertEquals(TabularRefused.Reason.MAX_UNCOMPRESSED_BYTES, refused.reason(), refused.getMessage());
        assertTrue(rows.size() < 3_000, "stopped while reading, after " + rows.size() + " rows");
        assertEquals(3_000, count(file, TabularLimits.DEFAULTS), "the same file within the default limits");
    }

    @Test
    void aCsvFieldOfTenMegabytesIsRefusedNamingItsRowWhileItIsRead() throws Exception {
        Path file = folder.resolve("long.csv");
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write("citizen_id,note\n513322198001010010,ok\n513322198001010028,\"".getBytes(StandardCharsets.UTF_8));
            byte[] chunk = "x".repeat(1 << 20).getBytes(StandardCharsets.UTF_8);
            for (int i = 0; i < 10; i++) {
                out.write(chunk);
            }
            out.write("\"\n".getBytes(StandardCharsets.UTF_8));
        }
        List<Row> rows = new ArrayList<>();
        TabularRefused refused = assertThrows(TabularRefused.class, () -> Csv.read(file, Header.NAMED, TabularLimits.DEFAULTS, rows::add));
        assertEquals(TabularRefused.Reason.MAX_FIELD_CHARS, refused.reason());
        assertEquals(3, refused.row(), refused.getMessage());
        assertTrue(refused.getMessage().contains("row 3") && !refused.getMessage().contains("xxx"), refused.getMessage());
        assertEquals(1, rows.size(), "the row before it was read");
    }

    @Test
    void anUnclosedQuoteDoesNotSwallowTheRestOfTheFile() {
        String csv = "citizen_id,note\n513322198001010010,\"open\n" + "513322198001010028,more\n".repeat(200_000);
        TabularRefused refused = assertThrows(TabularRefused.class, () -> Csv.read(csv, Header.NAMED,
                TabularLimits.DEFAULTS.withMaxFieldChars(64 * 1024), row -> {
                }));
        assertEquals(TabularRefused.Reason.MAX_FIELD_CHARS, refused.reason());
        assertEquals(2, refused.row());
    }

    @Test
    void moreRowsThanMaxRowsAreRefused() {
        String csv = "a\n" + "1\n".repeat(11);
        TabularRefused refused = assertThrows(TabularRefused.class,
                () -> Csv.read(csv, Header.NAMED, TabularLimits.DEFAULTS.withMaxRows(10), row -> {
                }));
        assertEquals(TabularRefused.Reason.MAX_ROWS, refused.reason());
        assertEquals(12, refused.row());
    }

    @Test
    void aFormulaWrittenToCsvComesOutAsText() throws Exception {
        StringBuilder out = new StringBuilder();
        TabularWriter.csv(out, List.of("name", "amount", "note"), List.of(
                List.of("=cmd|' /C calc'!A0", -5, "-5"),
                List.of("@SUM(A1:A2)", 1.5, "+1+cmd|' /C calc'!A0"),
                List.of("\t=1+1", 0, "plain")));
        String csv = out.toString();
        assertTrue(csv.contains("'=cmd|' /C calc'!A0"), csv);
        assertTrue(csv.contains("'@SUM(A1:A2)"), csv);
        assertTrue(csv.contains("'+1+cmd|' /C calc'!A0"), csv);
        assertTrue(csv.contains("'\t=1+1"), csv);
        assertTrue(csv.contains(",-5,-5"), "numbers, and text that is a number, stay as they are: " + csv);
        List<Row> rows = new ArrayList<>();
        Csv.read(csv, Header.STRICT, TabularLimits.DEFAULTS, rows::add);
        for (Row row : rows) {
            for (Object cell : row.cells()) {
                String text = cell.toString();
                assertFalse(text.startsWith("=") || text.startsWith("@") || text.startsWith("+"), "a cell a spreadsheet would run: " + text);
            }
        }
    }

    @Test
    void aFormulaWrittenToXlsxIsATextCellNeverAFormula() throws Exception {
        Path file = folder.resolve("out.xlsx");
        try (OutputStream out = Files.newOutputStream(file)) {
            TabularWriter.xlsx(out, "records", List.of("=HYPERLINK(\"http://x\")", "amount"), List.of(
                    List.of("=cmd|' /C calc'!A0", -5),
                    List.of("@SUM(A1:A2)", 1.5)));
        }
        try (XSSFWorkbook book = new XSSFWorkbook(file.toFile())) {
            XSSFSheet sheet = book.getSheetAt(0);
            for (int r = 0; r <= 2; r++) {
                XSSFCell cell = sheet.getRow(r).getCell(0);
                assertEquals(CellType.STRING, cell.getCellType(), "row " + (r + 1));
                assertTrue(cell.getCellStyle().getQuotePrefixed(), "row " + (r + 1) + " is marked as text");
            }
            assertEquals(CellType.NUMERIC, sheet.getRow(1).getCell(1).getCellType());
            assertEquals(-5.0, sheet.getRow(1).getCell(1).getNumericCellValue());
        }
        try (ZipFile zip = new ZipFile(file.toFile()); InputStream in = zip.getInputStream(zip.getEntry(SHEET))) {
            String xml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertFalse(xml.contains("<f>") || xml.contains("<f "), xml);
        }
        List<Row> rows = new ArrayList<>();
        Xlsx.readSheet(file, null, Header.NAMED, TabularLimits.DEFAULTS, rows::add);
        assertEquals("=cmd|' /C calc'!A0", rows.get(0).cells().get(0), "the value itself is kept");
        assertEquals("-5", rows.get(0).cells().get(1));
    }

    private long count(Path file, TabularLimits limits) throws IOException {
        long[] n = {0};
        Xlsx.readSheet(file, null, Header.NAMED, limits, row -> n[0]++);
        return n[0];
    }

    /** A workbook of {@code rows} records of citizen_id, person_name, amount. */
    private Path workbook(String name, int rows) throws IOException {
        Path file = folder.resolve(name);
        try (XSSFWorkbook book = new XSSFWorkbook(); OutputStream out = Files.newOutputStream(file)) {
            XSSFSheet sheet = book.createSheet("people");
            var header = sheet.createRow(0);
            header.createCell(0).setCellValue("citizen_id");
            header.createCell(1).setCellValue("person_name");
            header.createCell(2).setCellValue("amount");
            for (int r = 1; r <= rows; r++) {
                var row = sheet.createRow(r);
                row.createCell(0).setCellValue(String.format("5133221980%08d", r));
                row.createCell(1).setCellValue("姓名" + r);
                row.createCell(2).setCellValue(r * 1.25);
            }
            book.write(out);
        }
        return file;
    }

    interface Content {
        void write(OutputStream out) throws IOException;
    }

    /** The same package with the sheet's part replaced. */
    private Path replaceSheet(Path file, Content sheet) throws IOException {
        Path out = folder.resolve("re-" + file.getFileName());
        try (ZipFile zip = new ZipFile(file.toFile()); ZipOutputStream zipOut = new ZipOutputStream(Files.newOutputStream(out))) {
            zipOut.setLevel(9);
            for (Enumeration<? extends ZipEntry> entries = zip.entries(); entries.hasMoreElements(); ) {
                ZipEntry entry = entries.nextElement();
                zipOut.putNextEntry(new ZipEntry(entry.getName()));
                if (entry.getName().equals(SHEET)) {
                    sheet.write(zipOut);
                } else {
                    try (InputStream in = zip.getInputStream(entry)) {
                        in.transferTo(zipOut);
                    }
                }
                zipOut.closeEntry();
            }
        }
        return out;
    }

    /** Sets the uncompressed size the zip's central directory declares for one entry, as a crafted file would. */
    private static void declareSize(Path file, String name, long size) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        byte[] wanted = name.getBytes(StandardCharsets.UTF_8);
        boolean found = false;
        for (int i = 0; i + 46 < bytes.length; i++) {
            if (buffer.getInt(i) == 0x02014b50 && (buffer.getShort(i + 28) & 0xffff) == wanted.length
                    && java.util.Arrays.equals(bytes, i + 46, i + 46 + wanted.length, wanted, 0, wanted.length)) {
                buffer.putInt(i + 24, (int) size);
                found = true;
            }
        }
        assertTrue(found, "no central directory entry " + name);
        Files.write(file, bytes);
    }
}
