package org.pdxhub.hub.supervision;

import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pdxhub.hub.testing.MovableClock;

import org.pdxhub.hub.sharing.GrantSource;
import org.pdxhub.hub.sharing.Grants;
import org.pdxhub.hub.store.Sql;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

/** Data quality (数据质量): each indicator computed from a known set of records sent through the gate. */
@QuarkusTest
class QualityTest {

    static final String PSB = "11513300MB0000002H";
    static final String SAMR = "11513300MB0000003L";

    static final String HRSS = "11513300MB0000004P";

    MovableClock clock;

    @Inject
    Grants grants;

    @Inject
    Sql sql;

    @BeforeEach
    void fixTheClock() {
        clock = new MovableClock(LocalDate.parse("2026-11-02"));
        QuarkusMock.installMockForType(clock, Clock.class);
    }

    @Test
    void eachIndicatorIsCountedFromTheRecordsSent() {
        String code = "GZ-PSB-QA-001";
        publish(residents(code));
        String id1 = Ids.citizen("19850412", 1, true);
        String id2 = Ids.citizen("19900101", 2, false);
        String id3 = Ids.citizen("19770707", 3, true);
        List<Map<String, Object>> records = List.of(
                // fine
                resident(id1, "1985-04-12", "男", 41, "在册"),
                // flagged: an age outside 0..150 is accepted and counted (FLAG)
                resident(id2, "1990-01-01", "女", 200, "在册"),
                // refused: gender against the citizen ID (cross-field)
                resident(id3, "1977-07-07", "女", 49, "在册"),
                // refused: status not in the enumeration
                resident(Ids.citizen("19660606", 4, true), "1966-06-06", "男", 60, "未知"),
                // refused: birth date in the future
                resident(Ids.citizen("19550505", 5, true), "2030-01-01", "男", 1, "在册"),
                // refused by the gate itself: bad check character
                resident(id1.substring(0, 17) + (id1.endsWith("0") ? "1" : "0"), "1985-04-12", "男", 41, "在册"),
                // duplicate key of the first, name left empty (not required)
                resident(id1, "1985-04-12", "男", 41, "在册", null));
        system().body(records).post("/api/v1/exchange/" + code + "/records").then().statusCode(202).body("accepted", equalTo(3));

        as("demo-specialist").get("/api/v1/quality/resources/" + code + "?from=2026-11-01&to=2026-11-02").then().statusCode(200)
                .body("sent", equalTo(7)).body("accepted", equalTo(3)).body("refused", equalTo(4))
                .body("conformity", equalTo(3f / 7))
                .body("refusedByRule.cross-field", equalTo(1)).body("refusedByRule.enumeration", equalTo(1))
                .body("refusedByRule.future-date", equalTo(1)).body("refusedByRule.identifier", equalTo(1))
                .body("refusedByField.gender", equalTo(1)).body("refusedByField.citizen_id", equalTo(1))
                // required: citizen_id and status in each of the 3 accepted records, all filled
                .body("requiredItems", equalTo(6)).body("requiredFilled", equalTo(6)).body("completeness", equalTo(1f))
                .body("items", equalTo(18)).body("itemsFilled", equalTo(17))
                .body("flagged", equalTo(1)).body("failuresByRule.range", equalTo(1))
                .body("duplicates", equalTo(1)).body("uniqueness", equalTo(2f / 3))
                .body("lastUpdate", equalTo("2026-11-02")).body("late", equalTo(false));
    }

    @Test
    void aDailyResourceNotUpdatedForThreeWorkingDaysIsLate() {
        String code = "GZ-PSB-QA-002";
        publish(residents(code));
        system().body(List.of(resident(Ids.citizen("19850412", 7, true), "1985-04-12", "男", 41, "在册")))
                .post("/api/v1/exchange/" + code + "/records").then().statusCode(202);
        // Monday 2 Nov, then Wednesday 4 Nov (2 working days) and Thursday 5 Nov (3 working days)
        clock.set(LocalDate.parse("2026-11-04"));
        as("demo-reviewer").get("/api/v1/quality/resources/" + code).then().statusCode(200)
                .body("workingDaysSinceUpdate", equalTo(2)).body("late", equalTo(false));
        clock.set(LocalDate.parse("2026-11-05"));
        as("demo-reviewer").get("/api/v1/quality/resources/" + code).then().statusCode(200)
                .body("workingDaysSinceUpdate", equalTo(3)).body("late", equalTo(true));
        as("demo-reviewer").get("/api/v1/quality/organisations/" + PSB).then().statusCode(200)
                .body("byResource.resource", hasItem(code));
    }

