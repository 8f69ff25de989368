package org.pdxhub.tabular;

import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The same table gives the same records whatever its charset, file or format. */
class OneRuleTest {

    @TempDir
    Path folder;

    private static final String TEXT = "身份证号,姓名,备注\n513322198001010010, 扎西多吉 ,\"含,逗号\"\n\n513322198001010028,,\n";

    private static List<Map<String, Object>> expected() {
        Map<String, Object> first = new LinkedHashMap<>();
        first.put("身份证号", "513322198001010010");
        first.put("姓名", "扎西多吉");
        first.put("备注", "含,逗号");
        Map<String, Object> second = new LinkedHashMap<>();
        second.put("身份证号", "513322198001010028");
        second.put("姓名", null);
        second.put("备注", null);
        return List.of(first, second);
    }

    @Test
    void csvInUtf8WithOrWithoutItsMarkOrInGb18030GivesTheSameRecords() throws Exception {
        byte[] utf8 = TEXT.getBytes(StandardCharsets.UTF_8);
        byte[] bom = new byte[utf8.length + 3];
        bom[0] = (byte) 0xEF;
        bom[1] = (byte) 0xBB;
        bom[2] = (byte) 0xBF;
        System.arraycopy(utf8, 0, bom, 3, utf8.length);
        for (byte[] content : List.of(utf8, bom, TEXT.getBytes(Charset.forName("GB18030")))) {
            assertEquals(expected(), values(content), Arrays.toString(Arrays.copyOf(content, 4)));
            Path file = folder.resolve("t.csv");
            Files.write(file, content);
            List<Map<String, Object>> fromFile = new ArrayList<>();
            Csv.read(file, Header.NAMED, TabularLimits.DEFAULTS, row -> fromFile.add(row.values()));
            assertEquals(expected(), fromFile);
        }
    }

    @Test
    void rowsCarryTheNumberAPersonSeesInTheFile() {
        List<Long> numbers = new ArrayList<>();
        Csv.read(TEXT, Header.NAMED, TabularLimits.DEFAULTS, row -> numbers.add(row.number()));
        assertEquals(List.of(2L, 3L), numbers);
    }

    @Test
    void anXlsxOfTheSameTableGivesTheSameRecords() throws Exception {
        Path file = folder.resolve("t.xlsx");
        try (XSSFWorkbook book = new XSSFWorkbook(); OutputStream out = Files.newOutputStream(file)) {
            var sheet = book.createSheet("表");
            String[][] cells = {{"身份证号", "姓名", "备注"}, {"513322198001010010", "扎西多吉", "含,逗号"}, {}, {"513322198001010028"}};
            for (int r = 0; r < cells.length; r++) {
                var row = sheet.createRow(r);
                for (int c = 0; c < cells[r].length; c++) {
                    row.createCell(c).setCellValue(cells[r][c]);
                }
            }
            book.write(out);
        }
        List<Map<String, Object>> records = new ArrayList<>();
        List<Long> numbers = new ArrayList<>();
        Xlsx.readSheet(file, null, Header.NAMED, TabularLimits.DEFAULTS, row -> {
            records.add(row.values());
            numbers.add(row.number());
        });
        assertEquals(expected(), records);
        assertEquals(List.of(2L, 4L), numbers, "Excel's row numbers, the blank row counted");
    }

