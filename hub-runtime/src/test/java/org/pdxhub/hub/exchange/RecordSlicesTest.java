package org.pdxhub.hub.exchange;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Landing's records cut from the message as the gate wrote it: the same records, the same keys, a map per record would give. */
class RecordSlicesTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void eachRecordIsItsOwnTextAndReadsBackAsTheSameRecord() throws IOException {
        String payload = "[{\"citizen_id\":\"pseud-1\",\"name\":\"卓*\",\"address\":{\"county\":\"康定\",\"lines\":[\"a\",\"]}\"]},\"n\":12.50},"
                + "{\"name\":\"no key\",\"flag\":true,\"none\":null},{}]";
        List<String[]> got = slices(payload, "citizen_id");
        List<Map<String, Object>> records = json.readValue(payload, new TypeReference<>() {
        });
        assertEquals(3, got.size());
        for (int i = 0; i < 3; i++) {
            assertEquals(records.get(i), json.readValue(got.get(i)[1], new TypeReference<Map<String, Object>>() {
            }), "record " + i);
        }
        assertEquals("pseud-1", got.get(0)[0]);
        assertEquals(null, got.get(1)[0], "a record without the key field has none");
        assertEquals("{}", got.get(2)[1]);
        assertEquals("{\"name\":\"no key\",\"flag\":true,\"none\":null}", got.get(1)[1], "the text as it passed the gate");
        assertEquals(true, got.get(0)[1].contains("12.50"), "a decimal keeps its digits");
    }

    @Test
    void aKeyOfAnyKindIsTheTextTheMapGave() throws IOException {
        for (String value : new String[] {"\"abc\"", "12", "12345678901234567890", "1.5", "true", "{\"a\":1}", "[1,2]"}) {
            String payload = "[{\"k\":" + value + ",\"v\":1}]";
            Object asMap = json.readValue(payload, new TypeReference<List<Map<String, Object>>>() {
            }).get(0).get("k");
            assertEquals(String.valueOf(asMap), slices(payload, "k").get(0)[0], value);
        }
        assertEquals(null, slices("[{\"k\":null}]", "k").get(0)[0]);
        assertEquals("second", slices("[{\"k\":\"first\",\"k\":\"second\"}]", "k").get(0)[0], "the last of a name given twice, as in a map");
        assertEquals(null, slices("[{\"k\":\"x\"}]", null).get(0)[0], "a resource without a key field");
    }

    @Test
    void whatIsNotAnArrayOfObjectsIsRefused() {
        for (String bad : new String[] {"{\"k\":1}", "[1]", "[{\"k\":1}, 2]", "[{\"k\":1}", "[{\"k\":1}] x", "", "[\"a\"]"}) {
            assertThrows(IOException.class, () -> slices(bad, "k"), bad);
        }
    }

    private List<String[]> slices(String payload, String keyField) throws IOException {
        List<String[]> out = new ArrayList<>();
        RecordSlices.each(json, payload.getBytes(StandardCharsets.UTF_8), keyField, (key, record) -> out.add(new String[] {key, record}));
        return out;
    }
}
