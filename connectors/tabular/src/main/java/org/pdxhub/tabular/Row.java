package org.pdxhub.tabular;

import org.apache.poi.ss.util.CellReference;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One row of records, as read.
 *
 * @param number the row in the file, as a person opening it would count (the header of a CSV is row 1;
 *               an XLSX row as Excel numbers it), to name in errors
 * @param fields the header's field names
 * @param cells  values by column, null for an empty cell; may be longer than the header
 */
public record Row(long number, List<String> fields, List<Object> cells) {

    public Row {
        cells = Collections.unmodifiableList(cells);
    }

    /** Every field of the header (null when empty), then cells beyond the header named by their column letter. */
    public Map<String, Object> values() {
        Map<String, Object> values = new LinkedHashMap<>();
        for (String field : fields) {
            values.put(field, null);
        }
        for (int i = 0; i < cells.size(); i++) {
            if (i < fields.size()) {
                values.put(fields.get(i), cells.get(i));
            } else if (cells.get(i) != null) {
                values.put(CellReference.convertNumToColString(i), cells.get(i));
            }
        }
        return values;
    }

    /** As {@link #values()}, without the empty cells: what a sender left empty is not in the record. */
    public Map<String, Object> filled() {
        Map<String, Object> values = values();
        values.values().removeIf(v -> v == null);
        return values;
    }
}
