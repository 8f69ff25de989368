package org.pdxhub.hub.exchange;

import com.hazelcast.core.HazelcastInstance;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.pdxhub.hub.store.Sql;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pdxhub.hub.testing.DemoKeys.PSB;
import static org.pdxhub.hub.testing.DemoKeys.as;
import static org.pdxhub.hub.testing.DemoKeys.system;

/**
 * A provider's message sent again under its id over REST (a retry after a lost answer) passes the
 * gate once, as on the provider's queue: the usage log says DELIVERED once and DUPLICATE for the
 * copy, naming the first passage, and the copy's answer says so. Neither an id planted in the
 * cluster's map nor another organisation's refused use of the id keeps a message from passing.
 */
@QuarkusTest
public class ResentMessagesTest {

    static final String POPULATION = "GZ-PSB-POP-001";

    @Inject
    Sql sql;

    @Inject
    HazelcastInstance member;

    @Test
    void recordsPostedAgainUnderTheirIdAreAnsweredWithTheFirstPassageAndLoggedAsADuplicate() {
        String id = "again-" + UUID.randomUUID().toString().substring(0, 8);
        long first = post(id, "[{\"citizen_id\":\"513301198505050014\",\"person_name\":\"扎西\"}]", "application/json")
                .statusCode(202).body("accepted", equalTo(1)).body("duplicateOf", nullValue())
                .extract().jsonPath().getLong("usageLogSeq");
        // The same message again, this time as CSV: the id, not the body's shape, says which message it is.
        post(id, "citizen_id,person_name\n513301198505050014,扎西\n", "text/csv")
                .statusCode(202).body("accepted", equalTo(0)).body("duplicateOf", equalTo((int) first));

        assertEquals(1, count(id, "DELIVERED"), "passed the gate once");
        assertEquals(1, count(id, "DUPLICATE"), "the copy is logged as such");
        String detail = sql.one("select detail from usage_log where message_id = ? and decision = 'DUPLICATE' and organisation = ?",
                rs -> rs.getString(1), id, PSB).orElseThrow();
        assertTrue(detail.contains("seq " + first), "the copy names the first passage: " + detail);
        assertEquals(1, sql.count("select count(*) from usage_log where message_id = ? and decision = 'DUPLICATE' and key_id = "
                + "(select key_id from usage_log where message_id = ? and decision = 'DELIVERED')", id, id), "logged with the key that sent it");
        await().atMost(Duration.ofSeconds(15)).until(() -> sql.count("select count(*) from landed_message where message_id = ?", id) == 1);
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() ->
                sql.count("select count(*) from landed_message where message_id = ?", id) == 1);
    }

    /** Retries that race (a client that resends on a timeout while the first is still in passage) still pass once. */
    @Test
    void theSameMessagePostedTwelveTimesAtOncePassesTheGateOnce() throws Exception {
        String id = "race-" + UUID.randomUUID().toString().substring(0, 8);
        int copies = 12;
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService senders = Executors.newFixedThreadPool(copies);
        List<Future<Map<String, Object>>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < copies; i++) {
                answers.add(senders.submit(() -> {
                    go.await();
                    return post(id, "[{\"citizen_id\":\"513301198505050081\",\"person_name\":\"拉姆\"}]", "application/json")
                            .statusCode(202).extract().jsonPath().getMap("");
                }));
            }
            go.countDown();
            List<Map<String, Object>> answered = new ArrayList<>();
            for (Future<Map<String, Object>> answer : answers) {
                answered.add(answer.get(60, TimeUnit.SECONDS));
            }
            List<Map<String, Object>> passed = answered.stream().filter(a -> a.get("duplicateOf") == null).toList();
            assertEquals(1, passed.size(), "one of the copies passed: " + answered);
            assertEquals(1, passed.get(0).get("accepted"));
            Object firstSeq = passed.get(0).get("usageLogSeq");
            assertTrue(answered.stream().filter(a -> a.get("duplicateOf") != null).allMatch(a -> firstSeq.equals(a.get("duplicateOf"))
                    && Integer.valueOf(0).equals(a.get("accepted"))), "the others name its passage: " + answered);
        } finally {
            senders.shutdownNow();
        }
        assertEquals(1, count(id, "DELIVERED"));
        assertEquals(copies - 1, count(id, "DUPLICATE"));
    }

    @Test
    void anIdPlantedInTheClusterMapDoesNotKeepAPostFromPassing() {
        String id = "planted-" + UUID.randomUUID().toString().substring(0, 8);
        // What a Hazelcast client on the member port could write: that the provider's next id passed already.
        member.getMap(IngestIdempotency.MAP).set(IngestIdempotency.key(POPULATION, PSB, id), 1L);
        post(id, "[{\"citizen_id\":\"513301198505050030\",\"person_name\":\"卓玛\"}]", "application/json")
                .statusCode(202).body("accepted", equalTo(1)).body("duplicateOf", nullValue());
        assertEquals(1, count(id, "DELIVERED"));
        assertEquals(0, count(id, "DUPLICATE"));
    }

    @Test
    void anotherOrganisationsRefusedAttemptWithAnIdDoesNotMakeTheProvidersMessageADuplicate() {
        String id = "taken-" + UUID.randomUUID().toString().substring(0, 8);
        as("demo-system-hrss").header("Pdx-Person", "人社局社保系统").header("Pdx-Purpose", "人口基础信息汇聚")
                .header("Pdx-Message-Id", id).contentType("application/json")
                .body("[{\"citizen_id\":\"513301198505050057\",\"person_name\":\"次仁\"}]")
                .when().post("/api/v1/exchange/" + POPULATION + "/records")
                .then().log().ifValidationFails().statusCode(403);
        post(id, "[{\"citizen_id\":\"513301198505050057\",\"person_name\":\"次仁\"}]", "application/json")
                .statusCode(202).body("accepted", equalTo(1)).body("duplicateOf", nullValue());
        assertEquals(1, count(id, "DELIVERED"));
    }

    @Test
    void postsWithoutAnIdAreEachANewMessage() {
        String person = "次仁" + UUID.randomUUID().toString().substring(0, 4);
        for (int i = 0; i < 2; i++) {
            system().header("Pdx-Person", "公安局人口系统").header("Pdx-Purpose", "人口基础信息汇聚")
                    .body(List.of(Map.of("citizen_id", "513301198505050073", "person_name", person)))
                    .when().post("/api/v1/exchange/" + POPULATION + "/records")
                    .then().log().ifValidationFails().statusCode(202).body("accepted", equalTo(1)).body("duplicateOf", nullValue());
        }
    }

    private ValidatableResponse post(String id, String body, String contentType) {
        return system().header("Pdx-Person", "公安局人口系统").header("Pdx-Purpose", "人口基础信息汇聚").header("Pdx-Message-Id", id)
                .contentType(contentType).body(body)
                .when().post("/api/v1/exchange/" + POPULATION + "/records")
                .then().log().ifValidationFails();
    }

    private long count(String messageId, String decision) {
        return sql.count("select count(*) from usage_log where message_id = ? and decision = ? and organisation = ?", messageId, decision, PSB);
    }
}
