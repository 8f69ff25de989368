package org.pdxhub.hub.envelope;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.pdxhub.hub.api.ProblemException;
import org.pdxhub.hub.api.RawIdentifiers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A body of records as it arrives over REST (JSON here; CSV and XLSX are read elsewhere and
 * checked here): strict UTF-8, strict JSON (one array of objects and nothing after it), no
 * {@code null} record, and no field whose name is a personal identifier. Each refusal is a 4xx
 * that names the record and field by position, never by a value that may be personal data.
 */
@Singleton
public class ReceivedRecords {

    private static final TypeReference<LinkedHashMap<String, Object>> RECORD = new TypeReference<>() {
    };

    @Inject
    ObjectMapper json;

    @Inject
    RawIdentifiers identifiers;

    private ObjectReader reader;
    private ObjectReader recordReader;

    @PostConstruct
    void init() {
        // Records are read one by one from the array, so the check for what follows the array is ours.
        reader = json.reader().without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        recordReader = reader.forType(RECORD);
    }

    /** A JSON array of records. */
    public List<Map<String, Object>> json(byte[] body) {
        if (body == null || body.length == 0) {
            throw ProblemException.badRequest("missing-body", "body", "send a JSON array of records, or CSV with a header row");
        }
        utf8(body, "JSON");
        List<Map<String, Object>> records = new ArrayList<>();
        try (JsonParser parser = reader.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_ARRAY) {
                throw ProblemException.badRequest("records.not-an-array", "body", "the body must be a JSON array of records: [{...}, {...}]");
            }
            int index = 0;
            for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY; t = parser.nextToken(), index++) {
                if (t == null) {
                    throw ProblemException.badRequest("malformed-body", "body", "the JSON array is not closed: end it with ]");
                }
                if (t == JsonToken.VALUE_NULL) {
                    throw ProblemException.badRequest("records.null", "[" + index + "]",
                            "record #" + index + " is null: each element of the array must be an object of fields; leave it out or fill it");
                }
                if (t != JsonToken.START_OBJECT) {
                    throw ProblemException.badRequest("records.not-an-object", "[" + index + "]",
                            "record #" + index + " is a " + kind(t) + ", not an object: each element of the array must be {\"field\": value, ...}");
                }
                records.add(recordReader.readValue(parser));
            }
            if (parser.nextToken() != null) {
                throw ProblemException.badRequest("malformed-body", "body",
                        "there is more after the JSON array (line " + parser.currentLocation().getLineNr() + ", column "
                                + parser.currentLocation().getColumnNr() + "): send exactly one array and nothing after it");
            }
        } catch (MismatchedInputException e) {
            throw ProblemException.badRequest("malformed-body", "body", "the body is not a JSON array of records objects");
        } catch (JsonProcessingException e) {
            throw ProblemException.badRequest("malformed-body", "body", "the body is not valid JSON at line "
                    + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ": correct it and send again");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return checked(records);
    }

    /**
     * Refuses a record body whose field names hold a personal identifier: such a name would be
     * echoed by every refusal that names the field, and stored in the dead letter.
     */
    public List<Map<String, Object>> checked(List<Map<String, Object>> records) {
        for (int i = 0; i < records.size(); i++) {
            Map<String, Object> record = records.get(i);
            if (record == null) {
                throw ProblemException.badRequest("records.null", "[" + i + "]", "record #" + i + " is empty: leave it out or fill it");
            }
            int position = 1;
            for (String name : record.keySet()) {
                if (identifiers.looksLikeOne(name)) {
                    throw ProblemException.badRequest("records.field-name", "[" + i + "] field #" + position,
                            "field #" + position + " of record #" + i + " has a name that looks like a personal identifier (a citizen ID,"
                                    + " a mobile or card number): field names are the catalog's item names; the value goes after the name");
                }
                position++;
            }
        }
        return records;
    }

    /**
     * Decodes UTF-8 strictly: a malformed or overlong sequence is refused (the JDK's decoder
     * rejects overlong forms such as C0 AF), naming where it is, instead of becoming U+FFFD.
     */
    public static String utf8(byte[] body, String what) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(body);
        try {
            return decoder.decode(in).toString();
        } catch (CharacterCodingException e) {
            throw new ProblemException(400, "encoding.utf8", "Invalid encoding",
                    "the " + what + " body is not valid UTF-8 near byte " + in.position() + " (a malformed or overlong byte sequence):"
                            + " save or send it encoded as UTF-8", "body");
        }
    }

    private static String kind(JsonToken t) {
        return switch (t) {
            case START_ARRAY -> "array";
            case VALUE_STRING -> "string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "number";
            case VALUE_TRUE, VALUE_FALSE -> "boolean";
            default -> t.name().toLowerCase();
        };
    }
}
