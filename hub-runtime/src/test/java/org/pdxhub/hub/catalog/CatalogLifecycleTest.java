package org.pdxhub.hub.catalog;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.pdxhub.hub.store.Sql;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pdxhub.hub.catalog.CatalogFixtures.*;

/** Draft → submitted → approved (published) or returned; who may do what; the rules of art. 15. */
@QuarkusTest
public class CatalogLifecycleTest {

    static final String RESOURCES = "/api/v1/catalog/resources";

    @Inject
    Sql sql;

    @Inject
    Catalog catalog;

    @Test
    void specialistDraftsSubmitsAndReviewerApprovesIntoThePublishedList() {
        create(SPECIALIST_SAMR, draft("T-LIFE-001")).statusCode(201)
                .body("status", equalTo("DRAFT")).body("version", equalTo(0));
        assertTrue(catalog.publishedSpec("T-LIFE-001").isEmpty(), "a draft is not published");

        as(SPECIALIST_SAMR).body(Map.of("note", "ready")).post(RESOURCES + "/T-LIFE-001/submit").then().statusCode(200)
                .body("status", equalTo("SUBMITTED"));
        as(REVIEWER).body(Map.of("decision", "APPROVE", "comment", "complete", "securityReview", CatalogFixtures.OPENING_REVIEW))
                .post(RESOURCES + "/T-LIFE-001/review")
                .then().statusCode(200).body("status", equalTo("PUBLISHED")).body("version", equalTo(1));

        as(SYSTEM).get(RESOURCES + "?status=PUBLISHED").then().statusCode(200).body("code", hasItem("T-LIFE-001"));
        assertEquals(1, catalog.publishedSpec("T-LIFE-001").orElseThrow().version());
    }

    @Test
    void aReturnNeedsACommentAndTheSpecialistResubmits() {
        create(SPECIALIST_SAMR, draft("T-LIFE-002")).statusCode(201);
        as(SPECIALIST_SAMR).post(RESOURCES + "/T-LIFE-002/submit").then().statusCode(200);
        as(REVIEWER).body(Map.of("decision", "RETURN")).post(RESOURCES + "/T-LIFE-002/review")
                .then().statusCode(400).body("field", equalTo("comment"));
        as(REVIEWER).body(Map.of("decision", "RETURN", "comment", "describe the licence number")).post(RESOURCES + "/T-LIFE-002/review")
                .then().statusCode(200).body("status", equalTo("RETURNED")).body("returnComment", equalTo("describe the licence number"));

        Map<String, Object> fixed = draft("T-LIFE-002");
        fixed.put("description", "licences issued by the market regulator");
        as(SPECIALIST_SAMR).body(fixed).put(RESOURCES + "/T-LIFE-002").then().statusCode(200).body("status", equalTo("DRAFT"));
        as(SPECIALIST_SAMR).post(RESOURCES + "/T-LIFE-002/submit").then().statusCode(200).body("status", equalTo("SUBMITTED"));
    }

    @Test
    void everyTransitionIsRecordedWithWhoWhenAndWhy() {
        create(SPECIALIST_SAMR, draft("T-LIFE-003")).statusCode(201);
        as(SPECIALIST_SAMR).body(Map.of("note", "first version")).post(RESOURCES + "/T-LIFE-003/submit").then().statusCode(200);
        as(REVIEWER).body(Map.of("decision", "APPROVE", "comment", "fine", "securityReview", CatalogFixtures.OPENING_REVIEW))
                .post(RESOURCES + "/T-LIFE-003/review").then().statusCode(200);

        as(SPECIALIST_SAMR).get(RESOURCES + "/T-LIFE-003/history").then().statusCode(200)
                .body("action", contains("CREATED", "SUBMITTED", "APPROVED"))
                .body("actor", contains(SPECIALIST_SAMR, SPECIALIST_SAMR, REVIEWER))
                .body("actorOrganisation", contains(SAMR, SAMR, "11513300MB0000001E"))
                .body("note", contains(null, "first version", "fine"))
                .body("at", not(hasItem(nullValue())));
    }

    @Test
    void aSpecialistCannotDraftForAnotherOrganisation() {
        var before = snapshot(sql);
        create(SPECIALIST_PSB, draft("T-LIFE-004")).statusCode(403)
                .contentType("application/problem+json").body("type", equalTo("urn:pdx:problem:not-provider"));
        assertEquals(before, snapshot(sql));
    }