    @Test
    void openReadsAnsweredCountTowardsAvailabilityAndDownloads() {
        String entities = "GZ-SAMR-ENT-001";
        given().get("/api/v1/open/resources/" + entities + "/data").then().statusCode(200);
        given().get("/api/v1/open/resources/" + entities + "/data").then().statusCode(200);
        // A refusal by rule is an answer, not an outage: it counts neither way.
        given().get("/api/v1/open/resources/" + entities + "/data?limit=0").then().statusCode(400);
        as("demo-specialist-market").get("/api/v1/quality/resources/" + entities + "?from=2026-11-02&to=2026-11-02").then().statusCode(200)
                .body("readsAnswered", equalTo(2)).body("readsFailed", equalTo(0)).body("availability", equalTo(1f))
                .body("openDownloads", equalTo(2));
    }

    /**
     * Availability counts share reads: three answered, two that the store's outage failed (503),
     * one more answered once it is back; a read refused for want of a grant is an answer by rule,
     * not an outage, and counts neither way.
     */
    @Test
    void shareReadsFailedByAnOutageCountAgainstAvailability() {
        String code = "GZ-PSB-QA-006";
        publish(residents(code));
        system().body(List.of(resident(Ids.citizen("19850412", 61, true), "1985-04-12", "男", 41, "在册")))
                .post("/api/v1/exchange/" + code + "/records").then().statusCode(202);
        grants.issue(HRSS, code, Set.of("citizen_id", "status"), Set.of(), "availability check", clock.instant().minusSeconds(60),
                clock.instant().plus(Duration.ofDays(30)), GrantSource.SEED, null, null, null, "test");
        await().atMost(Duration.ofSeconds(30)).until(() -> read("demo-system-hrss").extract().statusCode() == 200
                && read("demo-system-hrss").extract().<Integer>path("count") == 1);
        read("demo-system-hrss").statusCode(200);
        read("demo-specialist-market").statusCode(403);
        sql.update("alter table dataset_record rename to dataset_record_away");
        try {
            read("demo-system-hrss").statusCode(503).contentType("application/problem+json");
            read("demo-system-hrss").statusCode(503);
        } finally {
            sql.update("alter table dataset_record_away rename to dataset_record");
        }
        read("demo-system-hrss").statusCode(200);

        as("demo-specialist").get("/api/v1/quality/resources/" + code + "?from=2026-11-02&to=2026-11-02").then().statusCode(200)
                .body("readsAnswered", equalTo(4)).body("readsFailed", equalTo(2)).body("availability", equalTo(4f / 6))
                .body("openDownloads", equalTo(0));
    }

    private static io.restassured.response.ValidatableResponse read(String key) {
        return as(key).header("Pdx-Person", "p").header("Pdx-Purpose", "availability check")
                .get("/api/v1/exchange/GZ-PSB-QA-006/records").then();
    }

    @Test
    void aDepartmentCannotSeeAnotherDepartmentsQuality() {
        String code = "GZ-PSB-QA-003";
        publish(residents(code));
        as("demo-specialist-market").get("/api/v1/quality/resources/" + code).then().statusCode(403)
                .body("detail", org.hamcrest.Matchers.containsString(PSB));
        as("demo-specialist-market").get("/api/v1/quality/organisations/" + PSB).then().statusCode(403);
        as("demo-system").get("/api/v1/quality/organisations/" + PSB).then().statusCode(403);
        as("demo-specialist-market").get("/api/v1/quality/organisations/" + SAMR).then().statusCode(200);
        as("demo-admin").get("/api/v1/quality/resources/" + code).then().statusCode(200).body("sent", equalTo(0))
                .body("conformity", nullValue());
        as("demo-reviewer").get("/api/v1/quality/resources/" + code + "?from=yesterday").then().statusCode(400)
                .body("field", equalTo("from"));
    }

    @Test
    void aChangeOfQualityRulesWaitsForReviewBeforeTheGateAppliesIt() {
        String code = "GZ-PSB-QA-004";
        Map<String, Object> draft = residents(code);
        publish(draft);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> items = (List<Map<String, Object>>) draft.get("items");
        Map<String, Object> status = items.get(4);
        status.put("quality", Map.of("values", List.of("在册", "注销", "未知")));
        as("demo-specialist").body(Map.of("items", items, "reason", "注销以外的未知状态也应接收"))
                .post("/api/v1/catalog/resources/" + code + "/changes").then().statusCode(202);
        // Not yet reviewed: 未知 is still refused.
        system().body(List.of(resident(Ids.citizen("19660606", 8, true), "1966-06-06", "男", 60, "未知")))
                .post("/api/v1/exchange/" + code + "/records").then().statusCode(400)
                .body("rejected[0].reason", org.hamcrest.Matchers.containsString("quality rule enumeration"));
        as("demo-reviewer").get("/api/v1/catalog/resources/" + code).then()
                .body("items[4].quality.values", not(hasItem("未知")));
    }

