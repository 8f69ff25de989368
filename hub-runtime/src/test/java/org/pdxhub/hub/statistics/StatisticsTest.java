package org.pdxhub.hub.statistics;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.pdxhub.hub.store.Sql;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pdxhub.hub.testing.DemoKeys.as;

/** Statistics of open data from the side of whoever would read a person out of them. */
@QuarkusTest
class StatisticsTest {

    static final String ENTITIES = "GZ-SAMR-ENT-001";
    static final String STATS = "/api/v1/open/resources/" + ENTITIES + "/stats";

    @Inject
    Sql sql;

    /** 30 entities in business, 3 struck off: the 3 are a small cell. */
    void entitiesHeld() {
        if (sql.count("select count(*) from dataset_record where resource_code = ? and payload like ?", ENTITIES, "%统计测试%") >= 33) {
            return;
        }
        List<Map<String, Object>> records = new ArrayList<>();
        for (int i = 0; i < 33; i++) {
            records.add(Map.of("uscc", uscc("91513300MA1" + String.format("%06d", 700_000 + i)), "entity_name", "统计测试公司" + i,
                    "business_status", i < 30 ? "存续-统计" : "注销-统计", "registered_capital", 100 + i));
        }
        as("demo-specialist-market").header("Pdx-Person", "ent-system").header("Pdx-Purpose", "entity-aggregation").body(records)
                .when().post("/api/v1/exchange/" + ENTITIES + "/records").then().statusCode(202).body("accepted", equalTo(33));
        await().atMost(Duration.ofSeconds(15)).until(() ->
                sql.count("select count(*) from dataset_record where resource_code = ? and payload like ?", ENTITIES, "%统计测试%") >= 33);
    }

    @Test
    void aSmallCellIsSuppressedAndNoCellShowsATrueValueUnlessTheNoiseSaysSo() {
        entitiesHeld();
        sql.update("delete from stats_budget where resource_code = ?", ENTITIES);
        var r = given().when().get(STATS + "?by=business_status&measure=count&epsilon=0.5").then().statusCode(200)
                .body("mechanism", containsString("geometric")).body("suppressBelow", equalTo(10)).body("epsilon", equalTo(0.5f));
        r.body("cells.find { it.dims.business_status == '注销-统计' }.suppressed", equalTo(true))
                .body("cells.find { it.dims.business_status == '注销-统计' }.value", nullValue())
                .body("cells.find { it.dims.business_status == '存续-统计' }.value", not(nullValue()));
        assertEquals(0.5, r.extract().jsonPath().getDouble("budget.spent"), 1e-9);
        given().when().get(STATS + "?by=entity_name").then().statusCode(400).body("field", equalTo("by"))
                .body("type", equalTo("urn:pdx:problem:stats.not-a-dimension"));
        given().when().get(STATS + "?by=business_status&measure=sum:legal_representative").then().statusCode(400).body("field", equalTo("measure"));
        given().when().get(STATS + "?by=business_status&epsilon=5").then().statusCode(400).body("field", equalTo("epsilon"));
    }

    @Test
    void theBudgetIsSpentAndShownAndThenTheQueryIsRefused() {
        entitiesHeld();
        sql.update("delete from stats_budget where resource_code = ?", ENTITIES);
        double spent = 0;
        for (int i = 0; i < 5; i++) {
            spent = given().when().get(STATS + "?by=business_status&measure=sum:registered_capital&epsilon=1.0").then().statusCode(200)
                    .body("mechanism", containsString("Laplace")).extract().jsonPath().getDouble("budget.spent");
        }
        assertEquals(5.0, spent, 1e-9, "pdx.stats.budget is 5.0");
        given().when().get(STATS + "?by=business_status&epsilon=0.1").then().statusCode(429)
                .contentType("application/problem+json").body("type", equalTo("urn:pdx:problem:stats.budget-exhausted"))
                .body("field", equalTo("epsilon"));
        List<String> log = sql.list("select detail from usage_log where destination = 'STATS'", rs -> rs.getString(1));
        assertTrue(log.stream().anyMatch(d -> d != null && d.contains("suppressed")), log.toString());
        assertTrue(log.stream().noneMatch(d -> d != null && d.contains("统计测试")), "no value in the usage log");
    }

    @Test
    void anItemTheCatalogDoesNotDeclareADimensionCannotBeGroupedBy() {
        entitiesHeld();
        given().when().get(STATS + "?by=registered_address").then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("urn:pdx:problem:stats.not-a-dimension")).body("field", equalTo("by"))
                .body("detail", containsString("business_status")).body("detail", containsString("registration_date"))
                .body("detail", containsString("catalog"));
        given().when().get(STATS + "?by=business_status&measure=sum:entity_name").then().statusCode(400)
                .body("detail", containsString("sum:registered_capital"));
    }

    /** One who compares a cell of one record with a cell of nine learns nothing: both are suppressed alike, on their true counts. */
    @Test
    void aSuppressedCellLooksTheSameWhateverItsTrueCountBelowTheThreshold() {
        entitiesHeld();
        if (sql.count("select count(*) from dataset_record where resource_code = ? and payload like ?", ENTITIES, "%status-tiny-%") < 10) {
            List<Map<String, Object>> records = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                records.add(Map.of("uscc", uscc("91513300MA1" + String.format("%06d", 800_000 + i)), "entity_name", "Tiny Cells Ltd " + i,
                        "business_status", i == 0 ? "status-tiny-1" : "status-tiny-9", "registered_capital", 100));
            }
            as("demo-specialist-market").header("Pdx-Person", "ent-system").header("Pdx-Purpose", "entity-aggregation").body(records)
                    .when().post("/api/v1/exchange/" + ENTITIES + "/records").then().statusCode(202);
            await().atMost(Duration.ofSeconds(15)).until(() ->
                    sql.count("select count(*) from dataset_record where resource_code = ? and payload like ?", ENTITIES, "%status-tiny-%") >= 10);
        }
        sql.update("delete from stats_budget where resource_code = ?", ENTITIES);
        var json = given().when().get(STATS + "?by=business_status&epsilon=0.5").then().statusCode(200).extract().jsonPath();
        Map<String, Object> one = new HashMap<>(json.getMap("cells.find { it.dims.business_status == 'status-tiny-1' }"));
        Map<String, Object> nine = new HashMap<>(json.getMap("cells.find { it.dims.business_status == 'status-tiny-9' }"));
        one.remove("dims");
        nine.remove("dims");
        assertEquals(Map.of("suppressed", true), one);
        assertEquals(one, nine);
    }

    @Test
    void aResourceThatIsNotOpenHasNoStatistics() {
        given().when().get("/api/v1/open/resources/GZ-PSB-POP-001/stats?by=address").then().statusCode(403)
                .body("type", equalTo("urn:pdx:problem:stats.not-open"));
    }

    /** A USCC with its GB 32100 check character. */
    static String uscc(String first17) {
        String chars = "0123456789ABCDEFGHJKLMNPQRTUWXY";
        int[] weights = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += chars.indexOf(first17.charAt(i)) * weights[i];
        }
        return first17 + chars.charAt((31 - sum % 31) % 31);
    }
}
