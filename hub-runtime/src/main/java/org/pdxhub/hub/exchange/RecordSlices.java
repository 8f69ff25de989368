package org.pdxhub.hub.exchange;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The records of a message as the gate wrote them: each record's JSON cut out of the message's
 * bytes, with the value of its key field, for landing to store. Landing used to read the message
 * into a map per record and write each map out again; on the 1,000,000-row CSV that was two fifths
 * of landing's CPU, and it rewrote numbers as it went (a decimal {@code 12.50} was stored as
 * {@code 12.5}). The text stored is now the text that passed the gate.
 */
final class RecordSlices {

    /** One record: the text of its key field's value (null when it has none), and its JSON. */
    interface Each {
        void accept(String key, String json);
    }

    private RecordSlices() {
    }

    /**
     * Calls {@code each} for every record of {@code payload}, a JSON array of objects, in order.
     * The key is as {@code String.valueOf} of the value read into a map would give it, so that
     * a record keeps the key it had.
     *
     * @throws IOException when the payload is not an array of objects
     */
    static void each(ObjectMapper json, byte[] payload, String keyField, Each each) throws IOException {
        try (JsonParser p = json.createParser(payload)) {
            if (p.nextToken() != JsonToken.START_ARRAY) {
                throw new JsonParseException(p, "a message's records are a JSON array");
            }
            JsonToken t;
            while ((t = p.nextToken()) == JsonToken.START_OBJECT) {
                int start = (int) p.currentTokenLocation().getByteOffset();
                String key = null;
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    JsonToken value = p.nextToken();
                    if (keyField != null && keyField.equals(name)) {
                        // As the map had it: the last of a name given twice.
                        key = keyText(json, p, value);
                    } else {
                        p.skipChildren();
                    }
                }
                int end = (int) p.currentLocation().getByteOffset();
                each.accept(key, new String(payload, start, end - start, StandardCharsets.UTF_8));
            }
            if (t != JsonToken.END_ARRAY || p.nextToken() != null) {
                throw new JsonParseException(p, "a message's records are a JSON array of objects");
            }
        }
    }

    private static String keyText(ObjectMapper json, JsonParser p, JsonToken value) throws IOException {
        return switch (value) {
            case VALUE_STRING -> p.getText();
            case VALUE_NULL -> null;
            // Numbers, booleans, objects: the value the map held, as its text.
            default -> String.valueOf(json.readValue(p, Object.class));
        };
    }
}
