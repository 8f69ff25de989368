package org.pdxhub.hub.exchange;

import jakarta.enterprise.context.ApplicationScoped;
import org.pdxhub.hub.api.ProblemException;
import org.pdxhub.hub.envelope.ReceivedRecords;
import org.pdxhub.tabular.Csv;
import org.pdxhub.tabular.Header;
import org.pdxhub.tabular.TabularLimits;
import org.pdxhub.tabular.TabularRefused;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Records sent as CSV: UTF-8, a header row naming every column once, every row as wide; values stay
 * text (an empty one null) and the gate types them. Read by the node's one CSV reader ({@link Csv}).
 */
@ApplicationScoped
public class CsvRecords {

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
        List<Map<String, Object>> out = new ArrayList<>();
        try {
            if (Csv.read(body, Header.STRICT, TabularLimits.DEFAULTS, row -> out.add(row.values())) == null) {
                throw ProblemException.badRequest("csv.header", "body", "the CSV has no header row: send one naming the catalog's items");
            }
        } catch (TabularRefused e) {
            // The reader's messages name rows, columns and limits, never a value: values may be personal data.
            throw switch (e.reason()) {
                case HEADER -> ProblemException.badRequest("csv.header", "body", e.getMessage());
                case ROW_WIDTH -> ProblemException.badRequest("csv.row-width", "row " + e.row(), e.getMessage());
                default -> ProblemException.badRequest("csv.malformed", "body", e.getMessage());
            };
        }
        return out;
    }
}
