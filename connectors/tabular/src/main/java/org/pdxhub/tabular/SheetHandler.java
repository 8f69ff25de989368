package org.pdxhub.tabular;

import org.apache.poi.ss.util.CellReference;
import org.apache.poi.xssf.model.SharedStrings;
import org.xml.sax.Attributes;
import org.xml.sax.helpers.DefaultHandler;

import java.util.ArrayList;
import java.util.List;

/**
 * One sheet's XML as it streams by (no DOM of the sheet is built): shared and inline strings (phonetic
 * guides left out), numbers, booleans, errors and dates, row by row, to the {@link Table}.
 */
final class SheetHandler extends DefaultHandler {

    private final SharedStrings strings;
    private final CellValues values;
    private final Table table;

    private List<Object> cells = new ArrayList<>();
    private long rowNumber;
    private int column;
    private String type;
    private String style;
    private boolean inInline;
    private boolean inPhonetic;
    private boolean collecting;
    private final StringBuilder value = new StringBuilder();

    SheetHandler(SharedStrings strings, CellValues values, Table table) {
        this.strings = strings;
        this.values = values;
        this.table = table;
    }

    @Override
    public void startElement(String uri, String localName, String qName, Attributes attributes) {
        switch (localName) {
            case "row" -> {
                cells = new ArrayList<>();
                column = 0;
                String r = attributes.getValue("r");
                rowNumber = r == null ? rowNumber + 1 : Long.parseLong(r);
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
    public void endElement(String uri, String localName, String qName) {
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
            case "row" -> table.row(rowNumber, cells);
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
            case "s" -> blankToNull(strings.getItemAt(Integer.parseInt(raw.strip())).getString());
            case "inlineStr", "str", "e", "d" -> raw;
            case "b" -> CellValues.bool("1".equals(raw.strip()) || "true".equalsIgnoreCase(raw.strip()));
            default -> values.number(raw, style);
        };
    }

    private static String blankToNull(String text) {
        return text == null || text.isEmpty() ? null : text;
    }
}
