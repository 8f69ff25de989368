package org.pdxhub.tabular;

import org.apache.poi.ss.usermodel.BuiltinFormats;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.util.NumberToTextConverter;
import org.apache.poi.xssf.model.StylesTable;
import org.apache.poi.xssf.usermodel.XSSFCellStyle;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** The rule of {@link XlsxValues} for numbers, dates and booleans; text is text either way. */
public final class CellValues {

    /** Excel keeps no time zone; the workbooks sent here were written in China, and the gate wants a zone. */
    static final ZoneOffset CHINA = ZoneOffset.ofHours(8);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");
    /** A format of zeros only is a code's (a postcode, a district): its leading zeros are part of the value. */
    private static final DataFormatter CODES = new DataFormatter();

    private final StylesTable styles;
    private final boolean date1904;
    private final XlsxValues values;

    CellValues(StylesTable styles, boolean date1904, XlsxValues values) {
        this.styles = styles;
        this.date1904 = date1904;
        this.values = values;
    }

    Object bool(boolean value) {
        return values == XlsxValues.TYPED ? Boolean.valueOf(value) : value ? "TRUE" : "FALSE";
    }

    /** @param style the cell's style index, null for the workbook's default style */
    Object number(String raw, String style) {
        XSSFCellStyle cellStyle = style(style);
        double serial = Double.parseDouble(raw.strip());
        if (cellStyle != null) {
            int formatIndex = cellStyle.getDataFormat();
            String format = cellStyle.getDataFormatString();
            if (format == null) {
                format = BuiltinFormats.getBuiltinFormat(formatIndex);
            }
            if (format != null && DateUtil.isADateFormat(formatIndex, format) && DateUtil.isValidExcelDate(serial)) {
                return date(serial);
            }
            if (values == XlsxValues.TEXT && format != null && format.matches("0+")) {
                return CODES.formatRawCellContents(serial, formatIndex, format);
            }
        }
        return values == XlsxValues.TYPED ? typedNumber(raw) : NumberToTextConverter.toText(serial);
    }

    private XSSFCellStyle style(String style) {
        if (style != null) {
            return styles.getStyleAt(Integer.parseInt(style));
        }
        return styles.getNumCellStyles() > 0 ? styles.getStyleAt(0) : null;
    }

    private String date(double serial) {
        return date(serial, date1904, values);
    }

    /** An Excel serial date: a date when it has no time of day, a date-time at +08:00 otherwise, a time below one day. */
    public static String date(double serial, boolean date1904, XlsxValues values) {
        LocalDateTime dateTime = DateUtil.getLocalDateTime(serial, date1904, true);
        if (serial < 1) {
            return values == XlsxValues.TYPED ? dateTime.toLocalTime().toString() : dateTime.toLocalTime().format(TIME);
        }
        if (dateTime.toLocalTime().toSecondOfDay() == 0) {
            return dateTime.toLocalDate().toString();
        }
        return values == XlsxValues.TYPED ? dateTime.atOffset(CHINA).toString()
                : dateTime.atOffset(CHINA).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }

    /** A number as written in the file: whole ones as Long, others exactly as BigDecimal. */
    public static Object typedNumber(String text) {
        BigDecimal value = new BigDecimal(text.strip());
        BigDecimal stripped = value.stripTrailingZeros();
        if (stripped.scale() <= 0 && stripped.precision() - stripped.scale() <= 18) {
            return stripped.longValueExact();
        }
        return value;
    }
}
