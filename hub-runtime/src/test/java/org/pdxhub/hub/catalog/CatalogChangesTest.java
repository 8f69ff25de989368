package org.pdxhub.hub.catalog;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.pdxhub.hub.store.Sql;
import org.pdxhub.plugin.OpenType;
import org.pdxhub.plugin.ShareType;

import java.util.List;
import java.util.Map;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pdxhub.hub.catalog.CatalogFixtures.*;

/** Changes of published resources (art. 16, 24), versions, retirement, and one source per datum (art. 9). */
@QuarkusTest
class CatalogChangesTest {

    static final String RESOURCES = "/api/v1/catalog/resources";

    @Inject
    Sql sql;

    @Inject
    Catalog catalog;

    @Test
    void downgradeFromUnconditionalWaitsForReview() {
        publish(draft("T-CHG-001"));
        as(SPECIALIST_SAMR).body(Map.of("shareType", "CONDITIONAL", "shareConditions", "only for licensing duties",
                        "reason", "licence numbers now reveal trade secrets"))
                .post(RESOURCES + "/T-CHG-001/changes").then().statusCode(202)
                .body("status", equalTo("PENDING")).body("downgrade", equalTo(true));

        as(SYSTEM).get(RESOURCES + "/T-CHG-001").then()
                .body("shareType", equalTo("UNCONDITIONAL")).body("version", equalTo(1))
                .body("pendingChange.proposed.shareType", equalTo("CONDITIONAL"));
        assertEquals(ShareType.UNCONDITIONAL, catalog.publishedSpec("T-CHG-001").orElseThrow().shareType());
        as(REVIEWER).get("/api/v1/catalog/review-queue").then()
                .body("findAll { it.code == 'T-CHG-001' }.kind", contains("CHANGE"))
                .body("findAll { it.code == 'T-CHG-001' }.downgrade", contains(true));

        as(REVIEWER).body(Map.of("decision", "APPROVE", "comment", "reasons accepted")).post(RESOURCES + "/T-CHG-001/review")
                .then().statusCode(200).body("shareType", equalTo("CONDITIONAL")).body("version", equalTo(2))
                .body("pendingChange", nullValue());
        var spec = catalog.publishedSpec("T-CHG-001").orElseThrow();
        assertEquals(ShareType.CONDITIONAL, spec.shareType());
        assertEquals(2, spec.version());
    }

    @Test
    void downgradeOfTheOpenTypeFromConditionalToNoneWaitsForReview() {
        Map<String, Object> d = draft("T-CHG-002");
        d.put("openType", "CONDITIONAL");
        d.put("openConditions", "registered researchers");
        publish(d);
        as(SPECIALIST_SAMR).body(Map.of("openType", "NONE", "openBasis", "a new regulation forbids it", "reason", "new regulation"))
                .post(RESOURCES + "/T-CHG-002/changes").then().statusCode(202).body("downgrade", equalTo(true));
        assertEquals(OpenType.CONDITIONAL, catalog.publishedSpec("T-CHG-002").orElseThrow().openType());
    }

    @Test
    void aReturnedDowngradeLeavesThePublishedVersion() {
        publish(draft("T-CHG-003"));
        as(SPECIALIST_SAMR).body(Map.of("shareType", "NONE", "shareBasis", "none given", "reason", "we prefer not to share"))
                .post(RESOURCES + "/T-CHG-003/changes").then().statusCode(202);
        as(REVIEWER).body(Map.of("decision", "RETURN", "comment", "sharing is the rule (art. 14); no basis given"))
                .post(RESOURCES + "/T-CHG-003/review").then().statusCode(200)
                .body("shareType", equalTo("UNCONDITIONAL")).body("version", equalTo(1)).body("pendingChange", nullValue());
        as(SYSTEM).get(RESOURCES + "/T-CHG-003/changes").then().body("status", contains("RETURNED"))
                .body("decisionNote", contains("sharing is the rule (art. 14); no basis given"));
        assertEquals(ShareType.UNCONDITIONAL, catalog.publishedSpec("T-CHG-003").orElseThrow().shareType());
    }

