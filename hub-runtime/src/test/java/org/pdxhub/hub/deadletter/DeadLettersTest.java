package org.pdxhub.hub.deadletter;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.jms.BytesMessage;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import org.junit.jupiter.api.Test;
import org.pdxhub.hub.store.Sql;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pdxhub.hub.testing.DemoKeys.PSB;
import static org.pdxhub.hub.testing.DemoKeys.admin;
import static org.pdxhub.hub.testing.DemoKeys.as;
import static org.pdxhub.hub.testing.DemoKeys.system;

/** Dead letters can be seen and sent back by an administrator, and a store outage makes none. */
@QuarkusTest
public class DeadLettersTest {

    static final String POPULATION = "GZ-PSB-POP-001";

    @Inject
    ConnectionFactory connections;

    @Inject
    Sql sql;

    @Test
    void aMessageThatCanNeverLandIsDeadLetteredAtOnceWithItsReason() throws Exception {
        String messageId = "unlandable-" + UUID.randomUUID();
        sendToAggregation(messageId, "this is not a JSON array of records");

        Map<String, Object> letter = await().atMost(Duration.ofSeconds(30)).until(() -> letterOf(messageId), l -> l != null);
        assertEquals("land.unlandable", letter.get("rule"));
        assertEquals(POPULATION, letter.get("resource"));
        assertEquals("pdx.agg", letter.get("origin"));
        assertTrue(String.valueOf(letter.get("reason")).contains("could not be processed"), letter.toString());
        assertEquals(true, letter.get("replayable"));
    }

    @Test
    void aLetterFromAnEarlierOutageIsReplayedAndLandsOnce() throws Exception {
        String messageId = "outage-" + UUID.randomUUID();
        // Records on pdx.agg have passed the gate: the key is a pseudonym by then, never a raw ID.
        String record = "[{\"citizen_id\":\"PSN" + messageId + "\",\"person_name\":\"" + messageId.substring(0, 8) + "*\"}]";
        // As the broker left it when landing failed five times before landing waited for the store.
        try (JMSContext jms = connections.createContext()) {
            BytesMessage m = jms.createBytesMessage();
            m.writeBytes(record.getBytes(StandardCharsets.UTF_8));
            m.setStringProperty("PdxResource", POPULATION);
            m.setStringProperty("PdxMessageId", messageId);
            m.setStringProperty("PdxProvider", PSB);
            m.setStringProperty("PdxRequester", PSB);
            m.setIntProperty("PdxResourceVersion", 1);
            m.setStringProperty("PdxRule", "delivery.attempts-exhausted");
            m.setStringProperty(DeadLetters.FROM, "pdx.agg");
            jms.createProducer().send(jms.createQueue("pdx.dlq"), m);
        }
        Map<String, Object> letter = await().atMost(Duration.ofSeconds(30)).until(() -> letterOf(messageId), l -> l != null);
        String id = (String) letter.get("id");

        admin().when().post("/api/v1/dead-letters/" + id + "/replay")
                .then().statusCode(200).body("messageId", equalTo(messageId)).body("origin", equalTo("pdx.agg"));

        await().atMost(Duration.ofSeconds(30)).until(() -> landed(messageId) == 1);
        assertEquals(null, letterOf(messageId), "the letter is off pdx.dlq");
        admin().when().post("/api/v1/dead-letters/" + id + "/replay").then().statusCode(404);
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(2)).until(() -> landed(messageId) == 1);
    }

    @Test
    void aRefusalByTheGateIsListedButOnlyItsSenderCanSendItAgain() {
        String messageId = "refused-" + UUID.randomUUID().toString().substring(0, 8);
        system().header("Pdx-Person", "公安局人口系统").header("Pdx-Purpose", "人口基础信息汇聚").header("Pdx-Message-Id", messageId)
                .body(List.of(Map.of("citizen_id", "513301198504120021")))
                .when().post("/api/v1/exchange/" + POPULATION + "/records").then().statusCode(400);
        Map<String, Object> letter = await().atMost(Duration.ofSeconds(30)).until(() -> letterOf(messageId), l -> l != null);
        assertEquals(false, letter.get("replayable"));
        assertTrue(letter.get("rule") != null && letter.get("reason") != null, letter.toString());

        admin().when().post("/api/v1/dead-letters/" + letter.get("id") + "/replay")
                .then().statusCode(409).contentType("application/problem+json").body("type", equalTo("urn:pdx:problem:dead-letter.not-replayable"));
        assertTrue(letterOf(messageId) != null, "a refused replay leaves the letter where it was");
    }

    @Test
    void onlyAnAdministratorSeesOrReplaysDeadLetters() {
        for (String key : List.of("demo-system", "demo-reviewer", "demo-specialist")) {
            as(key).when().get("/api/v1/dead-letters").then().statusCode(403);
            as(key).when().post("/api/v1/dead-letters/" + UUID.randomUUID() + "/replay").then().statusCode(403);
        }
        given().when().get("/api/v1/dead-letters").then().statusCode(401);
        admin().when().post("/api/v1/dead-letters/x' OR '1'='1/replay").then().statusCode(400).body("field", equalTo("id"));
    }

    @Test
    void whileTheStoreCannotBeWrittenAcceptedRecordsWaitAndLandOnceItIsBack() {
        String messageId = "outage-" + UUID.randomUUID().toString().substring(0, 8);
        sql.update("alter table dataset_record rename to dataset_record_away");
        try {
            system().header("Pdx-Person", "公安局人口系统").header("Pdx-Purpose", "人口基础信息汇聚").header("Pdx-Message-Id", messageId)
                    .body(List.of(Map.of("citizen_id", "513321199003030013", "person_name", "央金")))
                    .when().post("/api/v1/exchange/" + POPULATION + "/records").then().statusCode(202);
            // Longer than the broker's five attempts would take: landing keeps trying, nothing goes to pdx.dlq.
            await().during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(5))
                    .until(() -> letterOf(messageId) == null && landedMessages(messageId) == 0);
        } finally {
            sql.update("alter table dataset_record_away rename to dataset_record");
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> landedMessages(messageId) == 1);
        assertEquals(1, landed(messageId));
        assertFalse(letterOf(messageId) != null, "nothing accepted was dead-lettered");
    }

    private long landed(String messageId) {
        return sql.count("select count(*) from dataset_record where message_id = ?", messageId);
    }

    private long landedMessages(String messageId) {
        return sql.count("select count(*) from landed_message where message_id = ?", messageId);
    }

    private void sendToAggregation(String messageId, String body) throws Exception {
        try (JMSContext jms = connections.createContext()) {
            BytesMessage m = jms.createBytesMessage();
            m.writeBytes(body.getBytes(StandardCharsets.UTF_8));
            m.setStringProperty("PdxResource", POPULATION);
            m.setStringProperty("PdxMessageId", messageId);
            m.setStringProperty("PdxProvider", PSB);
            jms.createProducer().send(jms.createQueue("pdx.agg"), m);
        }
    }

    private static Map<String, Object> letterOf(String messageId) {
        List<Map<String, Object>> letters = admin().when().get("/api/v1/dead-letters?limit=1000").then().statusCode(200).extract().path("$");
        return letters.stream().filter(l -> messageId.equals(l.get("messageId"))).findFirst().orElse(null);
    }
}
