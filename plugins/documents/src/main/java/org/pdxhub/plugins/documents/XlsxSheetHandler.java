package org.pdxhub.plugins.documents;

import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.xssf.model.SharedStrings;
import org.apache.poi.xssf.model.StylesTable;
import org.apache.poi.xssf.usermodel.XSSFCellStyle;
import org.xml.sax.Attributes;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads one XLSX sheet's XML as it streams by (no DOM of the sheet is built), giving typed cell
 * values row by row: shared and inline strings, numbers, booleans, errors, and dates where the
 * cell's number format is a date format. Formulas give their cached value.
 */
final class XlsxSheetHandler extends DefaultHandler {

    private final SharedStrings strings;
    private final StylesTable styles;
    private final SheetRecords records;

    private List<Object> cells;
    private int column;
    private String type;
    private String style;
    private boolean inInline;
    private boolean inPhonetic;
    private boolean collecting;
    private final StringBuilder value = new StringBuilder();

    XlsxSheetHandler(SharedStrings strings, StylesTable styles, SheetRecords records) {
        this.strings = strings;
        this.styles = styles;
        this.records = records;
    }

    @Override
    public void startElement(String uri, String localName, String qName, Attributes attributes) {
        switch (localName) {
            case "row" -> {
                cells = new ArrayList<>();
                column = 0;
            }
            case "c" -> {
                String reference = attributes.getValue("r");
                column = reference == null ? column : new CellReference(reference).getCol();
                type = attributes.getValue("t");
                style = attributes.getValue("s");
                value.setLength(0);
                inInline = false;
            }
            case "v" -> collecting = true;
            case "is" -> inInline = true;
            case "rPh" -> inPhonetic = true;
            case "t" -> collecting = inInline && !inPhonetic;
            default -> {
            }
        }
    }

    @Override
    public void characters(char[] ch, int start, int length) {
        if (collecting) {
            value.append(ch, start, length);
        }
    }

    @Override
    public void endElement(String uri, String localName, String qName) throws SAXException {
        switch (localName) {
            case "v", "t" -> collecting = false;
            case "rPh" -> inPhonetic = false;
            case "c" -> {
                while (cells.size() <= column) {
                    cells.add(null);
                }
                cells.set(column, convert());
                column++;
            }
            case "row" -> {
                try {
                    records.row(cells);
                } catch (ParseGuard.Stopped e) {
                    throw new SAXException(e);
                }
            }
            default -> {
            }
        }
    }

    private Object convert() {
        String raw = value.toString();
        if (raw.isEmpty()) {
            return null;
        }
        return switch (type == null ? "n" : type) {
            case "s" -> strings.getItemAt(Integer.parseInt(raw.strip())).getString();
            case "inlineStr", "str", "e", "d" -> raw;
            case "b" -> "1".equals(raw.strip());
            default -> numeric(raw);
        };
    }

    private Object numeric(String raw) {
        if (style != null) {
            XSSFCellStyle cellStyle = styles.getStyleAt(Integer.parseInt(style));
            double serial = Double.parseDouble(raw);
            if (cellStyle != null && DateUtil.isADateFormat(cellStyle.getDataFormat(), cellStyle.getDataFormatString())
                    && DateUtil.isValidExcelDate(serial)) {
                return SheetRecords.date(serial);
            }
        }
        return SheetRecords.number(raw);
    }
}
