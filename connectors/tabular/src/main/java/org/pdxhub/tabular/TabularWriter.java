package org.pdxhub.tabular;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Records written for a department: CSV (RFC 4180, UTF-8, a header row) or XLSX (streamed, 100 rows
 * held). A value a spreadsheet would take for a formula ({@code =cmd|' /C calc'!A0}, {@code @SUM(...)},
 * {@code +1+cmd|...}) is written as text: in CSV behind a leading apostrophe, in XLSX as a text cell marked
 * quote-prefixed. Numbers stay numbers, {@code -5} included.
 */
public final class TabularWriter {

    /** Characters that start a formula in Excel, LibreOffice or WPS; tab and carriage return can hide one. */
    private static final Pattern FORMULA_START = Pattern.compile("^[=+\\-@\\t\\r].*", Pattern.DOTALL);
    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");

    private TabularWriter() {
    }

    /** Whether a text value would be taken for a formula when the file is opened. */
    public static boolean formulaLike(String text) {
        return FORMULA_START.matcher(text).matches() && !NUMBER.matcher(text).matches();
    }

    /** A text value as written to CSV: behind an apostrophe when it would be taken for a formula. */
    public static String csvCell(Object value) {
        if (value == null) {
            return null;
        }
        String text = value.toString();
        return value instanceof CharSequence && formulaLike(text) ? "'" + text : text;
    }

    /** @param rows values in the order of {@code header}; a value is printed by its {@code toString()} */
    public static void csv(Appendable out, List<String> header, Iterable<? extends List<?>> rows) throws IOException {
        try (CSVPrinter printer = new CSVPrinter(out, CSVFormat.RFC4180.builder()
                .setHeader(header.stream().map(TabularWriter::csvCell).toArray(String[]::new)).get())) {
            for (List<?> row : rows) {
                for (Object value : row) {
                    printer.print(csvCell(value));
                }
                printer.println();
            }
        }
    }

    /** One sheet: the header row, then the rows; numbers and booleans as such, everything else as text cells. */
    public static void xlsx(OutputStream out, String sheetName, List<String> header, Iterable<? extends List<?>> rows) throws IOException {
        try (SXSSFWorkbook book = new SXSSFWorkbook(100)) {
            book.setCompressTempFiles(true);
            CellStyle quoted = book.createCellStyle();
            quoted.setQuotePrefixed(true);
            SXSSFSheet sheet = book.createSheet(sheetName);
            int r = 0;
            var headRow = sheet.createRow(r++);
            for (int c = 0; c < header.size(); c++) {
                text(headRow.createCell(c), header.get(c), quoted);
            }
            for (List<?> values : rows) {
                var row = sheet.createRow(r++);
                for (int c = 0; c < values.size(); c++) {
                    Object value = values.get(c);
                    if (value == null) {
                        continue;
                    }
                    Cell cell = row.createCell(c);
                    if (value instanceof Number n && !(value instanceof BigDecimal b && b.precision() > 15)) {
                        cell.setCellValue(n.doubleValue());
                    } else if (value instanceof Boolean b) {
                        cell.setCellValue(b);
                    } else {
                        text(cell, value.toString(), quoted);
                    }
                }
            }
            book.write(out);
        }
    }

    /** setCellValue(String) never makes a formula; the style tells Excel to keep it text when edited too. */
    private static void text(Cell cell, String text, CellStyle quoted) {
        cell.setCellValue(text);
        if (formulaLike(text)) {
            cell.setCellStyle(quoted);
        }
    }
}
