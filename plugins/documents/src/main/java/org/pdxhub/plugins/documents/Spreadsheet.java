package org.pdxhub.plugins.documents;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A spreadsheet read as records, so that the hub's field masking applies to it as to any batch.
 * Each sheet's first filled row names the fields. Values are what JSON would carry: text as
 * {@code String}, whole numbers as {@code Long}, other numbers as {@code BigDecimal}, booleans, dates
 * as {@code yyyy-MM-dd} and date-times as ISO text at +08:00; an empty cell is null.
 *
 * @param mediaType the type detected from the content
 * @param sheets    records per sheet, in the workbook's order (one sheet, named {@code csv}, for CSV)
 */
public record Spreadsheet(String mediaType, Map<String, List<Map<String, Object>>> sheets) {

    public Spreadsheet {
        sheets = Collections.unmodifiableMap(new LinkedHashMap<>(sheets));
    }

    /** @throws IllegalArgumentException naming the sheets there are */
    public List<Map<String, Object>> sheet(String name) {
        List<Map<String, Object>> records = sheets.get(name);
        if (records == null) {
            throw new IllegalArgumentException("no sheet named '" + name + "'; sheets: " + sheets.keySet());
        }
        return records;
    }
}
