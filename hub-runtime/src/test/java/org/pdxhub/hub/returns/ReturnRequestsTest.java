package org.pdxhub.hub.returns;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.pdxhub.hub.store.Sql;
import org.pdxhub.hub.testing.ReturnQueue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pdxhub.hub.testing.DemoKeys.HRSS;
import static org.pdxhub.hub.testing.DemoKeys.PSB;
import static org.pdxhub.hub.testing.DemoKeys.admin;
import static org.pdxhub.hub.testing.DemoKeys.as;
import static org.pdxhub.hub.testing.DemoKeys.specialist;
import static org.pdxhub.hub.testing.DemoKeys.system;

/** A lower level asks for its data back, and the answer is a return to its own return address. */
@QuarkusTest
public class ReturnRequestsTest {

    static final String POPULATION = "GZ-PSB-POP-001";
    /** Valid check digits; used nowhere else, so a search for them is exact. */
    static final String HELD_ID = "513301196512120034";

    @Inject
    Sql sql;

    @ConfigProperty(name = "pdx.broker.amqp-port")
    int amqpPort;

    @Test
    void theProviderAskingForItsOwnRecordsGetsThemOnItsReturnQueueAtOnce() throws Exception {
        landHeld();
        var filed = specialist().body(Map.of("resource", POPULATION, "keys", List.of(HELD_ID), "purpose", "核对本单位人口数据"))
                .when().post("/api/v1/return-requests")
                .then().statusCode(201)
                .body("status", equalTo("RETURNED"))
                .body("recordCount", equalTo(1))
                .extract();
        String id = filed.path("id");
        String messageId = filed.path("returnMessageId");

        String body = ReturnQueue.receive(amqpPort, PSB, "demo-system", messageId, Duration.ofSeconds(15));
        assertTrue(body.contains("央*"), body);
        assertFalse(body.contains(HELD_ID), "the return carries the held, masked record: " + body);

        system().when().get("/api/v1/return-requests").then().statusCode(200)
                .body("id", hasItem(id));
        assertEquals(0L, sql.count("select count(*) from return_request where selection like ?", "%" + HELD_ID + "%"),
                "the request keeps the stored key, not the raw identifier");
    }

    @Test
    void anotherOrganisationsRequestWaitsForTheAgencyWhichReturnsOrRefuses() throws Exception {
        landHeld();
        String id = as("demo-specialist-hrss").body(Map.of("resource", POPULATION, "keys", List.of(HELD_ID), "purpose", "社保资格核验"))
                .when().post("/api/v1/return-requests")
                .then().statusCode(201)
                .body("status", equalTo("SUBMITTED"))
                .extract().path("id");

        as("demo-specialist-hrss").body(Map.of("decision", "APPROVE")).when().post("/api/v1/return-requests/" + id + "/decision")
                .then().statusCode(403).body("type", equalTo("urn:pdx:problem:return.not-agency"));
        as("demo-specialist-market").when().get("/api/v1/return-requests/" + id).then().statusCode(403);
        as("demo-specialist-market").when().get("/api/v1/return-requests").then().statusCode(200).body("id", not(hasItem(id)));
        admin().body(Map.of("decision", "REJECT")).when().post("/api/v1/return-requests/" + id + "/decision")
                .then().statusCode(400).body("field", equalTo("reason"));

        String messageId = admin().body(Map.of("decision", "APPROVE", "reason", "履行社保核验职责"))
                .when().post("/api/v1/return-requests/" + id + "/decision")
                .then().statusCode(200)
                .body("status", equalTo("RETURNED"))
                .extract().path("returnMessageId");
        String body = ReturnQueue.receive(amqpPort, HRSS, "demo-system-hrss", messageId, Duration.ofSeconds(15));
        assertTrue(body.contains("央*"), body);

        admin().body(Map.of("decision", "APPROVE")).when().post("/api/v1/return-requests/" + id + "/decision")
                .then().statusCode(409);
    }

    @Test
    void aRequestWithoutPurposeOrSelectionIsRefusedNamingTheField() {
        specialist().body(Map.of("resource", POPULATION, "keys", List.of(HELD_ID)))
                .when().post("/api/v1/return-requests").then().statusCode(400).body("field", equalTo("purpose"));
        specialist().body(Map.of("resource", POPULATION, "purpose", "核对"))
                .when().post("/api/v1/return-requests").then().statusCode(400).body("field", equalTo("keys"));
        specialist().body(Map.of("resource", "GZ-NOPE-001", "keys", List.of(HELD_ID), "purpose", "核对"))
                .when().post("/api/v1/return-requests").then().statusCode(404).body("field", equalTo("resource"));
    }

    @Test
    void overLongOrForgedFieldsAreRefusedNamingTheFieldBeforeAnythingIsFiled() {
        long before = sql.count("select count(*) from return_request");
        // The person becomes the usage log's (100) when the records are returned; the purpose too (500).
        specialist().body(Map.of("resource", POPULATION, "keys", List.of(HELD_ID), "purpose", "核对", "person", "p".repeat(101)))
                .when().post("/api/v1/return-requests").then().statusCode(400).body("field", equalTo("person"))
                .body("detail", containsString("at most 100"));
        specialist().body(Map.of("resource", POPULATION, "keys", List.of(HELD_ID), "purpose", "用".repeat(501)))
                .when().post("/api/v1/return-requests").then().statusCode(400).body("field", equalTo("purpose"));
        specialist().body(Map.of("resource", POPULATION, "keys", List.of(HELD_ID), "purpose", "核对", "person", "张\r\n伪造的一行"))
                .when().post("/api/v1/return-requests").then().statusCode(400).body("field", equalTo("person"));
        specialist().body(Map.of("resource", POPULATION, "providedBy", "x".repeat(5000), "purpose", "核对"))
                .when().post("/api/v1/return-requests").then().statusCode(400).body("field", equalTo("providedBy"));
        specialist().body(Map.of("resource", POPULATION, "keys", List.of(HELD_ID, "k".repeat(201)), "purpose", "核对"))
                .when().post("/api/v1/return-requests").then().statusCode(400).body("field", equalTo("keys[1]"));
        assertEquals(before, sql.count("select count(*) from return_request"), "nothing filed");
    }

    /** Sends the held record (again: the latest version wins) and waits until this very message landed. */
    private void landHeld() {
        String messageId = "held-" + UUID.randomUUID();
        system().header("Pdx-Person", "公安局人口系统").header("Pdx-Purpose", "人口基础信息汇聚").header("Pdx-Message-Id", messageId)
                .body(List.of(Map.of("citizen_id", HELD_ID, "person_name", "央金")))
                .when().post("/api/v1/exchange/" + POPULATION + "/records")
                .then().statusCode(202).body("accepted", equalTo(1));
        await().atMost(Duration.ofSeconds(15)).until(() ->
                sql.count("select count(*) from dataset_record where resource_code = ? and message_id = ?", POPULATION, messageId) == 1);
    }
}
