package org.pdxhub.hub.exchange;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.pdxhub.hub.store.Sql;
import org.pdxhub.hub.testing.ReturnQueue;
import org.pdxhub.plugins.identifiers.UsccCheck;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.lessThan;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pdxhub.hub.testing.DemoKeys.HRSS;
import static org.pdxhub.hub.testing.DemoKeys.PSB;
import static org.pdxhub.hub.testing.DemoKeys.admin;
import static org.pdxhub.hub.testing.DemoKeys.as;
import static org.pdxhub.hub.testing.DemoKeys.system;

/**
 * Returns (返还, art. 20) as an attacker tries them: only the node that holds the data returns
 * it, of the records it holds, to an organisation it serves; never records from the caller.
 */
@QuarkusTest
public class ReturnsTest {

    static final String POPULATION = "GZ-PSB-POP-001";
    static final String RETURN_PATH = "/api/v1/exchange/" + POPULATION + "/return";
    /** Valid check digits; used nowhere else, so a search for them is exact. */
    static final String HELD_ID = "513301198807070029";
    static final String FORGED_ID = "513301197001010014";
    static final String PROVINCE = "11510000MB0000001R";

    @Inject
    Sql sql;

    @ConfigProperty(name = "pdx.broker.amqp-port")
    int amqpPort;

    @Test
    void recordsInTheBodyOfAReturnAreRefusedAndNothingIsDelivered() {
        long before = returnedCount();
        for (String key : List.of("demo-system-hrss", "demo-system", "demo-admin")) {
            as(key).header("Pdx-Person", "人社局").header("Pdx-Purpose", "返还")
                    .body(Map.of("to", HRSS, "records", List.of(Map.of("citizen_id", FORGED_ID, "person_name", "伪造"))))
                    .when().post(RETURN_PATH)
                    .then().statusCode(400)
                    .contentType("application/problem+json")
                    .body("field", equalTo("records"));
        }
        assertEquals(before, returnedCount(), "nothing was returned");
    }

    @Test
    void theHumanResourcesKeyCannotReturnPublicSecurityRecords() {
        landHeld();
        for (String key : List.of("demo-system-hrss", "demo-specialist-hrss", "demo-specialist-market")) {
            as(key).header("Pdx-Person", "人社局").header("Pdx-Purpose", "返还")
                    .body(Map.of("to", HRSS, "keys", List.of(HELD_ID)))
                    .when().post(RETURN_PATH)
                    .then().statusCode(403)
                    .contentType("application/problem+json")
                    .body("type", equalTo("urn:pdx:problem:return.not-entitled"));
        }
    }

    @Test
    void theProviderHasItsOwnRecordsReturnedOnlyToItself() {
        landHeld();
        system().header("Pdx-Person", "公安局").header("Pdx-Purpose", "返还")
                .body(Map.of("to", HRSS, "keys", List.of(HELD_ID)))
                .when().post(RETURN_PATH)
                .then().statusCode(403)
                .body("field", equalTo("to"));
        system().header("Pdx-Person", "公安局").header("Pdx-Purpose", "核对本单位数据")
                .body(Map.of("to", PSB, "keys", List.of(HELD_ID)))
                .when().post(RETURN_PATH)
                .then().statusCode(202).body("accepted", equalTo(1));
    }

    @Test
    void everyToThatIsNotAServedOrganisationsUsccIsRefusedNamingTo() {
        landHeld();
        String unregistered = withCheck("91513300MA0000999");
        String wrongCheck = unregistered.substring(0, 17) + (unregistered.charAt(17) == '0' ? '1' : '0');
        List<String> bad = new ArrayList<>(List.of("#", "*", "", " ", "../pdx.dlq", "pdx.in." + POPULATION, "pdx.return." + PSB,
                PSB + "::pdx.dlq", unregistered, wrongCheck, PSB.toLowerCase(), PROVINCE));
        for (String to : bad) {
            Map<String, Object> body = new HashMap<>();
            body.put("to", to);
            body.put("keys", List.of(HELD_ID));
            admin().header("Pdx-Person", "州数据局").header("Pdx-Purpose", "返还")
                    .body(body)
                    .when().post(RETURN_PATH)
                    .then().statusCode(greaterThanOrEqualTo(400)).statusCode(lessThan(500))
                    .contentType("application/problem+json")
                    .body("field", equalTo("to"))
                    .body("detail", containsString("to"));
        }
        admin().header("Pdx-Person", "州数据局").header("Pdx-Purpose", "返还")
                .body(Map.of("keys", List.of(HELD_ID)))
                .when().post(RETURN_PATH)
                .then().statusCode(400).body("field", equalTo("to"));
    }

    @Test
    void theAgencyReturnsHeldRecordsMaskedToTheOrganisationsReturnQueue() throws Exception {
        landHeld();
        String messageId = admin().header("Pdx-Person", "州数据局审核员").header("Pdx-Purpose", "返还公安局人口数据")
                .body(Map.of("to", PSB, "keys", List.of(HELD_ID)))
                .when().post(RETURN_PATH)
                .then().statusCode(202)
                .body("accepted", equalTo(1))
                .extract().path("messageId");

        String body = ReturnQueue.receive(amqpPort, PSB, "demo-system", messageId, Duration.ofSeconds(15));
        assertTrue(body.contains("白*"), "the held record, masked as held: " + body);
        assertFalse(body.contains(HELD_ID), "no raw ID leaves the node: " + body);
        assertTrue(sql.count("select count(*) from returned_record where message_id = ? and record_key = ?", messageId, HELD_ID) == 0,
                "the lineage keeps the stored key, not the raw one");
    }

    @Test
    void aReturnOfNothingHeldSaysSoNamingTheKeys() {
        admin().header("Pdx-Person", "州数据局").header("Pdx-Purpose", "返还")
                .body(Map.of("to", PSB, "keys", List.of("513301199901010019")))
                .when().post(RETURN_PATH)
                .then().statusCode(404).body("field", equalTo("keys"));
    }

    /** Sends the held record (again: the latest version wins) and waits until this very message landed. */
    private void landHeld() {
        String messageId = "held-" + UUID.randomUUID();
        system().header("Pdx-Person", "公安局人口系统").header("Pdx-Purpose", "人口基础信息汇聚").header("Pdx-Message-Id", messageId)
                .body(List.of(Map.of("citizen_id", HELD_ID, "person_name", "白玛", "mobile", "13987650000")))
                .when().post("/api/v1/exchange/" + POPULATION + "/records")
                .then().statusCode(202).body("accepted", equalTo(1));
        await().atMost(Duration.ofSeconds(15)).until(() ->
                sql.count("select count(*) from dataset_record where resource_code = ? and message_id = ?", POPULATION, messageId) == 1);
    }

    private long returnedCount() {
        return sql.count("select count(*) from returned_record");
    }

    static String withCheck(String first17) {
        return first17 + UsccCheck.checkCharacter(first17);
    }
}
