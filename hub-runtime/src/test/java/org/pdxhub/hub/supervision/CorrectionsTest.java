package org.pdxhub.hub.supervision;

import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pdxhub.hub.testing.MovableClock;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.pdxhub.hub.supervision.QualityTest.as;

/** Corrections (纠错, art. 9): filed by a user of shared data, answered by the provider on time, followed by the agency. */
@QuarkusTest
class CorrectionsTest {

    static final String POPULATION = "GZ-PSB-POP-001";
    static final String PSB = "11513300MB0000002H";
    static final String HRSS = "11513300MB0000004P";

    MovableClock clock;

    @BeforeEach
    void fixTheClock() {
        clock = new MovableClock(LocalDate.parse("2026-11-02"));
        QuarkusMock.installMockForType(clock, Clock.class);
    }

    @Test
    void anAcceptedCorrectionSendsTheCorrectedRecordUnderItsLineage() {
        String key = Ids.citizen("19850412", 11, false);
        String id = as("demo-specialist-hrss").body(Map.of("resource", POPULATION, "recordKey", key, "problem", "出生日期与身份证号不一致",
                        "evidence", "社保登记表扫描件 2026-10-30")).post("/api/v1/corrections").then().statusCode(201)
                .body("provider", equalTo(PSB)).body("filedBy", equalTo(HRSS)).body("status", equalTo("OPEN"))
                .body("dueBy", equalTo("2026-11-09")).body("lineage", equalTo("/api/v1/lineage/" + POPULATION + "/" + key))
                .extract().path("id");
        // Only the provider's specialist answers; the one who filed it cannot close it.
        as("demo-specialist-hrss").body(Map.of("accept", false, "reason", "x")).post("/api/v1/corrections/" + id + "/answer")
                .then().statusCode(403);
        as("demo-specialist").body(Map.of("accept", true)).post("/api/v1/corrections/" + id + "/answer").then().statusCode(400)
                .body("field", equalTo("record"));
        as("demo-specialist").body(Map.of("accept", true, "record", Map.of("citizen_id", Ids.citizen("19850412", 12, false),
                "person_name", "卓玛", "birth_date", "1985-04-12"))).post("/api/v1/corrections/" + id + "/answer").then().statusCode(400)
                .body("field", equalTo("record.citizen_id"));
        as("demo-specialist").body(Map.of("accept", true, "record", Map.of("citizen_id", key, "person_name", "卓玛",
                "birth_date", "1985-04-12"))).post("/api/v1/corrections/" + id + "/answer").then().statusCode(200)
                .body("status", equalTo("ACCEPTED")).body("answerMessage", equalTo(id)).body("overdue", equalTo(false));
        // The corrected record lands under the correction's message id: its lineage names it.
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> as("demo-reviewer").get("/api/v1/lineage/" + POPULATION + "/" + key)
                .then().statusCode(200).body(org.hamcrest.Matchers.containsString(id)));
        as("demo-specialist").body(Map.of("accept", false, "reason", "again")).post("/api/v1/corrections/" + id + "/answer")
                .then().statusCode(409);
    }

    @Test
    void aCorrectionUnansweredPastItsDateIsOverdueForTheAgency() {
        String late = as("demo-specialist-hrss").body(Map.of("resource", POPULATION, "problem", "整批数据地址字段为空"))
                .post("/api/v1/corrections").then().statusCode(201).extract().path("id");
        String answered = as("demo-specialist-hrss").body(Map.of("resource", POPULATION, "problem", "姓名有错别字"))
                .post("/api/v1/corrections").then().statusCode(201).extract().path("id");
        as("demo-specialist").body(Map.of("accept", false, "reason", "已核对户籍原件，姓名无误"))
                .post("/api/v1/corrections/" + answered + "/answer").then().statusCode(200).body("status", equalTo("REJECTED"));
        as("demo-reviewer").get("/api/v1/corrections?overdue=true").then().statusCode(200).body("id", not(hasItem(late)));
        // Five working days later: 9 November is the due date; the 10th it is late.
        clock.set(LocalDate.parse("2026-11-10"));
        as("demo-reviewer").get("/api/v1/corrections?overdue=true").then().statusCode(200)
                .body("id", hasItem(late)).body("id", not(hasItem(answered)));
        as("demo-reviewer").get("/api/v1/corrections/" + late).then().statusCode(200).body("overdue", equalTo(true));
    }

    @Test
    void aDepartmentCannotReadAnotherDepartmentsCorrections() {
        String id = as("demo-specialist-hrss").body(Map.of("resource", POPULATION, "problem", "手机号位数不对"))
                .post("/api/v1/corrections").then().statusCode(201).extract().path("id");
        as("demo-specialist-market").get("/api/v1/corrections/" + id).then().statusCode(403);
        as("demo-specialist-market").get("/api/v1/corrections").then().statusCode(200).body("id", not(hasItem(id)));
        as("demo-specialist").get("/api/v1/corrections").then().statusCode(200).body("id", hasItem(id));
        as("demo-admin").get("/api/v1/corrections/" + id).then().statusCode(200).body("filedAt", notNullValue());
        as("demo-specialist-hrss").body(Map.of("resource", POPULATION)).post("/api/v1/corrections").then().statusCode(400)
                .body("field", equalTo("problem"));
    }
}
