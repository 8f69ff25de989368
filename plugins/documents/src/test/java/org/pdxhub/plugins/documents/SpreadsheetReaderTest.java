package org.pdxhub.plugins.documents;

import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.poifs.crypt.EncryptionInfo;
import org.apache.poi.poifs.crypt.EncryptionMode;
import org.apache.poi.poifs.crypt.Encryptor;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SpreadsheetReaderTest {

    private static SpreadsheetReader reader;

    @BeforeAll
    static void start() {
        reader = new SpreadsheetReader();
    }

    @AfterAll
    static void stop() {
        reader.close();
    }

    /** A register as departments keep it: IDs as text, dates, amounts, a yes/no column, a blank row. */
    private static byte[] register(Supplier<Workbook> create) throws Exception {
        try (Workbook workbook = create.get()) {
            Sheet sheet = workbook.createSheet("人员名单");
            CellStyle date = workbook.createCellStyle();
            date.setDataFormat(workbook.getCreationHelper().createDataFormat().getFormat("yyyy-mm-dd"));
            CellStyle dateTime = workbook.createCellStyle();
            dateTime.setDataFormat(workbook.getCreationHelper().createDataFormat().getFormat("yyyy-mm-dd hh:mm"));
            row(sheet, 0, "姓名", "身份证号", "出生日期", "补助金额", "人数", "已核实", "", "姓名", "登记时间");
            Row r = row(sheet, 1, "扎西多吉", Planted.CITIZEN_ID);
            r.createCell(2).setCellValue(LocalDate.of(1987, 5, 12));
            r.getCell(2).setCellStyle(date);
            r.createCell(3).setCellValue(1234.5);
            r.createCell(4).setCellValue(3);
            r.createCell(5).setCellValue(true);
            r.createCell(6).setCellValue("备注");
            r.createCell(8).setCellValue(LocalDateTime.of(2025, 3, 1, 9, 30));
            r.getCell(8).setCellStyle(dateTime);
            row(sheet, 3, "格桑卓玛", Planted.CITIZEN_ID_X).createCell(9).setCellValue("超出表头");
            workbook.createSheet("说明").createRow(0).createCell(0).setCellValue("本表由康定市民政局提供");
            return TestDocuments.write(workbook);
        }
    }

    private static Row row(Sheet sheet, int index, String... values) {
        Row row = sheet.createRow(index);
        for (int i = 0; i < values.length; i++) {
            if (!values[i].isEmpty()) {
                row.createCell(i).setCellValue(values[i]);
            }
        }
        return row;
    }

    private static void assertRegister(Spreadsheet read) {
        assertEquals(List.of("人员名单", "说明"), List.copyOf(read.sheets().keySet()));
        List<Map<String, Object>> people = read.sheet("人员名单");
        assertEquals(2, people.size(), "the blank row is skipped");
        Map<String, Object> first = people.get(0);
        assertEquals(List.of("姓名", "身份证号", "出生日期", "补助金额", "人数", "已核实", "G", "姓名_2", "登记时间"),
                List.copyOf(first.keySet()), "a blank header is named by its column, a repeated one numbered");
        assertEquals("扎西多吉", first.get("姓名"));
        assertEquals(Planted.CITIZEN_ID, first.get("身份证号"));
        assertEquals("1987-05-12", first.get("出生日期"));
        // One rule on every path (CellValues): text as the sheet's CSV export gives it, for the gate to type by the catalog.
        assertEquals("1234.5", first.get("补助金额"));
        assertEquals("3", first.get("人数"));
        assertEquals("TRUE", first.get("已核实"));
        assertEquals("备注", first.get("G"));
        assertNull(first.get("姓名_2"));
        assertEquals("2025-03-01T09:30:00+08:00", first.get("登记时间"));
        assertEquals("超出表头", people.get(1).get("J"), "a cell beyond the header is named by its column");
        assertEquals(List.of(), read.sheet("说明"), "a sheet with only a header row has no records");
    }

    @Test
    void anXlsxSheetIsReadAsRecordsNamedByItsHeaderRow() throws Exception {
        Spreadsheet read = reader.read(register(XSSFWorkbook::new), "名单.xlsx", ScanLimits.DEFAULTS);
        assertEquals(SpreadsheetReader.XLSX.toString(), read.mediaType());
        assertRegister(read);
    }

    @Test
    void anXlsSheetIsReadAsTheSameRecords() throws Exception {
        Spreadsheet read = reader.read(register(HSSFWorkbook::new), "名单.xls", ScanLimits.DEFAULTS);
        assertEquals("application/vnd.ms-excel", read.mediaType());
        assertRegister(read);
    }

    @Test
    void aCsvIsReadInUtf8OrGb18030WithItsDelimiter() throws Exception {
        String csv = "姓名,身份证号,金额\n扎西多吉," + Planted.CITIZEN_ID + ",12.50\n\n\"张,三\",,3\n";
        List<Map<String, Object>> expected = List.of(
                record("姓名", "扎西多吉", "身份证号", Planted.CITIZEN_ID, "金额", "12.50"),
                record("姓名", "张,三", "身份证号", null, "金额", "3"));
        assertEquals(expected, reader.read(csv.getBytes(StandardCharsets.UTF_8), "a.csv", ScanLimits.DEFAULTS).sheet("csv"));
        assertEquals(expected, reader.read(csv.getBytes(Charset.forName("GB18030")), "a.csv", ScanLimits.DEFAULTS).sheet("csv"));
        byte[] bom = ("\uFEFF" + csv.replace(',', '\t').replace("\"张\t三\"", "张,三")).getBytes(StandardCharsets.UTF_8);
        assertEquals(expected, reader.read(bom, "a.tsv", ScanLimits.DEFAULTS).sheet("csv"));
    }

    private static Map<String, Object> record(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    @Test
    void aLargeSheetIsStreamedRowByRow() throws Exception {
        int rows = 50_000;
        byte[] xlsx;
        try (SXSSFWorkbook workbook = new SXSSFWorkbook(100)) {
            Sheet sheet = workbook.createSheet("big");
            row(sheet, 0, "序号", "身份证号", "地址", "金额", "备注");
            for (int i = 1; i <= rows; i++) {
                Row r = row(sheet, i, "", Planted.CITIZEN_ID, "甘孜州康定市炉城镇第" + i + "号", "", "无");
                r.createCell(0).setCellValue(i);
                r.createCell(3).setCellValue(i * 1.5);
            }
            xlsx = TestDocuments.write(workbook);
            workbook.dispose();
        }
        long started = System.nanoTime();
        List<Map<String, Object>> read = reader.read(xlsx, "big.xlsx", ScanLimits.DEFAULTS).sheet("big");
        long millis = (System.nanoTime() - started) / 1_000_000;
        assertEquals(rows, read.size());
        assertEquals(String.valueOf(rows), read.get(rows - 1).get("序号"));
        System.out.println("XLSX of " + rows + " rows x 5 columns (" + xlsx.length + " bytes) read in " + millis + " ms");
    }

    @Test
    void moreCellsThanMaxSpreadsheetCellsAreRefused() throws Exception {
        DocumentRefused refused = assertThrows(DocumentRefused.class, () -> reader.read(register(XSSFWorkbook::new), "a.xlsx",
                ScanLimits.DEFAULTS.withMaxSpreadsheetCells(10)));
        assertEquals(RefusalReason.MAX_SPREADSHEET_CELLS, refused.reason());
        assertTrue(refused.getMessage().contains("more than 10 filled cells"), refused.getMessage());
    }

    @Test
    void aPasswordProtectedWorkbookIsRefusedAsEncrypted() throws Exception {
        byte[] plain = register(XSSFWorkbook::new);
        POIFSFileSystem fs = new POIFSFileSystem();
        Encryptor encryptor = new EncryptionInfo(EncryptionMode.agile).getEncryptor();
        encryptor.confirmPassword("secret");
        try (OutputStream out = encryptor.getDataStream(fs)) {
            out.write(plain);
        }
        ByteArrayOutputStream encrypted = new ByteArrayOutputStream();
        fs.writeFilesystem(encrypted);
        fs.close();
        DocumentRefused refused = assertThrows(DocumentRefused.class,
                () -> reader.read(encrypted.toByteArray(), "secret.xlsx", ScanLimits.DEFAULTS));
        assertEquals(RefusalReason.ENCRYPTED, refused.reason());
    }

    @Test
    void aPdfNamedAsAWorkbookIsRefusedAsNotASpreadsheet() {
        DocumentRefused refused = assertThrows(DocumentRefused.class, () -> reader.read(
                TestDocuments.pdf(Planted.asciiFormLines(), 1, null), "data.xlsx", ScanLimits.DEFAULTS));
        assertEquals(RefusalReason.UNSUPPORTED_TYPE, refused.reason());
        assertTrue(refused.getMessage().contains("application/pdf"), refused.getMessage());
    }

    @Test
    void aWorkbookLargerThanMaxInputBytesIsRefused() throws Exception {
        byte[] xlsx = register(XSSFWorkbook::new);
        DocumentRefused refused = assertThrows(DocumentRefused.class,
                () -> reader.read(xlsx, "a.xlsx", ScanLimits.DEFAULTS.withMaxInputBytes(xlsx.length - 1)));
        assertEquals(RefusalReason.MAX_INPUT_BYTES, refused.reason());
        assertTrue(Arrays.asList(RefusalReason.values()).contains(refused.reason()));
    }
}