    @Test
    void aSpecialistCannotSubmitAnotherOrganisationsDraft() {
        create(SPECIALIST_SAMR, draft("T-LIFE-005")).statusCode(201);
        var before = snapshot(sql);
        as(SPECIALIST_PSB).post(RESOURCES + "/T-LIFE-005/submit").then().statusCode(403);
        assertEquals(before, snapshot(sql));
    }

    @Test
    void aReviewBySomeoneWhoIsNotAReviewerIsForbidden() {
        create(SPECIALIST_SAMR, draft("T-LIFE-006")).statusCode(201);
        as(SPECIALIST_SAMR).post(RESOURCES + "/T-LIFE-006/submit").then().statusCode(200);
        var before = snapshot(sql);
        for (String key : List.of(SPECIALIST_SAMR, ADMIN, SYSTEM)) {
            as(key).body(Map.of("decision", "APPROVE")).post(RESOURCES + "/T-LIFE-006/review")
                    .then().statusCode(403).contentType("application/problem+json");
        }
        assertEquals(before, snapshot(sql));
    }

    @Test
    void aConditionalShareTypeNeedsItsConditions() {
        Map<String, Object> d = draft("T-LIFE-007");
        d.put("shareType", "CONDITIONAL");
        assertRefused(d, 400, "shareConditions", "conditions-required");
    }

    @Test
    void aConditionalOpenTypeNeedsItsConditions() {
        Map<String, Object> d = draft("T-LIFE-008");
        d.put("openType", "CONDITIONAL");
        d.put("openConditions", "   ");
        assertRefused(d, 400, "openConditions", "conditions-required");
    }

    @Test
    void aShareTypeOfNoneNeedsALegalBasis() {
        Map<String, Object> d = draft("T-LIFE-009");
        d.put("shareType", "NONE");
        assertRefused(d, 400, "shareBasis", "legal-basis-required");
    }

    @Test
    void anOpenTypeOfNoneNeedsALegalBasis() {
        Map<String, Object> d = draft("T-LIFE-010");
        d.put("openType", "NONE");
        assertRefused(d, 400, "openBasis", "legal-basis-required");
    }

    @Test
    void aDuplicateCodeIsRefused() {
        Map<String, Object> d = draft("GZ-SAMR-ENT-001");
        assertRefused(d, 409, "code", "duplicate-code");
    }

    @Test
    void anUnknownProviderIsRefused() {
        Map<String, Object> d = draft("T-LIFE-011");
        d.put("provider", "91510100MA0000000X");
        assertRefused(d, 403, null, "not-provider");
    }

    @Test
    void anItemSourceThatIsNoRegisteredOrganisationIsRefused() {
        Map<String, Object> d = draft("T-LIFE-012");
        @SuppressWarnings("unchecked") var items = (List<Map<String, Object>>) d.get("items");
        items.get(1).put("source", "11513300MB0000009X");
        var before = snapshot(sql);
        create(SPECIALIST_SAMR, d).statusCode(400).body("field", equalTo("items[1].source"));
        assertEquals(before, snapshot(sql));
    }

    @Test
    void aCodeMustBeUppercaseLettersDigitsAndDashes() {
        assertRefused(draft("gz-samr-lower"), 400, "code", "invalid-code");
        assertRefused(draft("GZ--DOUBLE"), 400, "code", "invalid-code");
    }

    @Test
    void anItemMaskingRuleMustNameAKnownStrategy() {
        Map<String, Object> d = draft("T-LIFE-013");
        @SuppressWarnings("unchecked") var items = (List<Map<String, Object>>) d.get("items");
        items.add(item("phone", "STRING", true, 3, "mobile", "scramble(3)"));
        assertRefused(d, 400, "items[2].maskingRule", "unknown-masking-strategy");
        items.get(2).put("maskingRule", "keep(three,4)");
        assertRefused(d, 400, "items[2].maskingRule", "invalid-masking-rule");
    }

    @Test
    void anItemIdentifierKindMustNameAKnownCheck() {
        Map<String, Object> d = draft("T-LIFE-014");
        @SuppressWarnings("unchecked") var items = (List<Map<String, Object>>) d.get("items");
        items.get(0).put("identifierKind", "driving-licence");
        assertRefused(d, 400, "items[0].identifierKind", "unknown-identifier-kind");
    }