    /** Art. 8: a change that is not editorial is published only after the agency's review (it used to apply at once). */
    @Test
    void aChangeThatIsNotEditorialWaitsForReviewAndTheEarlierVersionStaysReadable() {
        publish(draft("T-CHG-004"));
        as(SPECIALIST_SAMR).body(Map.of("description", "licences, with their numbers", "updateCycle", "DAILY", "reason", "daily feed"))
                .post(RESOURCES + "/T-CHG-004/changes").then().statusCode(202)
                .body("status", equalTo("PENDING")).body("downgrade", equalTo(false)).body("editorial", equalTo(false));
        as(SYSTEM).get(RESOURCES + "/T-CHG-004").then().body("version", equalTo(1)).body("updateCycle", equalTo("MONTHLY"));
        assertEquals(1, catalog.publishedSpec("T-CHG-004").orElseThrow().version());

        as(REVIEWER).body(Map.of("decision", "APPROVE", "comment", "daily is right")).post(RESOURCES + "/T-CHG-004/review")
                .then().statusCode(200).body("version", equalTo(2)).body("updateCycle", equalTo("DAILY"));
        as(SYSTEM).get(RESOURCES + "/T-CHG-004?version=1").then().statusCode(200)
                .body("version", equalTo(1)).body("latestVersion", equalTo(2)).body("updateCycle", equalTo("MONTHLY"));
        as(SYSTEM).get(RESOURCES + "/T-CHG-004/history").then()
                .body("action", contains("CREATED", "SUBMITTED", "APPROVED", "CHANGE_PROPOSED", "CHANGE_APPLIED"))
                .body("note[3]", equalTo("daily feed")).body("actor[4]", equalTo(REVIEWER));
    }

    @Test
    void anUpgradeFromNoneMustSayWhetherItRestsOnDeIdentificationOrConsent() {
        Map<String, Object> d = draft("T-CHG-005");
        d.put("shareType", "NONE");
        d.put("shareBasis", "《某条例》第十条");
        publish(d);
        var before = snapshot(sql);
        as(SPECIALIST_SAMR).body(Map.of("shareType", "CONDITIONAL", "shareConditions", "licensing duties", "reason", "opened up"))
                .post(RESOURCES + "/T-CHG-005/changes").then().statusCode(400)
                .body("field", equalTo("upgradeGround")).body("type", equalTo("urn:pdx:problem:upgrade-ground-required"));
        as(SPECIALIST_SAMR).body(Map.of("shareType", "CONDITIONAL", "shareConditions", "licensing duties", "reason", "opened up",
                        "upgradeGround", "CONSENT"))
                .post(RESOURCES + "/T-CHG-005/changes").then().statusCode(400).body("field", equalTo("upgradeEvidence"));
        assertEquals(before, snapshot(sql));

        as(SPECIALIST_SAMR).body(Map.of("shareType", "CONDITIONAL", "shareConditions", "licensing duties", "reason", "opened up",
                        "upgradeGround", "CONSENT", "upgradeEvidence", "written consent of each licence holder, file SAMR-2026-17"))
                .post(RESOURCES + "/T-CHG-005/changes").then().statusCode(202)
                .body("status", equalTo("PENDING")).body("upgradeGround", equalTo("CONSENT"))
                .body("upgradeEvidence", containsString("SAMR-2026-17"));
        as(REVIEWER).body(Map.of("decision", "APPROVE")).post(RESOURCES + "/T-CHG-005/review").then().statusCode(200);
        as(SYSTEM).get(RESOURCES + "/T-CHG-005").then().body("shareType", equalTo("CONDITIONAL")).body("shareBasis", nullValue());
    }

    @Test
    void aChangeMustKeepTheRulesOfArticleFifteen() {
        publish(draft("T-CHG-006"));
        var before = snapshot(sql);
        as(SPECIALIST_SAMR).body(Map.of("shareType", "CONDITIONAL", "reason", "restrict"))
                .post(RESOURCES + "/T-CHG-006/changes").then().statusCode(400).body("field", equalTo("shareConditions"));
        as(SPECIALIST_SAMR).body(Map.of("description", "x"))
                .post(RESOURCES + "/T-CHG-006/changes").then().statusCode(400).body("field", equalTo("reason"));
        as(SPECIALIST_SAMR).body(Map.of("provider", PSB, "reason", "move"))
                .post(RESOURCES + "/T-CHG-006/changes").then().statusCode(400).body("detail", containsString("provider"));
        as(SPECIALIST_PSB).body(Map.of("description", "x", "reason", "y"))
                .post(RESOURCES + "/T-CHG-006/changes").then().statusCode(403);
        assertEquals(before, snapshot(sql));
    }

