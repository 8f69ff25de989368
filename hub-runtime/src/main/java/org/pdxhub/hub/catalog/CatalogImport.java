package org.pdxhub.hub.catalog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.FormulaEvaluator;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.pdxhub.plugin.DataType;
import org.pdxhub.plugin.OpenType;
import org.pdxhub.plugin.ShareType;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
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
 * <li>CSV (UTF-8, header row) and XLSX (first sheet, header in row 1): one row per data item,
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
        List<List<String>> rows = new ArrayList<>();
        try (CSVParser parser = CSVFormat.DEFAULT.builder().setIgnoreSurroundingSpaces(true).get()
                .parse(new InputStreamReader(new ByteArrayInputStream(stripBom(body)), StandardCharsets.UTF_8))) {
            for (CSVRecord r : parser) {
                rows.add(r.toList());
            }
        } catch (IOException | java.io.UncheckedIOException | IllegalStateException e) {
            throw whole("the file is not valid CSV: " + e.getMessage());
        }
        return tabular(rows);
    }

    List<Entry> xlsx(byte[] body) {
        List<List<String>> rows = new ArrayList<>();
        try (Workbook book = new XSSFWorkbook(new ByteArrayInputStream(body))) {
            if (book.getNumberOfSheets() == 0) {
                throw whole("the workbook has no sheet");
            }
            Sheet sheet = book.getSheetAt(0);
            DataFormatter format = new DataFormatter();
            FormulaEvaluator formulas = book.getCreationHelper().createFormulaEvaluator();
            for (int n = 0; n <= sheet.getLastRowNum(); n++) {
                Row row = sheet.getRow(n);
                List<String> cells = new ArrayList<>();
                if (row != null) {
                    for (int c = 0; c < row.getLastCellNum(); c++) {
                        Cell cell = row.getCell(c);
                        cells.add(cell == null ? "" : format.formatCellValue(cell, formulas));
                    }
                }
                rows.add(cells); // kept when empty, so that list positions stay sheet rows
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof ImportRefused refused) {
                throw refused;
            }
            throw whole("the file is not an XLSX workbook (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")");
        }
        return tabular(rows);
    }

    /** Rows of cells, the header first; a row's number is its position from 1. */
    private List<Entry> tabular(List<List<String>> rows) {
        if (rows.isEmpty()) {
            throw whole("the file is empty: the first row names the columns " + COLUMNS);
        }
        Map<String, Integer> column = new LinkedHashMap<>();
        List<RowProblem> header = new ArrayList<>();
        List<String> names = rows.get(0);
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
        for (int n = 1; n < rows.size(); n++) {
            int rowNumber = n + 1;
            List<String> cells = rows.get(n);
            Map<String, String> row = new LinkedHashMap<>();
            column.forEach((name, c) -> row.put(name, c < cells.size() ? CatalogRules.clean(cells.get(c)) : null));
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

    private static byte[] stripBom(byte[] b) {
        return b.length >= 3 && (b[0] & 0xff) == 0xef && (b[1] & 0xff) == 0xbb && (b[2] & 0xff) == 0xbf
                ? java.util.Arrays.copyOfRange(b, 3, b.length) : b;
    }

    private static ImportRefused whole(String reason) {
        return new ImportRefused(0, List.of(new RowProblem(0, null, null, reason)));
    }
}