    @Test
    void aRuleThatCannotBeCheckedIsRefusedWithItsField() {
        Map<String, Object> draft = residents("GZ-PSB-QA-005");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> items = (List<Map<String, Object>>) draft.get("items");
        items.get(4).put("quality", Map.of("pattern", "[unclosed"));
        as("demo-specialist").body(draft).post("/api/v1/catalog/resources").then().statusCode(400)
                .body("field", equalTo("items[4].quality.pattern"));
        items.get(4).remove("quality");
        items.get(3).put("quality", Map.of("agreesWith", "status"));
        as("demo-specialist").body(draft).post("/api/v1/catalog/resources").then().statusCode(400)
                .body("field", equalTo("items[3].quality.agreesWith"));
        items.get(3).put("quality", Map.of("min", "9", "max", "1"));
        as("demo-specialist").body(draft).post("/api/v1/catalog/resources").then().statusCode(400)
                .body("field", equalTo("items[3].quality.min"));
    }

    static Map<String, Object> residents(String code) {
        Map<String, Object> d = new HashMap<>();
        d.put("code", code);
        d.put("name", "质量测试 " + code);
        d.put("provider", PSB);
        d.put("description", "a resource with quality rules, made by a test");
        d.put("category", "DEPARTMENT");
        d.put("shareType", "UNCONDITIONAL");
        d.put("openType", "NONE");
        d.put("openBasis", "个人信息，不予开放");
        d.put("updateCycle", "DAILY");
        d.put("format", "API (JSON)");
        d.put("keyField", "citizen_id");
        d.put("items", new ArrayList<>(List.of(
                item("citizen_id", "STRING", "citizen-id", Map.of("required", true)),
                item("birth_date", "DATE", null, Map.of("notFuture", true, "agreesWith", "citizen_id")),
                item("gender", "STRING", null, Map.of("agreesWith", "citizen_id")),
                item("age", "INTEGER", null, Map.of("min", "0", "max", "150", "onFailure", "FLAG")),
                item("status", "STRING", null, Map.of("required", true, "values", List.of("在册", "注销"))),
                item("person_name", "STRING", null, null))));
        return d;
    }

    static Map<String, Object> item(String name, String type, String identifierKind, Map<String, Object> quality) {
        Map<String, Object> i = new HashMap<>();
        i.put("name", name);
        i.put("title", name);
        i.put("type", type);
        i.put("personal", name.equals("citizen_id") || name.equals("person_name"));
        i.put("sensitivity", 3);
        if (identifierKind != null) {
            i.put("identifierKind", identifierKind);
        }
        if (name.equals("person_name")) {
            i.put("maskingRule", "keep(1,0)");
        }
        if (quality != null) {
            i.put("quality", quality);
        }
        return i;
    }

    static Map<String, Object> resident(String id, String birth, String gender, int age, String status) {
        return resident(id, birth, gender, age, status, "某某");
    }

    static Map<String, Object> resident(String id, String birth, String gender, int age, String status, String name) {
        Map<String, Object> r = new HashMap<>();
        r.put("citizen_id", id);
        r.put("birth_date", birth);
        r.put("gender", gender);
        r.put("age", age);
        r.put("status", status);
        r.put("person_name", name);
        return r;
    }

    static void publish(Map<String, Object> draft) {
        String code = (String) draft.get("code");
        as("demo-specialist").body(draft).post("/api/v1/catalog/resources").then().statusCode(201);
        as("demo-specialist").post("/api/v1/catalog/resources/" + code + "/submit").then().statusCode(200);
        as("demo-reviewer").body(Map.of("decision", "APPROVE", "comment", "ok")).post("/api/v1/catalog/resources/" + code + "/review")
                .then().statusCode(200);
    }

    static RequestSpecification system() {
        return as("demo-system").header("Pdx-Person", "公安局人口系统").header("Pdx-Purpose", "人口基础信息汇聚");
    }

    static RequestSpecification as(String key) {
        return given().auth().oauth2(key).contentType("application/json");
    }
}
