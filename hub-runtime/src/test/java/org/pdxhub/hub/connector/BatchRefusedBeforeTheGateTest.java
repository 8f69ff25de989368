package org.pdxhub.hub.connector;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.Message;
import org.junit.jupiter.api.Test;
import org.pdxhub.hub.deadletter.DeadLetters;
import org.pdxhub.hub.deadletter.OneDeadLetterFormatTest;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A connector's batch that the node refuses before the gate (its resource is not published) is
 * on the one dead-letter address, saying which file and which records, and holds none of the raw
 * records: the gate never masked them. The connector {@code unpublished-drop} is configured in
 * {@link ConnectorsTest.WithFileConnector}.
 */
@QuarkusTest
@TestProfile(ConnectorsTest.WithFileConnector.class)
class BatchRefusedBeforeTheGateTest {

    static final Path DROP = Path.of("target", "unpublished-drop-" + UUID.randomUUID()).toAbsolutePath();
    static final String UNPUBLISHED = "GZ-PSB-NOT-PUBLISHED";
    static final String CITIZEN_ID = "513301198504120025";

    @Inject
    ConnectionFactory connections;

    @Test
    void aBatchForAnUnpublishedResourceIsDeadLetteredNamingTheRuleAndTheFileWithoutItsRecords() throws Exception {
        String rows = "name,citizen_id,mobile\n卓玛," + CITIZEN_ID + ",13987654321\n扎西,513301199001010011,13800000000\n";
        Files.writeString(DROP.resolve(".people.csv.tmp"), rows);
        Files.move(DROP.resolve(".people.csv.tmp"), DROP.resolve("people.csv"));

        byte[] body = await().atMost(Duration.ofSeconds(60)).until(this::letterBody, b -> b != null);
        String text = new String(body, StandardCharsets.UTF_8);
        assertTrue(text.contains("people.csv") && text.contains("records 1-2"), text);
        assertTrue(text.contains("resource.unpublished"), text);
        for (String raw : List.of(CITIZEN_ID, "513301199001010011", "13987654321", "卓玛", "扎西")) {
            assertFalse(text.contains(raw), "no raw record in the letter: " + raw);
            assertFalse(contains(body, raw.getBytes(StandardCharsets.UTF_8)), "no raw record in the letter's bytes: " + raw);
        }
    }

    /** The letter's body, its headers checked. */
    private byte[] letterBody() throws Exception {
        List<OneDeadLetterFormatTest.Browsed> found = OneDeadLetterFormatTest.browse(connections,
                DeadLetters.FROM + " = 'connector:unpublished-drop'");
        if (found.isEmpty()) {
            return null;
        }
        assertEquals(1, found.size(), "dead-lettered once");
        Message letter = found.get(0).letter();
        assertEquals("resource.unpublished", letter.getStringProperty("PdxRule"));
        assertEquals("urn:pdx:problem:resource.unpublished", letter.getStringProperty(DeadLetters.PROBLEM_TYPE));
        assertTrue(letter.getStringProperty("PdxReason").contains("people.csv"), letter.getStringProperty("PdxReason"));
        assertEquals(UNPUBLISHED, letter.getStringProperty("PdxResource"));
        assertEquals(DeadLetters.SOURCE_REFERENCE, letter.getStringProperty(DeadLetters.BODY));
        assertFalse(letter.getBooleanProperty(DeadLetters.REPLAYABLE), "only its sender can publish the resource or correct the connector");
        for (Object name : Collections.list(letter.getPropertyNames())) {
            assertFalse(String.valueOf(letter.getObjectProperty((String) name)).contains(CITIZEN_ID), "no raw ID in " + name);
        }
        return found.get(0).body();
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
