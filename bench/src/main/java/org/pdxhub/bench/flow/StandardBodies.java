package org.pdxhub.bench.flow;

import org.pdxhub.bench.StandardRecords;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Message bodies as a department system sends them: JSON arrays of standard records, encoded once. */
final class StandardBodies {

    private StandardBodies() {
    }

    /** Bodies of {@code perMessage} distinct records each, together using the pool once. */
    static List<byte[]> of(StandardRecords pool, int perMessage) {
        List<byte[]> out = new ArrayList<>();
        List<Map<String, Object>> records = pool.records;
        for (int from = 0; from + perMessage <= records.size(); from += perMessage) {
            StringBuilder json = new StringBuilder("[");
            for (int i = from; i < from + perMessage; i++) {
                if (i > from) {
                    json.append(',');
                }
                object(json, records.get(i));
            }
            out.add(json.append(']').toString().getBytes(StandardCharsets.UTF_8));
        }
        return out;
    }

    static void object(StringBuilder json, Map<String, Object> record) {
        json.append('{');
        boolean first = true;
        for (var e : record.entrySet()) {
            if (!first) {
                json.append(',');
            }
            first = false;
            string(json, e.getKey());
            json.append(':');
            string(json, String.valueOf(e.getValue()));
        }
        json.append('}');
    }

    /** The generated values hold no quotes, backslashes or control characters; this keeps it so if they ever do. */
    private static void string(StringBuilder json, String s) {
        json.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                json.append('\\').append(c);
            } else if (c < 0x20) {
                json.append(String.format("\\u%04x", (int) c));
            } else {
                json.append(c);
            }
        }
        json.append('"');
    }
}