    /** Art. 10: the secondary identity documents are item kinds; the citizen ID stays the main key. */
    @Test
    void passportsAndTravelPermitsAreItemKinds() {
        Map<String, Object> d = draft("T-LIFE-024");
        d.put("items", List.of(item("uscc", "STRING", false, 1, "uscc", null),
                item("passport_no", "STRING", true, 3, "passport-cn", null),
                item("foreign_passport_no", "STRING", true, 3, "passport", null),
                item("hk_macao_permit_no", "STRING", true, 3, "permit-hk-macao", null),
                item("taiwan_permit_no", "STRING", true, 3, "permit-taiwan", null)));
        create(SPECIALIST_SAMR, d).statusCode(201).body("items.identifierKind",
                contains("uscc", "passport-cn", "passport", "permit-hk-macao", "permit-taiwan"));
    }

    @Test
    void anUnknownFieldIsNamedRatherThanIgnored() {
        Map<String, Object> d = draft("T-LIFE-015");
        d.put("sharetype", "NONE");
        var before = snapshot(sql);
        create(SPECIALIST_SAMR, d).statusCode(400).body("detail", containsString("sharetype"));
        assertEquals(before, snapshot(sql));
    }

    @Test
    void draftsAreSeenOnlyByTheirProviderAndTheAgency() {
        create(SPECIALIST_SAMR, draft("T-LIFE-016")).statusCode(201);
        as(SPECIALIST_PSB).get(RESOURCES + "/T-LIFE-016").then().statusCode(403).body("type", equalTo("urn:pdx:problem:catalog.not-visible"));
        as(SPECIALIST_PSB).get(RESOURCES + "/T-LIFE-NONE").then().statusCode(404);
        as(SPECIALIST_PSB).get(RESOURCES + "?status=DRAFT").then().statusCode(200).body("code", not(hasItem("T-LIFE-016")));
        as(REVIEWER).get(RESOURCES + "/T-LIFE-016").then().statusCode(200);
        as(SPECIALIST_SAMR).get(RESOURCES + "/T-LIFE-016").then().statusCode(200);
    }

    @Test
    void theReviewQueueListsSubmissionsForReviewersOnly() {
        create(SPECIALIST_SAMR, draft("T-LIFE-017")).statusCode(201);
        as(SPECIALIST_SAMR).post(RESOURCES + "/T-LIFE-017/submit").then().statusCode(200);
        as(REVIEWER).get("/api/v1/catalog/review-queue").then().statusCode(200)
                .body("findAll { it.code == 'T-LIFE-017' }.kind", contains("NEW"));
        as(SPECIALIST_SAMR).get("/api/v1/catalog/review-queue").then().statusCode(403);
    }

    @Test
    void aSubmissionNeedsNoBody() {
        create(SPECIALIST_SAMR, draft("T-LIFE-018")).statusCode(201);
        given().auth().oauth2(SPECIALIST_SAMR).post(RESOURCES + "/T-LIFE-018/submit").then().statusCode(200)
                .body("status", equalTo("SUBMITTED"));
    }

    @Test
    void withoutAKeyNothingIsAnswered() {
        given().get(RESOURCES).then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void theDemoCatalogIsSeededAndPublishedAsVersionOne() {
        for (String code : List.of("GZ-PSB-POP-001", "GZ-SAMR-ENT-001", "GZ-HRSS-SI-001")) {
            as(SYSTEM).get(RESOURCES + "/" + code).then().statusCode(200)
                    .body("status", equalTo("PUBLISHED")).body("version", equalTo(1))
                    .body("repeatCollection", empty());
            as(SYSTEM).get(RESOURCES + "/" + code + "/history").then()
                    .body("action", contains("SEEDED")).body("actor", contains("node:test-node"));
            assertTrue(catalog.publishedSpec(code).isPresent(), code);
        }
        var population = catalog.publishedSpec("GZ-PSB-POP-001").orElseThrow();
        assertEquals("citizen_id", population.keyField());
        assertEquals("citizen-id", population.fieldsByName().get("citizen_id").identifierKind());
        assertEquals(4, population.fieldsByName().get("citizen_id").sensitivity());
    }

    private void assertRefused(Map<String, Object> draft, int status, String field, String rule) {
        var before = snapshot(sql);
        create(SPECIALIST_SAMR, draft).statusCode(status).contentType("application/problem+json")
                .body("type", equalTo("urn:pdx:problem:" + rule)).body("field", equalTo(field));
        assertEquals(before, snapshot(sql));
    }
}
