package org.pdxhub.connector.file;

import org.apache.poi.ooxml.POIXMLException;
import org.apache.poi.openxml4j.exceptions.OpenXML4JException;
import org.apache.poi.openxml4j.exceptions.OpenXML4JRuntimeException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.ss.util.NumberToTextConverter;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler;
import org.apache.poi.xssf.model.StylesTable;
import org.apache.poi.xssf.usermodel.XSSFComment;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;
import org.xml.sax.helpers.DefaultHandler;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * One sheet of an XLSX workbook as records, streamed: POI's event API (XSSFReader and
 * XSSFSheetXMLHandler, SAX over the sheet's XML) on a package opened from a file, so parts are
 * read from the zip as they are needed, and the shared strings kept in encrypted temporary
 * files ({@link SpilledSharedStrings}) rather than on the heap. Memory stays near one row plus the styles,
 * whatever the number of rows; XSSFWorkbook (the DOM) would hold the whole sheet.
 * <p>
 * The first row with a filled cell names the fields (a blank heading is named by its column
 * letter, a repeated one gets {@code _2}, {@code _3}...). Every value is text, as from a CSV file,
 * and the gate types it by the catalog:
 * <ul>
 * <li>numbers: the value, not its display ({@code 1234.5}, not {@code 1,234.50} or {@code ¥1,234.50};
 * no rounding to the format's decimals), as Excel writes it with 15 significant digits; a format of
 * zeros only ({@code 000000}, used for codes) keeps its leading zeros;</li>
 * <li>dates: ISO {@code yyyy-MM-dd}; date-times: ISO at +08:00 ({@code 2026-03-01T08:30:00+08:00})
 * since Excel keeps no zone and the gate wants one; times of day: {@code HH:mm:ss};</li>
 * <li>booleans {@code TRUE}/{@code FALSE}; formulas: their cached result; text as it is; empty
 * cells are left out of the record.</li>
 * </ul>
 */
final class XlsxRecords {

    /** Excel keeps no time zone; the workbooks sent here were written in China (as in the documents plugin). */
    static final ZoneOffset CHINA = ZoneOffset.ofHours(8);

    private XlsxRecords() {
    }

    /**
     * @param sheetName the sheet to read; the first one when null
     * @throws FileFolder.NotRecords when the file is not a readable workbook or has no such sheet
     */
    static void read(Path file, String sheetName, Consumer<Map<String, Object>> out) throws IOException {
        try (OPCPackage pkg = OPCPackage.open(file.toFile(), PackageAccess.READ);
             SpilledSharedStrings strings = SpilledSharedStrings.of(pkg)) {
            XSSFReader reader = new XSSFReader(pkg);
            StylesTable styles = reader.getStylesTable();
            boolean date1904 = date1904(reader);
            XSSFReader.SheetIterator sheets = reader.getSheetIterator();
            List<String> names = new ArrayList<>();
            while (sheets.hasNext()) {
                try (InputStream sheet = sheets.next()) {
                    names.add(sheets.getSheetName());
                    if (sheetName == null || sheetName.equals(sheets.getSheetName())) {
                        Rows rows = new Rows(out);
                        XMLReader xml = XMLHelper.newXMLReader();
                        xml.setContentHandler(new XSSFSheetXMLHandler(styles == null ? new StylesTable() : styles, strings, rows,
                                new ValueFormat(date1904), false));
                        xml.parse(new InputSource(sheet));
                        if (rows.header == null) {
                            throw new FileFolder.NotRecords("sheet '" + sheets.getSheetName() + "' is empty: its first filled row must name the fields");
                        }
                        return;
                    }
                }
            }
            throw new FileFolder.NotRecords(names.isEmpty() ? "the workbook has no sheet"
                    : "the workbook has no sheet named '" + sheetName + "'; its sheets: " + names);
        } catch (javax.xml.parsers.ParserConfigurationException e) {
            throw new IllegalStateException(e);
        } catch (SAXException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new FileFolder.NotRecords("not a readable XLSX sheet: " + e.getMessage());
        } catch (OpenXML4JException | OpenXML4JRuntimeException | POIXMLException | IllegalArgumentException e) {
            throw new FileFolder.NotRecords("not a readable XLSX workbook: " + e.getMessage());
        }
    }

    /** Whether dates count from 1904 (old Mac Excel): a flag in workbook.xml, which is small. */
    private static boolean date1904(XSSFReader reader) throws IOException, OpenXML4JException, SAXException {
        boolean[] flag = {false};
        try (InputStream workbook = reader.getWorkbookData()) {
            XMLReader xml = XMLHelper.newXMLReader();
            xml.setContentHandler(new DefaultHandler() {
                @Override
                public void startElement(String uri, String localName, String qName, Attributes attributes) {
                    if ("workbookPr".equals(localName)) {
                        String value = attributes.getValue("date1904");
                        flag[0] = "1".equals(value) || "true".equals(value);
                    }
                }
            });
            xml.parse(new InputSource(workbook));
        } catch (javax.xml.parsers.ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
        return flag[0];
    }

    /** Rows to records; only the current row is held. */
    private static final class Rows implements XSSFSheetXMLHandler.SheetContentsHandler {
        private final Consumer<Map<String, Object>> out;
        private final List<String> cells = new ArrayList<>();
        private List<String> header;

        Rows(Consumer<Map<String, Object>> out) {
            this.out = out;
        }

        @Override
        public void startRow(int rowNum) {
            cells.clear();
        }

        @Override
        public void cell(String reference, String value, XSSFComment comment) {
            int column = new CellReference(reference).getCol();
            while (cells.size() <= column) {
                cells.add(null);
            }
            cells.set(column, value == null || value.isEmpty() ? null : value);
        }

        @Override
        public void endRow(int rowNum) {
            if (cells.stream().allMatch(c -> c == null || c.isBlank())) {
                return;
            }
            if (header == null) {
                header = names(cells);
                return;
            }
            Map<String, Object> record = new LinkedHashMap<>();
            for (int i = 0; i < cells.size(); i++) {
                if (cells.get(i) != null) {
                    record.put(i < header.size() ? header.get(i) : CellReference.convertNumToColString(i), cells.get(i));
                }
            }
            out.accept(record);
        }

        private static List<String> names(List<String> cells) {
            List<String> names = new ArrayList<>();
            Set<String> taken = new HashSet<>();
            for (int i = 0; i < cells.size(); i++) {
                String name = cells.get(i) == null ? "" : cells.get(i).strip();
                if (name.isEmpty()) {
                    name = CellReference.convertNumToColString(i);
                }
                String unique = name;
                for (int n = 2; !taken.add(unique); n++) {
                    unique = name + "_" + n;
                }
                names.add(unique);
            }
            return names;
        }
    }

    /** How a numeric cell becomes text: the value or an ISO date, not the locale's display of it. */
    static final class ValueFormat extends DataFormatter {
        private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");
        private final boolean date1904;

        ValueFormat(boolean date1904) {
            this.date1904 = date1904;
        }

        @Override
        public String formatRawCellContents(double value, int formatIndex, String formatString) {
            return formatRawCellContents(value, formatIndex, formatString, date1904);
        }

        @Override
        public String formatRawCellContents(double value, int formatIndex, String formatString, boolean use1904Windowing) {
            if (formatString != null && DateUtil.isADateFormat(formatIndex, formatString) && DateUtil.isValidExcelDate(value)) {
                return date(value, date1904 || use1904Windowing);
            }
            if (formatString != null && formatString.matches("0+")) {
                return super.formatRawCellContents(value, formatIndex, formatString, use1904Windowing);
            }
            return NumberToTextConverter.toText(value);
        }

        static String date(double serial, boolean date1904) {
            LocalDateTime dateTime = DateUtil.getLocalDateTime(serial, date1904, true);
            if (serial < 1) {
                return dateTime.toLocalTime().format(TIME);
            }
            if (dateTime.toLocalTime().toSecondOfDay() == 0) {
                return dateTime.toLocalDate().toString();
            }
            return dateTime.atOffset(CHINA).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        }
    }
}
