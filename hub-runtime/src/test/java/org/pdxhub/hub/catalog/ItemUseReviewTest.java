package org.pdxhub.hub.catalog;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.pdxhub.hub.catalog.CatalogFixtures.*;

/**
 * Making an item verifiable or a statistics dimension changes what may be learnt about people
 * from it: a provider cannot do it by itself; the change waits for the agency's review and is
 * then part of the next catalog version.
 */
@QuarkusTest
class ItemUseReviewTest {

    static final String RESOURCES = "/api/v1/catalog/resources";

    @Test
    void anItemMadeAStatisticsDimensionWaitsForTheAgencysReview() {
        publish(draft("T-USE-001"));
        Map<String, Object> licence = item("licence_no", "STRING", false, 1, null, null);
        licence.put("use", Map.of("dimension", true, "verifiable", true));
        List<Map<String, Object>> items = new ArrayList<>(List.of(item("uscc", "STRING", false, 1, "uscc", null), licence));

        as(SPECIALIST_SAMR).body(Map.of("items", items, "reason", "licence numbers verified and counted"))
                .post(RESOURCES + "/T-USE-001/changes").then().statusCode(202).body("status", equalTo("PENDING"));
        as(SYSTEM).get(RESOURCES + "/T-USE-001").then().body("version", equalTo(1))
                .body("items.find { it.name == 'licence_no' }.use", nullValue());

        as(REVIEWER).body(Map.of("decision", "APPROVE", "comment", "checked")).post(RESOURCES + "/T-USE-001/review")
                .then().statusCode(200).body("version", equalTo(2))
                .body("items.find { it.name == 'licence_no' }.use.dimension", equalTo(true))
                .body("items.find { it.name == 'licence_no' }.use.verifiable", equalTo(true));
    }
}