    /**
     * Each kind of cell gives the text the same sheet saved as CSV gives: an XLSX read by any path
     * (REST, route, file connector, document upload, catalog import) and its CSV export give the
     * same records, for the gate to type by the catalog.
     */
    @Test
    void everyKindOfCellIsReadAsTheTextItsCsvExportHolds() throws Exception {
        Path file = folder.resolve("cells.xlsx");
        try (XSSFWorkbook book = new XSSFWorkbook(); OutputStream out = Files.newOutputStream(file)) {
            var sheet = book.createSheet("表");
            String[] header = {"身份证号", "邮编", "出生日期", "登记时间", "金额", "合计", "名", "已核实", "小数"};
            var head = sheet.createRow(0);
            for (int c = 0; c < header.length; c++) {
                head.createCell(c).setCellValue(header[c]);
            }
            var row = sheet.createRow(1);
            // An ID typed into a cell that Excel took for a number: it holds 15 significant digits, no more.
            row.createCell(0).setCellValue(513322198001010010d);
            var code = book.createCellStyle();
            code.setDataFormat(book.createDataFormat().getFormat("000000"));
            row.createCell(1).setCellValue(26000);
            row.getCell(1).setCellStyle(code);
            var date = book.createCellStyle();
            date.setDataFormat(book.createDataFormat().getFormat("yyyy/m/d"));
            row.createCell(2).setCellValue(java.time.LocalDate.of(1980, 1, 1));
            row.getCell(2).setCellStyle(date);
            var dateTime = book.createCellStyle();
            dateTime.setDataFormat(book.createDataFormat().getFormat("yyyy-mm-dd hh:mm"));
            row.createCell(3).setCellValue(java.time.LocalDateTime.of(2026, 3, 1, 8, 30));
            row.getCell(3).setCellStyle(dateTime);
            var money = book.createCellStyle();
            money.setDataFormat(book.createDataFormat().getFormat("¥#,##0.00"));
            row.createCell(4).setCellValue(1234.5);
            row.getCell(4).setCellStyle(money);
            row.createCell(5).setCellFormula("E2*2");
            row.createCell(6).setCellFormula("\"扎西\"&\"多吉\"");
            row.createCell(7).setCellValue(true);
            row.createCell(8).setCellFormula("0.1+0.2");
            book.getCreationHelper().createFormulaEvaluator().evaluateAll();
            book.write(out);
        }
        List<Map<String, Object>> fromXlsx = new ArrayList<>();
        Xlsx.readSheet(file, null, Header.NAMED, TabularLimits.DEFAULTS, row -> fromXlsx.add(row.values()));
        List<Map<String, Object>> fromCsv = values(("身份证号,邮编,出生日期,登记时间,金额,合计,名,已核实,小数\n"
                + "513322198001010000,026000,1980-01-01,2026-03-01T08:30:00+08:00,1234.5,2469,扎西多吉,TRUE,0.3\n")
                .getBytes(StandardCharsets.UTF_8));
        assertEquals(fromCsv, fromXlsx, "a number's value (not its display), a code's leading zeros, ISO dates at +08:00,"
                + " a formula's result, TRUE");
        fromXlsx.get(0).values().forEach(v -> assertEquals(String.class, v.getClass(), "text, never a number the path chose: " + v));
    }

    @Test
    void aStrictHeaderRefusesARepeatedOrUnnamedColumnNamingIt() {
        TabularRefused repeated = assertThrows(TabularRefused.class, () -> Csv.read("a,b,a\n1,2,3\n", Header.STRICT, TabularLimits.DEFAULTS, row -> {
        }));
        assertEquals(TabularRefused.Reason.HEADER, repeated.reason());
        assertEquals("column C of the header row repeats the name 'a': every column needs its own name", repeated.getMessage());
        TabularRefused unnamed = assertThrows(TabularRefused.class, () -> Csv.read("a,,c\n1,2,3\n", Header.STRICT, TabularLimits.DEFAULTS, row -> {
        }));
        assertEquals(TabularRefused.Reason.HEADER, unnamed.reason());
        TabularRefused width = assertThrows(TabularRefused.class, () -> Csv.read("a,b\n1,2\n1,2,3\n", Header.STRICT, TabularLimits.DEFAULTS, row -> {
        }));
        assertEquals(TabularRefused.Reason.ROW_WIDTH, width.reason());
        assertEquals(3, width.row());
    }

    @Test
    void aPersonsSpreadsheetHeaderIsNamedNotRefused() {
        List<Map<String, Object>> records = new ArrayList<>();
        Csv.read("a,,a\n1,2,3\n", Header.NAMED, TabularLimits.DEFAULTS, row -> records.add(row.values()));
        assertEquals(List.of("a", "B", "a_2"), List.copyOf(records.get(0).keySet()));
    }

    private static List<Map<String, Object>> values(byte[] content) {
        List<Map<String, Object>> out = new ArrayList<>();
        Csv.read(content, Header.NAMED, TabularLimits.DEFAULTS, row -> out.add(row.values()));
        return out;
    }
}
