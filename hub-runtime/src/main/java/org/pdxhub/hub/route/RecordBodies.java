package org.pdxhub.hub.route;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.camel.Message;
import org.pdxhub.hub.api.ProblemException;
import org.pdxhub.hub.exchange.CsvRecords;
import org.pdxhub.hub.exchange.DocumentExchange;
import org.pdxhub.hub.envelope.ReceivedRecords;
import org.pdxhub.tabular.TabularWriter;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A route's message body as records, read by the same readers as REST ingest (JSON array, CSV
 * with a header row, XLSX workbook), and records written back as JSON, CSV or an XLSX workbook for a
 * department's side. A list of maps is taken as it is.
 */
@ApplicationScoped
public class RecordBodies {

    /** The formats a {@code pdx:} endpoint reads or writes; AUTO tells JSON, CSV and XLSX apart by their first bytes. */
    public enum Format { AUTO, JSON, CSV, XLSX, RECORDS }

    private static final byte[] ZIP = {'P', 'K', 3, 4};
    /** The sheet a delivered workbook holds its records in. */
    static final String SHEET = "records";

    @Inject
    ReceivedRecords received;

    @Inject
    CsvRecords csv;

    @Inject
    DocumentExchange documents;

    @Inject
    ObjectMapper json;

    /** @throws ProblemException naming what is wrong with the body, as REST ingest would */
    public List<Map<String, Object>> read(Message message, Format format, String name) {
        Object body = message.getBody();
        if (body instanceof List<?> list && (format == Format.AUTO || format == Format.RECORDS)) {
            return read(list);
        }
        if (body instanceof Map<?, ?> one && (format == Format.AUTO || format == Format.RECORDS)) {
            return read(List.of(one));
        }
        byte[] bytes = body == null ? null : message.getBody(byte[].class);
        if (bytes == null || bytes.length == 0) {
            throw ProblemException.badRequest("missing-body", "body", "the message has no records ("
                    + (body == null ? "no body" : "a " + body.getClass().getSimpleName()) + "): send a JSON array, CSV with a header"
                    + " row, an XLSX workbook, a list of maps or one map");
        }
        Format actual = format == Format.AUTO ? sniff(bytes) : format;
        List<Map<String, Object>> records = switch (actual) {
            case XLSX -> documents.records(bytes, name == null ? "records.xlsx" : name);
            case CSV -> csv.parse(bytes);
            default -> received.json(bytes);
        };
        return received.checked(records);
    }

    /** A list of maps (a SQL consumer's rows, a split), or one map (one row). */
    private List<Map<String, Object>> read(List<?> list) {
        List<Map<String, Object>> records = new ArrayList<>(list.size());
        for (Object item : list) {
            if (!(item instanceof Map<?, ?> map)) {
                throw ProblemException.badRequest("message.malformed", "body", "a list body must hold records (maps of field to value);"
                        + " found " + (item == null ? "null" : item.getClass().getSimpleName()));
            }
            Map<String, Object> record = new LinkedHashMap<>();
            map.forEach((k, v) -> record.put(String.valueOf(k), v));
            records.add(record);
        }
        return received.checked(records);
    }

    private static Format sniff(byte[] bytes) {
        if (bytes.length >= 4 && bytes[0] == ZIP[0] && bytes[1] == ZIP[1] && bytes[2] == ZIP[2] && bytes[3] == ZIP[3]) {
            return Format.XLSX;
        }
        for (byte b : bytes) {
            if (!Character.isWhitespace(b) && b != (byte) 0xEF && b != (byte) 0xBB && b != (byte) 0xBF) {
                return b == '[' ? Format.JSON : Format.CSV;
            }
        }
        return Format.JSON;
    }

    /** A delivered JSON array, as the department gets it: the JSON text, CSV with a header row, an XLSX workbook, or a list of maps. */
    public Object write(byte[] jsonArray, Format format) {
        return write(jsonArray, format, List.of());
    }

    /**
     * As {@link #write(byte[], Format)}, with CSV columns in the order of {@code columns} (the
     * resource's items as the catalog lists them), so that a department's import sees the same
     * columns in every file; fields outside it follow in the order they first appear.
     */
    public Object write(byte[] jsonArray, Format format, List<String> columns) {
        if (format == Format.AUTO || format == Format.JSON) {
            return ReceivedRecords.utf8(jsonArray, "JSON");
        }
        List<Map<String, Object>> records;
        try {
            records = json.readValue(jsonArray, json.getTypeFactory().constructCollectionType(List.class, Map.class));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return write(records, format, columns);
    }

    /** Records as the department gets them: JSON text, CSV or XLSX with a header row in {@code columns} order, or the list of maps. */
    public Object write(List<Map<String, Object>> records, Format format, List<String> columns) {
        if (format == Format.AUTO || format == Format.JSON) {
            try {
                return json.writeValueAsString(records);
            } catch (JsonProcessingException e) {
                throw new UncheckedIOException(e);
            }
        }
        return switch (format) {
            case CSV -> csv(records, columns);
            case XLSX -> xlsx(records, columns);
            default -> records;
        };
    }

    /**
     * RFC 4180 with a header row of every field present, catalog order first; nested values as JSON;
     * a text a spreadsheet would take for a formula written as text ({@link TabularWriter}).
     */
    String csv(List<Map<String, Object>> records, List<String> columns) {
        Table table = table(records, columns);
        StringBuilder out = new StringBuilder();
        try {
            TabularWriter.csv(out, table.header(), table.rows());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /**
     * One sheet named {@value #SHEET}, with the columns and header row of {@link #csv}; numbers and
     * booleans as such, text as text cells (a formula-like text too), so the department's spreadsheet
     * opens it as sent. Read back by the node's tabular reader, it gives the records a CSV gives.
     */
    byte[] xlsx(List<Map<String, Object>> records, List<String> columns) {
        Table table = table(records, columns);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            TabularWriter.xlsx(out, SHEET, table.header(), table.rows());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private record Table(List<String> header, List<List<Object>> rows) {
    }

    /** Every field present, catalog order first, then the others in the order they first appear. */
    private Table table(List<Map<String, Object>> records, List<String> columns) {
        Set<String> present = new LinkedHashSet<>();
        records.forEach(r -> present.addAll(r.keySet()));
        Set<String> header = new LinkedHashSet<>();
        columns.stream().filter(present::contains).forEach(header::add);
        header.addAll(present);
        List<List<Object>> rows = new ArrayList<>(records.size());
        for (Map<String, Object> r : records) {
            List<Object> row = new ArrayList<>(header.size());
            for (String field : header) {
                row.add(cell(r.get(field)));
            }
            rows.add(row);
        }
        return new Table(List.copyOf(header), rows);
    }

    private Object cell(Object value) {
        if (value instanceof Map<?, ?> || value instanceof List<?>) {
            try {
                return json.writeValueAsString(value);
            } catch (JsonProcessingException e) {
                throw new UncheckedIOException(e);
            }
        }
        return value;
    }
}
