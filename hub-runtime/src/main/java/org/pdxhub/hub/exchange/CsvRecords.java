package org.pdxhub.hub.exchange;

import jakarta.enterprise.context.ApplicationScoped;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.DuplicateHeaderMode;
import org.pdxhub.hub.api.ProblemException;
import org.pdxhub.hub.envelope.ReceivedRecords;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Records sent as CSV: UTF-8, a header row of field names; values stay text and the gate types them. */
@ApplicationScoped
public class CsvRecords {

    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder()
            .setHeader().setSkipHeaderRecord(true).setIgnoreEmptyLines(true).setTrim(true)
            .setDuplicateHeaderMode(DuplicateHeaderMode.DISALLOW).get();

    /** The bytes as sent: decoded as strict UTF-8 first, so that a malformed file is refused, not garbled. */
    public List<Map<String, Object>> parse(byte[] body) {
        if (body == null || body.length == 0) {
            return parse((String) null);
        }
        return parse(ReceivedRecords.utf8(body, "CSV"));
    }

    public List<Map<String, Object>> parse(String body) {
        if (body == null || body.isBlank()) {
            throw ProblemException.badRequest("missing-body", null, "the CSV is empty: send a header row and records");
        }
        String text = body.charAt(0) == '\uFEFF' ? body.substring(1) : body;
        try (CSVParser parser = CSVParser.parse(new StringReader(text), FORMAT)) {
            List<String> header = parser.getHeaderNames();
            if (header.isEmpty() || header.stream().anyMatch(String::isBlank)) {
                throw ProblemException.badRequest("csv.header", "row 1",
                        "the first row must name every column (the catalog's item names), separated by commas");
            }
            List<Map<String, Object>> out = new ArrayList<>();
            for (CSVRecord row : parser) {
                if (row.size() != header.size()) {
                    throw ProblemException.badRequest("csv.row-width", "row " + row.getRecordNumber(),
                            "row " + row.getRecordNumber() + " has " + row.size() + " values; the header has " + header.size());
                }
                Map<String, Object> record = new LinkedHashMap<>();
                for (int i = 0; i < header.size(); i++) {
                    record.put(header.get(i), row.get(i));
                }
                out.add(record);
            }
            return out;
        } catch (IOException | UncheckedIOException | IllegalArgumentException | IllegalStateException e) {
            // The parser's message quotes the header or the line; either may hold personal data.
            throw ProblemException.badRequest("csv.malformed", "body", "the CSV cannot be read as RFC 4180 with a header row"
                    + " (a duplicate or empty column name, or an unclosed quote): correct it and send again");
        }
    }
}