    @Test
    void aSecondChangeWaitsForTheReviewOfTheFirst() {
        publish(draft("T-CHG-007"));
        as(SPECIALIST_SAMR).body(Map.of("openType", "NONE", "openBasis", "rule X", "reason", "restrict"))
                .post(RESOURCES + "/T-CHG-007/changes").then().statusCode(202);
        var before = snapshot(sql);
        as(SPECIALIST_SAMR).body(Map.of("description", "other", "reason", "edit"))
                .post(RESOURCES + "/T-CHG-007/changes").then().statusCode(409).body("type", equalTo("urn:pdx:problem:change-pending"));
        assertEquals(before, snapshot(sql));
    }

    @Test
    void anItemAnotherPublishedResourceProvidesAsAuthoritativeSourceIsFlaggedAsARepeatCollection() {
        Map<String, Object> d = draft("T-CHG-008");
        d.put("provider", HRSS);
        d.put("keyField", "citizen_id");
        d.put("items", List.of(item("citizen_id", "STRING", true, 4, "citizen-id", "fpe-citizen-id"),
                item("benefit_kind", "STRING", false, 2, null, null)));
        create(SPECIALIST_HRSS, d).statusCode(201)
                .body("repeatCollection", hasSize(1))
                .body("repeatCollection[0].item", equalTo("citizen_id"))
                .body("repeatCollection[0].resource", equalTo("GZ-PSB-POP-001"))
                .body("repeatCollection[0].provider", equalTo(PSB))
                .body("repeatCollection[0].detail", containsString("art. 9"));

        @SuppressWarnings("unchecked") var items = (List<Map<String, Object>>) d.get("items");
        Map<String, Object> shared = new java.util.HashMap<>(items.get(0));
        shared.put("source", PSB);
        d.put("code", "T-CHG-009");
        d.put("items", List.of(shared, items.get(1)));
        create(SPECIALIST_HRSS, d).statusCode(201).body("repeatCollection", empty())
                .body("items[0].source", equalTo(PSB)).body("items[1].source", equalTo(HRSS));
    }

    @Test
    void aRetirementAskedByTheProviderWaitsForReview() {
        publish(draft("T-CHG-010"));
        as(SPECIALIST_SAMR).body(Map.of("reason", "the licence was abolished"))
                .post(RESOURCES + "/T-CHG-010/retire").then().statusCode(200)
                .body("status", equalTo("PUBLISHED")).body("pendingChange.kind", equalTo("RETIREMENT"));
        assertTrue(catalog.publishedSpec("T-CHG-010").isPresent());

        as(REVIEWER).body(Map.of("decision", "APPROVE")).post(RESOURCES + "/T-CHG-010/review").then().statusCode(200)
                .body("status", equalTo("RETIRED"));
        assertTrue(catalog.publishedSpec("T-CHG-010").isEmpty(), "a retired resource is not published");
        as(SYSTEM).get(RESOURCES + "/T-CHG-010/history").then().body("action[-1]", equalTo("RETIRED"));
    }

    @Test
    void aReviewerRetiresAtOnce() {
        publish(draft("T-CHG-011"));
        as(REVIEWER).body(Map.of("reason", "duplicate of GZ-SAMR-ENT-001")).post(RESOURCES + "/T-CHG-011/retire")
                .then().statusCode(200).body("status", equalTo("RETIRED"));
        assertTrue(catalog.publishedSpec("T-CHG-011").isEmpty());
        var before = snapshot(sql);
        as(SPECIALIST_SAMR).body(Map.of("description", "x", "reason", "y")).post(RESOURCES + "/T-CHG-011/changes")
                .then().statusCode(409).body("type", equalTo("urn:pdx:problem:not-published"));
        assertEquals(before, snapshot(sql));
    }

    @Test
    void aDraftCannotBeReviewedBeforeItIsSubmitted() {
        create(SPECIALIST_SAMR, draft("T-CHG-012")).statusCode(201);
        var before = snapshot(sql);
        as(REVIEWER).body(Map.of("decision", "APPROVE")).post(RESOURCES + "/T-CHG-012/review")
                .then().statusCode(409).body("type", equalTo("urn:pdx:problem:nothing-to-review"));
        assertEquals(before, snapshot(sql));
        as(SYSTEM).get(RESOURCES + "/GZ-SAMR-ENT-001").then().body("publishedAt", notNullValue());
    }
}
