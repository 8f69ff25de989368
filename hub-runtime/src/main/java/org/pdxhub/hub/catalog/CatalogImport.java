package org.pdxhub.hub.catalog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.pdxhub.plugin.DataType;
import org.pdxhub.plugin.OpenType;
import org.pdxhub.plugin.ShareType;
import org.pdxhub.tabular.Csv;
import org.pdxhub.tabular.Header;
import org.pdxhub.tabular.Row;
import org.pdxhub.tabular.TabularLimits;
import org.pdxhub.tabular.TabularRefused;
import org.pdxhub.tabular.Xlsx;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads catalog entries from a file (art. 40: IT projects come with their catalog).
 * <ul>
 * <li>JSON: {@code {"resources": [ ... ]}} or a bare array, each entry as POST /resources takes it;
 * a row is an entry's position, from 1.</li>
 * <li>CSV and XLSX (the first sheet), read by the node's one tabular reader (charset, quoting and values as on every path): one row per data item,
 * rows grouped by {@code code}; the resource's columns are read from its first row and may be left
 * empty on the others. A row is the spreadsheet row, the header being row 1. Columns: {@link #COLUMNS}.</li>
 * </ul>
 * Parsing reports every problem it finds; {@link CatalogWorkflow#importDrafts} adds the catalog's rules.
 */
@ApplicationScoped
public class CatalogImport {

    public static final String CSV = "text/csv";
    public static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static final List<String> RESOURCE_COLUMNS = List.of("code", "name", "provider", "description", "category",
            "shareType", "openType", "shareConditions", "shareBasis", "openConditions", "openBasis", "updateCycle",
            "format", "keyField");
    public static final List<String> ITEM_COLUMNS = List.of("item", "itemTitle", "type", "personal", "sensitivity",
            "identifierKind", "maskingRule", "source");
    public static final List<String> COLUMNS = java.util.stream.Stream.concat(RESOURCE_COLUMNS.stream(), ITEM_COLUMNS.stream()).toList();
    public static final Set<String> REQUIRED = Set.of("code", "name", "provider", "category", "shareType", "openType",
            "updateCycle", "item", "type", "sensitivity");

    private static final Pattern ITEM_FIELD = Pattern.compile("items\\[(\\d+)](?:\\.(\\w+))?");
    private static final Map<String, String> ITEM_FIELD_TO_COLUMN = Map.of("name", "item", "title", "itemTitle");

    /** One problem of one row: {@code row} 0 is the file as a whole. */
    public record RowProblem(int row, String code, String field, String reason) {
    }

    /**
     * One resource read from the file.
     *
     * @param row      its row (JSON: its position; CSV/XLSX: its first row)
     * @param itemRows for CSV/XLSX, the row of each item; empty for JSON
     */
    public record Entry(int row, ResourceDraft draft, List<Integer> itemRows, List<RowProblem> problems) {

        /** A rule's violation as a row problem: an item's field points at the item's own row and column. */
        RowProblem problem(String field, String reason) {
            String code = draft == null ? null : draft.code();
            if (itemRows.isEmpty() || field == null) {
                return new RowProblem(row, code, field, reason);
            }
            if (field.equals("items")) {
                return new RowProblem(row, code, "item", reason);
            }
            Matcher m = ITEM_FIELD.matcher(field);
            if (m.matches()) {
                int index = Integer.parseInt(m.group(1));
                String sub = m.group(2);
                int at = index < itemRows.size() ? itemRows.get(index) : row;
                return new RowProblem(at, code, sub == null ? "item" : ITEM_FIELD_TO_COLUMN.getOrDefault(sub, sub), reason);
            }
            return new RowProblem(row, code, field, reason);
        }
    }

    @Inject
    ObjectMapper mapper;

    public List<Entry> parse(String mediaType, byte[] body) {
        String type = mediaType == null ? "" : mediaType.toLowerCase(Locale.ROOT);
        if (type.startsWith("application/json")) {
            return json(body);
        }
        if (type.startsWith(CSV)) {
            return csv(body);
        }
        if (type.startsWith(XLSX)) {
            return xlsx(body);
        }
        throw new ImportRefused(0, List.of(new RowProblem(0, null, "Content-Type",
                "send application/json, text/csv or " + XLSX + ", not '" + mediaType + "'")));
    }

    List<Entry> json(byte[] body) {
        ObjectMapper strict = mapper.copy().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        JsonNode root;
        try {
            root = strict.readTree(body);
        } catch (IOException e) {
            throw whole("the file is not valid JSON: " + (e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage()));
        }
        JsonNode list = root != null && root.isObject() ? root.get("resources") : root;
        if (list == null || !list.isArray()) {
            throw whole("a JSON import is {\"resources\": [ ... ]} or an array of resources");
        }
        List<Entry> entries = new ArrayList<>();
        for (int n = 0; n < list.size(); n++) {
            JsonNode node = list.get(n);
            try {
                entries.add(new Entry(n + 1, strict.treeToValue(node, ResourceDraft.class), List.of(), List.of()));
            } catch (JsonProcessingException e) {
                String field = e instanceof JsonMappingException m && !m.getPath().isEmpty() ? m.getPath().stream()
                        .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                        .collect(Collectors.joining(".")).replace(".[", "[") : null;
                String code = node.path("code").isTextual() ? node.path("code").asText() : null;
                entries.add(new Entry(n + 1, null, List.of(), List.of(new RowProblem(n + 1, code, field, e.getOriginalMessage()))));
            }
        }
        return entries;
    }

    List<Entry> csv(byte[] body) {
        List<Row> rows = new ArrayList<>();
        try {
            return tabular(Csv.read(body, Header.AS_WRITTEN, TabularLimits.DEFAULTS, rows::add), rows);
        } catch (TabularRefused e) {
            throw whole("the file is not valid CSV: " + e.getMessage());
        }
    }

    List<Entry> xlsx(byte[] body) {
        List<Row> rows = new ArrayList<>();
        List<String> header;
        try {
            Path file = Files.createTempFile("pdx-catalog-", ".xlsx");
            try {
                Files.write(file, body);
                header = Xlsx.readSheet(file, null, Header.AS_WRITTEN, TabularLimits.DEFAULTS, rows::add);
            } finally {
                Files.deleteIfExists(file);
            }
        } catch (TabularRefused e) {
            if (e.reason() == TabularRefused.Reason.HEADER) {
                throw whole("the file is empty: the first row names the columns " + COLUMNS);
            }
            throw whole("the file is not an XLSX workbook: " + e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return tabular(header, rows);
    }

    /** The header's cells and the rows after it; a row's number is the one a person opening the file sees. */
    private List<Entry> tabular(List<String> names, List<Row> rows) {
        if (names == null) {
            throw whole("the file is empty: the first row names the columns " + COLUMNS);
        }
        Map<String, Integer> column = new LinkedHashMap<>();
        List<RowProblem> header = new ArrayList<>();
        for (int c = 0; c < names.size(); c++) {
            String name = names.get(c).strip();
            if (name.isEmpty()) {
                continue;
            }
            String known = COLUMNS.stream().filter(k -> k.equalsIgnoreCase(name)).findFirst().orElse(null);
            if (known == null) {
                header.add(new RowProblem(1, null, name, "unknown column '" + name + "'; the columns are " + COLUMNS));
            } else if (column.putIfAbsent(known, c) != null) {
                header.add(new RowProblem(1, null, known, "column '" + known + "' appears twice"));
            }
        }
        for (String required : COLUMNS) {
            if (REQUIRED.contains(required) && !column.containsKey(required)) {
                header.add(new RowProblem(1, null, required, "the required column '" + required + "' is missing"));
            }
        }
        if (!header.isEmpty()) {
            throw new ImportRefused(0, header);
        }
        Map<String, Group> groups = new LinkedHashMap<>();
        List<Entry> loose = new ArrayList<>();
        for (Row read : rows) {
            int rowNumber = Math.toIntExact(read.number());
            List<Object> cells = read.cells();
            Map<String, String> row = new LinkedHashMap<>();
            column.forEach((name, c) -> row.put(name, c < cells.size() && cells.get(c) != null ? CatalogRules.clean(cells.get(c).toString()) : null));
            if (row.values().stream().allMatch(v -> v == null)) {
                continue;
            }
            String code = row.get("code");
            if (code == null) {
                loose.add(new Entry(rowNumber, null, List.of(rowNumber), List.of(new RowProblem(rowNumber, null, "code",
                        "code is required on every row: it groups the items of one resource"))));
                continue;
            }
            Group g = groups.get(code);
            if (g == null) {
                groups.put(code, new Group(rowNumber, row));
            } else {
                for (String name : RESOURCE_COLUMNS) {
                    String v = row.get(name);
                    if (v != null && !v.equals(g.first.get(name))) {
                        g.problems.add(new RowProblem(rowNumber, code, name, name + " '" + v + "' differs from row " + g.row
                                + " of the same resource; leave it empty or repeat the same value"));
                    }
                }
            }
            Group group = groups.get(code);
            group.itemRows.add(rowNumber);
            group.items.add(new ItemDraft(row.get("item"), row.get("itemTitle"),
                    enumCell(DataType.class, row, "type", rowNumber, code, group.problems), boolCell(row, "personal", rowNumber, code, group.problems),
                    intCell(row, "sensitivity", rowNumber, code, group.problems), row.get("identifierKind"), row.get("maskingRule"),
                    row.get("source")));
        }
        List<Entry> entries = new ArrayList<>();
        for (var e : groups.entrySet()) {
            Group g = e.getValue();
            Map<String, String> f = g.first;
            List<RowProblem> p = g.problems;
            ResourceDraft d = new ResourceDraft(e.getKey(), f.get("name"), f.get("provider"), f.get("description"),
                    enumCell(ResourceCategory.class, f, "category", g.row, e.getKey(), p),
                    enumCell(ShareType.class, f, "shareType", g.row, e.getKey(), p),
                    enumCell(OpenType.class, f, "openType", g.row, e.getKey(), p),
                    f.get("shareConditions"), f.get("shareBasis"), f.get("openConditions"), f.get("openBasis"),
                    enumCell(UpdateCycle.class, f, "updateCycle", g.row, e.getKey(), p), f.get("format"), f.get("keyField"),
                    List.copyOf(g.items));
            p.sort(java.util.Comparator.comparingInt(RowProblem::row));
            entries.add(new Entry(g.row, d, List.copyOf(g.itemRows), List.copyOf(p)));
        }
        entries.addAll(loose);
        entries.sort(java.util.Comparator.comparingInt(Entry::row));
        return entries;
    }

    private static final class Group {
        final int row;
        final Map<String, String> first;
        final List<ItemDraft> items = new ArrayList<>();
        final List<Integer> itemRows = new ArrayList<>();
        final List<RowProblem> problems = new ArrayList<>();

        Group(int row, Map<String, String> first) {
            this.row = row;
            this.first = first;
        }
    }

    private static <E extends Enum<E>> E enumCell(Class<E> type, Map<String, String> row, String column, int rowNumber,
                                                  String code, List<RowProblem> problems) {
        String v = row.get(column);
        if (v == null) {
            return null; // a missing value is reported by the catalog's rules
        }
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(v.replace('-', '_'))) {
                return e;
            }
        }
        problems.add(new RowProblem(rowNumber, code, column, "'" + v + "' is not one of " + java.util.Arrays.toString(type.getEnumConstants())));
        return null;
    }

    private static Boolean boolCell(Map<String, String> row, String column, int rowNumber, String code, List<RowProblem> problems) {
        String v = row.get(column);
        if (v == null) {
            return null;
        }
        switch (v.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "y", "1", "是" -> {
                return true;
            }
            case "false", "no", "n", "0", "否" -> {
                return false;
            }
            default -> {
                problems.add(new RowProblem(rowNumber, code, column, "'" + v + "' is not true or false (是/否)"));
                return null;
            }
        }
    }

    private static Integer intCell(Map<String, String> row, String column, int rowNumber, String code, List<RowProblem> problems) {
        String v = row.get(column);
        if (v == null) {
            return null;
        }
        try {
            return Integer.valueOf(v.endsWith(".0") ? v.substring(0, v.length() - 2) : v);
        } catch (NumberFormatException e) {
            problems.add(new RowProblem(rowNumber, code, column, "'" + v + "' is not a whole number"));
            return 0; // reported here; 0 keeps the rules from reporting it a second time as missing
        }
    }

    private static ImportRefused whole(String reason) {
        return new ImportRefused(0, List.of(new RowProblem(0, null, null, reason)));
    }
}
