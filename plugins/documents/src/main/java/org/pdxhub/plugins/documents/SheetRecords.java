package org.pdxhub.plugins.documents;

import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.util.CellReference;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Rows of one sheet turned into records: the first filled row names the fields, blank rows are skipped. */
final class SheetRecords {

    /** Excel keeps no time zone; the workbooks sent here were written in China. */
    private static final ZoneOffset CHINA = ZoneOffset.ofHours(8);

    private final ParseGuard guard;
    private List<String> header;
    private final List<Map<String, Object>> records = new ArrayList<>();

    SheetRecords(ParseGuard guard) {
        this.guard = guard;
    }

    /** @param cells values by column index, null for an empty cell */
    void row(List<Object> cells) throws ParseGuard.Stopped {
        boolean filled = false;
        for (Object cell : cells) {
            if (cell != null) {
                guard.cell();
                filled = true;
            }
        }
        if (!filled) {
            return;
        }
        if (header == null) {
            header = names(cells);
            return;
        }
        Map<String, Object> record = new LinkedHashMap<>();
        for (String name : header) {
            record.put(name, null);
        }
        for (int i = 0; i < cells.size(); i++) {
            if (cells.get(i) != null) {
                record.put(i < header.size() ? header.get(i) : CellReference.convertNumToColString(i), cells.get(i));
            }
        }
        records.add(record);
    }

    List<Map<String, Object>> records() {
        return Collections.unmodifiableList(records);
    }

    /** Header cells as field names: a blank one is named by its column letter, a repeated one gets _2, _3... */
    private static List<String> names(List<Object> cells) {
        List<String> names = new ArrayList<>();
        Set<String> taken = new HashSet<>();
        for (int i = 0; i < cells.size(); i++) {
            String name = cells.get(i) == null ? "" : cells.get(i).toString().strip();
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

    /** A number as written in the file: whole ones as Long, others exactly as BigDecimal. */
    static Object number(String text) {
        BigDecimal value = new BigDecimal(text.strip());
        BigDecimal stripped = value.stripTrailingZeros();
        if (stripped.scale() <= 0 && stripped.precision() - stripped.scale() <= 18) {
            return stripped.longValueExact();
        }
        return value;
    }

    /** An Excel serial date: a date when it has no time of day, a date-time at +08:00 otherwise, a time below one day. */
    static Object date(double serial) {
        LocalDateTime dateTime = DateUtil.getLocalDateTime(serial);
        if (serial < 1) {
            return dateTime.toLocalTime().toString();
        }
        if (dateTime.toLocalTime().toSecondOfDay() == 0) {
            return dateTime.toLocalDate().toString();
        }
        return dateTime.atOffset(CHINA).toString();
    }
}
