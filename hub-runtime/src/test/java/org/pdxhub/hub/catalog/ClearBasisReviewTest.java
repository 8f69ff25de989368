package org.pdxhub.hub.catalog;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.pdxhub.plugin.FieldSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.pdxhub.hub.catalog.CatalogFixtures.*;

/**
 * A personal item passes aggregation or open data in clear only under a legal basis that the
 * data agency approved in review: a provider cannot give itself one.
 */
@QuarkusTest
class ClearBasisReviewTest {

    static final String RESOURCES = "/api/v1/catalog/resources";
    static final String BASIS = "《中华人民共和国居民身份证法》第十三条：公民从事有关活动，需要证明身份的，有权使用居民身份证证明身份";

    @Inject
    Catalog catalog;

    private static Map<String, Object> withContact(String code) {
        Map<String, Object> d = draft(code);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> items = (List<Map<String, Object>>) d.get("items");
        items.add(item("contact_name", "STRING", true, 3, null, null));
        return d;
    }

    private static Map<String, Object> contactWithBasis(String basis) {
        Map<String, Object> contact = item("contact_name", "STRING", true, 3, null, null);
        contact.put("clearBasis", basis);
        return contact;
    }

    @Test
    void aClearBasisAddedToAPublishedResourceWaitsForTheAgencysReview() {
        publish(withContact("T-CLEAR-001"));
        List<Map<String, Object>> items = new ArrayList<>(List.of(item("uscc", "STRING", false, 1, "uscc", null),
                item("licence_no", "STRING", false, 1, null, null), contactWithBasis(BASIS)));

        as(SPECIALIST_SAMR).body(Map.of("items", items, "reason", "contacts must be published by law"))
                .post(RESOURCES + "/T-CLEAR-001/changes").then().statusCode(202).body("status", equalTo("PENDING"));

        FieldSpec before = catalog.publishedSpec("T-CLEAR-001").orElseThrow().fieldsByName().get("contact_name");
        assertNull(before.clearBasis(), "the provider's own change gives no clear basis before review");
        as(SYSTEM).get(RESOURCES + "/T-CLEAR-001").then().body("items.find { it.name == 'contact_name' }.clearBasis", nullValue());

        as(REVIEWER).body(Map.of("decision", "APPROVE", "comment", "basis checked")).post(RESOURCES + "/T-CLEAR-001/review")
                .then().statusCode(200).body("items.find { it.name == 'contact_name' }.clearBasis", equalTo(BASIS));
        assertEquals(BASIS, catalog.publishedSpec("T-CLEAR-001").orElseThrow().fieldsByName().get("contact_name").clearBasis());
    }

    @Test
    void aChangeWithoutAClearBasisIsStillAppliedAtOnce() {
        publish(withContact("T-CLEAR-002"));
        as(SPECIALIST_SAMR).body(Map.of("description", "clearer description", "reason", "wording"))
                .post(RESOURCES + "/T-CLEAR-002/changes").then().statusCode(200).body("status", equalTo("APPLIED"));
    }

    @Test
    void aClearBasisOnAnItemThatIsNotPersonalOrHasAMaskingRuleIsRefusedNamingTheField() {
        Map<String, Object> d = draft("T-CLEAR-003");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> items = (List<Map<String, Object>>) d.get("items");
        items.get(1).put("clearBasis", BASIS);
        create(SPECIALIST_SAMR, d).statusCode(400).body("field", equalTo("items[1].clearBasis"));

        Map<String, Object> masked = draft("T-CLEAR-004");
        Map<String, Object> contact = contactWithBasis(BASIS);
        contact.put("maskingRule", "keep(1,0)");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> items4 = (List<Map<String, Object>>) masked.get("items");
        items4.add(contact);
        create(SPECIALIST_SAMR, masked).statusCode(400).body("field", equalTo("items[2].clearBasis"));

        Map<String, Object> vague = draft("T-CLEAR-005");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> items5 = (List<Map<String, Object>>) vague.get("items");
        items5.add(contactWithBasis("law"));
        create(SPECIALIST_SAMR, vague).statusCode(400).body("field", equalTo("items[2].clearBasis"));
    }
}
