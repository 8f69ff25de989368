package org.pdxhub.hub.exchange;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.pdxhub.hub.store.Sql;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.pdxhub.hub.testing.DemoKeys.HRSS;
import static org.pdxhub.hub.testing.DemoKeys.PSB;
import static org.pdxhub.hub.testing.DemoKeys.as;
import static org.pdxhub.hub.testing.DemoKeys.system;

/** A message id is its sender's own: no organisation can suppress another's message by borrowing its id. */
@QuarkusTest
public class MessageIdsPerSenderTest {

    static final String POPULATION = "GZ-PSB-POP-001";
    static final String INSURANCE = "GZ-HRSS-SI-001";

    @Inject
    Sql sql;

    @Test
    void aMessageIdUsedByOneOrganisationDoesNotSuppressAnothersMessage() {
        String borrowed = "batch-" + UUID.randomUUID().toString().substring(0, 8);
        system().header("Pdx-Person", "公安局人口系统").header("Pdx-Purpose", "人口基础信息汇聚").header("Pdx-Message-Id", borrowed)
                .body(List.of(Map.of("citizen_id", "513301198203030018", "person_name", "达瓦")))
                .when().post("/api/v1/exchange/" + POPULATION + "/records")
                .then().log().ifValidationFails().statusCode(202).body("accepted", equalTo(1));
        await().atMost(Duration.ofSeconds(15)).until(() -> landed(POPULATION, borrowed) == 1);

        as("demo-system-hrss").header("Pdx-Person", "人社局社保系统").header("Pdx-Purpose", "社保信息汇聚").header("Pdx-Message-Id", borrowed)
                .body(List.of(Map.of("citizen_id", "513301198203030018", "person_name", "达瓦", "insurance_type", "养老")))
                .when().post("/api/v1/exchange/" + INSURANCE + "/records")
                .then().log().ifValidationFails().statusCode(202).body("accepted", equalTo(1));
        await().atMost(Duration.ofSeconds(15)).until(() -> landed(INSURANCE, borrowed) == 1);

        assertEquals(List.of(PSB, HRSS), sql.list("select organisation from usage_log where message_id = ? and decision = 'DELIVERED'"
                + " order by organisation", rs -> rs.getString(1), borrowed), "both messages are in the usage log, each with its sender");
        assertEquals(2L, sql.count("select count(*) from landed_message where message_id = ?", borrowed));
        assertEquals(2L, sql.count("select count(*) from message_trail where message_id = ?", borrowed), "each message keeps its own trail");
    }

    @Test
    void theSameSenderResendingItsMessageIdStillLandsOnce() {
        String id = "resend-" + UUID.randomUUID().toString().substring(0, 8);
        for (String name : List.of("桑吉", "桑珠")) {
            system().header("Pdx-Person", "公安局人口系统").header("Pdx-Purpose", "人口基础信息汇聚").header("Pdx-Message-Id", id)
                    .body(List.of(Map.of("citizen_id", "51330119840404001X", "person_name", name)))
                    .when().post("/api/v1/exchange/" + POPULATION + "/records")
                    .then().log().ifValidationFails().statusCode(202);
        }
        await().atMost(Duration.ofSeconds(15)).until(() -> landed(POPULATION, id) == 1);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4)).until(() ->
                sql.count("select count(*) from landed_message where message_id = ?", id) == 1);
    }

    private long landed(String code, String messageId) {
        return sql.count("select count(*) from dataset_record where resource_code = ? and message_id = ?", code, messageId);
    }
}
