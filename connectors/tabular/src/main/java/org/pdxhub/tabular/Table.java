package org.pdxhub.tabular;

import org.apache.poi.ss.util.CellReference;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Rows of cells to records: the header rule and the limits on rows, cells and values. CSV and XLSX
 * are read through it; a reader of another format (Excel 97-2003) gives it its rows to get the same records.
 */
public final class Table {

    private final Header mode;
    private final TabularLimits limits;
    private final Consumer<Row> out;
    private List<String> fields;
    private long rows;
    private long cells;

    public Table(Header mode, TabularLimits limits, Consumer<Row> out) {
        this.mode = mode;
        this.limits = limits;
        this.out = out;
    }

    /** The header's field names, null when no filled row was read. */
    public List<String> fieldsOrNull() {
        return fields;
    }

    /**
     * @param number the row as a person opening the file counts it
     * @param values by column, null for an empty cell
     * @throws TabularRefused past a limit, or (strict) at a header or row that breaks the rule
     */
    public void row(long number, List<Object> values) {
        int filled = 0;
        for (Object value : values) {
            if (value != null) {
                filled++;
                if (value instanceof String text && text.length() > limits.maxFieldChars()) {
                    throw new TabularRefused(TabularRefused.Reason.MAX_FIELD_CHARS, number, "row " + number + " holds a value of "
                            + text.length() + " characters; max-field-chars is " + limits.maxFieldChars()
                            + ": is a quote left open? Send long texts as documents");
                }
            }
        }
        if (filled == 0) {
            return;
        }
        cells += filled;
        if (cells > limits.maxCells()) {
            throw new TabularRefused(TabularRefused.Reason.MAX_CELLS, number, "the file holds more than " + limits.maxCells()
                    + " filled cells (max-cells): send it in several parts");
        }
        if (fields == null) {
            fields = names(number, values);
            return;
        }
        if (++rows > limits.maxRows()) {
            throw new TabularRefused(TabularRefused.Reason.MAX_ROWS, number, "the file holds more than " + limits.maxRows()
                    + " rows (max-rows): send it in several parts");
        }
        if (mode == Header.STRICT && values.size() != fields.size()) {
            throw new TabularRefused(TabularRefused.Reason.ROW_WIDTH, number,
                    "row " + number + " has " + values.size() + " values; the header has " + fields.size());
        }
        out.accept(new Row(number, fields, new ArrayList<>(values)));
    }

    private List<String> names(long number, List<Object> cells) {
        List<String> names = new ArrayList<>();
        Set<String> taken = new HashSet<>();
        for (int i = 0; i < cells.size(); i++) {
            String name = cells.get(i) == null ? "" : cells.get(i).toString().strip();
            String column = CellReference.convertNumToColString(i);
            if (mode == Header.AS_WRITTEN) {
                names.add(name);
                continue;
            }
            if (name.isEmpty()) {
                if (mode == Header.STRICT) {
                    throw new TabularRefused(TabularRefused.Reason.HEADER, number, "column " + column
                            + " of the header row has no name: the first row must name every column");
                }
                name = column;
            }
            String unique = name;
            for (int n = 2; !taken.add(unique); n++) {
                if (mode == Header.STRICT) {
                    throw new TabularRefused(TabularRefused.Reason.HEADER, number, "column " + column + " of the header row repeats the name '"
                            + name + "': every column needs its own name");
                }
                unique = name + "_" + n;
            }
            names.add(unique);
        }
        return List.copyOf(names);
    }
}
