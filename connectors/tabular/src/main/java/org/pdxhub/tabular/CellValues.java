package org.pdxhub.tabular;

import org.apache.poi.ss.usermodel.BuiltinFormats;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.util.NumberToTextConverter;
import org.apache.poi.xssf.model.StylesTable;
import org.apache.poi.xssf.usermodel.XSSFCellStyle;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The one rule for a spreadsheet cell's value, on every path (REST, route, file connector, document
 * upload, catalog import): text, as the same sheet saved as CSV gives it, for the gate to type by the
 * catalog. So an XLSX and its CSV export give the same records.
 * <ul>
 * <li>a number: its value with Excel's 15 significant digits, not its display ({@code 1234.5}, not
 * {@code ¥1,234.50}; {@code 0.1+0.2} is {@code 0.3}, as Excel shows it, not the stored binary
 * {@code 0.30000000000000004});</li>
 * <li>a number in a format of zeros only ({@code 000000}, used for postcodes and district codes): with its
 * leading zeros, which are part of the code;</li>
 * <li>a date {@code yyyy-MM-dd}; a date-time ISO at +08:00 with seconds; a time of day {@code HH:mm:ss};</li>
 * <li>a boolean {@code TRUE}/{@code FALSE}, as Excel writes it to CSV (the gate reads either case);</li>
 * <li>a formula: its cached result by the same rule, never the formula.</li>
 * </ul>
 */
public final class CellValues {

    /** Excel keeps no time zone; the workbooks sent here were written in China, and the gate wants a zone. */
    static final ZoneOffset CHINA = ZoneOffset.ofHours(8);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");
    /** A format of zeros only is a code's (a postcode, a district): its leading zeros are part of the value. */
    private static final DataFormatter CODES = new DataFormatter();

    private final StylesTable styles;
    private final boolean date1904;

    CellValues(StylesTable styles, boolean date1904) {
        this.styles = styles;
        this.date1904 = date1904;
    }

    /** A boolean cell's value. */
    public static String bool(boolean value) {
        return value ? "TRUE" : "FALSE";
    }

    /** @param style the cell's style index, null for the workbook's default style */
    String number(String raw, String style) {
        XSSFCellStyle cellStyle = style(style);
        double serial = Double.parseDouble(raw.strip());
        if (cellStyle == null) {
            return NumberToTextConverter.toText(serial);
        }
        return number(serial, cellStyle.getDataFormat(), cellStyle.getDataFormatString(), date1904);
    }

    /**
     * A numeric cell's value, from its number format (an XLS cell's too).
     *
     * @param format the format's text, or null for a built-in format known by its index only
     */
    public static String number(double serial, int formatIndex, String format, boolean date1904) {
        if (format == null) {
            format = BuiltinFormats.getBuiltinFormat(formatIndex);
        }
        if (format != null && DateUtil.isADateFormat(formatIndex, format) && DateUtil.isValidExcelDate(serial)) {
            return date(serial, date1904);
        }
        if (format != null && format.matches("0+")) {
            return CODES.formatRawCellContents(serial, formatIndex, format);
        }
        return NumberToTextConverter.toText(serial);
    }

    private XSSFCellStyle style(String style) {
        if (style != null) {
            return styles.getStyleAt(Integer.parseInt(style));
        }
        return styles.getNumCellStyles() > 0 ? styles.getStyleAt(0) : null;
    }

    /** An Excel serial date: a date when it has no time of day, a date-time at +08:00 otherwise, a time below one day. */
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
