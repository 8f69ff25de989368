package org.pdxhub.hub.catalog;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.pdxhub.hub.store.Sql;
import org.pdxhub.plugin.OpenType;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.pdxhub.hub.catalog.CatalogFixtures.*;

/**
 * Art. 8: the catalog is published after the agency reviews it, every change included, except
 * the changes the agency declared editorial. Art. 25: data is opened only after a security and
 * secrecy review, which the reviewer records when approving a raise of the open type.
 */
@QuarkusTest
class CatalogReviewTest {

    static final String RESOURCES = "/api/v1/catalog/resources";
    static final String OPEN = "/api/v1/open/resources";

    static final Map<String, Object> SECURITY_REVIEW = Map.of(
            "deIdentificationMethod", "公民身份号码假名化 pseudonym(sm3), 姓名删除, 参保起始日期泛化到年",
            "consentOrLegalBasis", "《四川省公共数据开放条例》第二十条; 开放清单 2026-07 号",
            "secrecyClassificationChecked", "对照人社保密事项范围目录核查: 不涉及国家秘密和工作秘密");

    @Inject
    Sql sql;

    @Inject
    Catalog catalog;

    /**
     * Social-insurance enrolments as the human resources bureau catalogs them: shared on conditions, not open; the
     * citizen ID obtained from its authoritative source, the public security bureau (art. 9).
     */
    static Map<String, Object> socialInsurance(String code) {
        Map<String, Object> d = draft(code);
        d.put("name", "社会保险参保信息 " + code);
        d.put("provider", HRSS);
        d.put("shareType", "CONDITIONAL");
        d.put("shareConditions", "for social security and employment duties");
        d.put("openType", "NONE");
        d.put("openBasis", "《社会保险法》第八十一条: personal data of the insured");
        d.put("keyField", "citizen_id");
        Map<String, Object> citizenId = item("citizen_id", "STRING", true, 4, "citizen-id", "pseudonym(sm3)");
        citizenId.put("source", PSB);
        d.put("items", List.of(citizenId, item("insurance_type", "STRING", false, 2, null, null)));
        return d;
    }

    static Map<String, Object> raiseToUnconditionallyOpen() {
        return Map.of("openType", "UNCONDITIONAL", "reason", "open for research on coverage",
                "upgradeGround", "DE_IDENTIFICATION",
                "upgradeEvidence", "citizen_id pseudonymised with SM3 by the open profile; no other personal item");
    }

    @Test
    void aProviderRaisingOpenTypeWaitsForReviewAndIsNotOpenUntilApproved() {
        String code = "T-REV-SI-001";
        publish(socialInsurance(code));
        var before = snapshot(sql);
        as(SPECIALIST_HRSS).body(Map.of("openType", "UNCONDITIONAL", "reason", "open it", "upgradeGround", "DE_IDENTIFICATION",
                        "upgradeEvidence", "x"))
                .post(RESOURCES + "/" + code + "/changes").then().statusCode(400).contentType("application/problem+json")
                .body("field", equalTo("upgradeEvidence")).body("detail", containsString("at least 15 characters"));
        as(SPECIALIST_HRSS).body(Map.of("openType", "UNCONDITIONAL", "reason", "open it",
                        "upgradeEvidence", "citizen_id pseudonymised with SM3"))
                .post(RESOURCES + "/" + code + "/changes").then().statusCode(400).body("field", equalTo("upgradeGround"));
        assertEquals(before, snapshot(sql), "a refused raise leaves nothing behind");

        as(SPECIALIST_HRSS).body(raiseToUnconditionallyOpen()).post(RESOURCES + "/" + code + "/changes").then().statusCode(202)
                .body("status", equalTo("PENDING")).body("openRaise", equalTo(true)).body("editorial", equalTo(false))
                .body("upgradeGround", equalTo("DE_IDENTIFICATION"));

        given().get(OPEN).then().statusCode(200).body("code", not(hasItem(code)));
        given().get(OPEN + "/" + code + "/data").then().statusCode(not(equalTo(200)));
        assertEquals(OpenType.NONE, catalog.publishedSpec(code).orElseThrow().openType());
        as(SYSTEM).get(RESOURCES + "/" + code).then().body("openType", equalTo("NONE")).body("version", equalTo(1))
                .body("pendingChange.proposed.openType", equalTo("UNCONDITIONAL"));
        as(REVIEWER).get("/api/v1/catalog/review-queue").then()
                .body("findAll { it.code == '" + code + "' }.openRaise", contains(true));

        as(REVIEWER).body(Map.of("decision", "APPROVE", "comment", "security review done", "securityReview", SECURITY_REVIEW))
                .post(RESOURCES + "/" + code + "/review").then().statusCode(200)
                .body("openType", equalTo("UNCONDITIONAL")).body("version", equalTo(2));
        given().get(OPEN).then().body("code", hasItem(code));
        assertEquals(OpenType.UNCONDITIONAL, catalog.publishedSpec(code).orElseThrow().openType());
    }

    @Test
    void aRaiseWithoutTheSecurityChecklistIsRefusedNamingTheMissingItem() {
        String code = "T-REV-SI-002";
        publish(socialInsurance(code));
        as(SPECIALIST_HRSS).body(raiseToUnconditionallyOpen()).post(RESOURCES + "/" + code + "/changes").then().statusCode(202);
        var before = snapshot(sql);

        as(REVIEWER).body(Map.of("decision", "APPROVE", "comment", "fine")).post(RESOURCES + "/" + code + "/review").then()
                .statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("urn:pdx:problem:security-review-required"))
                .body("field", equalTo("securityReview.deIdentificationMethod"))
                .body("detail", containsString("securityReview.consentOrLegalBasis"))
                .body("detail", containsString("securityReview.secrecyClassificationChecked"));
        Map<String, Object> partial = new HashMap<>(SECURITY_REVIEW);
        partial.remove("consentOrLegalBasis");
        as(REVIEWER).body(Map.of("decision", "APPROVE", "securityReview", partial)).post(RESOURCES + "/" + code + "/review").then()
                .statusCode(400).body("field", equalTo("securityReview.consentOrLegalBasis"));
        partial = new HashMap<>(SECURITY_REVIEW);
        partial.put("secrecyClassificationChecked", "ok");
        as(REVIEWER).body(Map.of("decision", "APPROVE", "securityReview", partial)).post(RESOURCES + "/" + code + "/review").then()
                .statusCode(400).body("field", equalTo("securityReview.secrecyClassificationChecked"));
        assertEquals(before, snapshot(sql), "a refused approval publishes nothing");
        assertEquals(OpenType.NONE, catalog.publishedSpec(code).orElseThrow().openType());

        as(REVIEWER).body(Map.of("decision", "APPROVE", "securityReview", SECURITY_REVIEW)).post(RESOURCES + "/" + code + "/review")
                .then().statusCode(200).body("openType", equalTo("UNCONDITIONAL"));
        as(SYSTEM).get(RESOURCES + "/" + code + "/changes").then()
                .body("securityReview.deIdentificationMethod[0]", containsString("pseudonym(sm3)"))
                .body("securityReview.secrecyClassificationChecked[0]", containsString("不涉及国家秘密"));
        as(SYSTEM).get(RESOURCES + "/" + code + "/history").then()
                .body("action[-1]", equalTo("CHANGE_APPLIED"))
                .body("securityReview[-1].consentOrLegalBasis", containsString("第二十条"))
                .body("securityReview[0]", nullValue());
    }

    @Test
    void aReturnedRaiseNeedsNoChecklistAndOpensNothing() {
        String code = "T-REV-SI-003";
        publish(socialInsurance(code));
        as(SPECIALIST_HRSS).body(raiseToUnconditionallyOpen()).post(RESOURCES + "/" + code + "/changes").then().statusCode(202);
        as(REVIEWER).body(Map.of("decision", "RETURN", "comment", "names of employers identify small firms' staff"))
                .post(RESOURCES + "/" + code + "/review").then().statusCode(200).body("openType", equalTo("NONE"));
        given().get(OPEN).then().body("code", not(hasItem(code)));
    }

    @Test
    void anEditorialChangePublishesAtOnce() {
        String code = "T-REV-ED-001";
        publish(draft(code));
        as(SPECIALIST_SAMR).body(Map.of("name", "食品经营许可证信息", "description", "licences, with their numbers", "reason", "wording"))
                .post(RESOURCES + "/" + code + "/changes").then().statusCode(200)
                .body("status", equalTo("APPLIED")).body("editorial", equalTo(true)).body("toVersion", equalTo(2));
        assertEquals(2, catalog.publishedSpec(code).orElseThrow().version());

        // Wording and the update cycle together: not editorial, so the whole change waits.
        as(SPECIALIST_SAMR).body(Map.of("description", "licences, daily", "updateCycle", "DAILY", "reason", "daily feed"))
                .post(RESOURCES + "/" + code + "/changes").then().statusCode(202)
                .body("status", equalTo("PENDING")).body("editorial", equalTo(false));
        as(SYSTEM).get(RESOURCES + "/" + code).then().body("version", equalTo(2)).body("updateCycle", equalTo("MONTHLY"))
                .body("description", equalTo("licences, with their numbers"));
    }

    @Test
    void aChangeOfAnItemWaitsForReviewLikeAnyOther() {
        String code = "T-REV-IT-001";
        publish(draft(code));
        Map<String, Object> d = draft(code);
        @SuppressWarnings("unchecked") var items = new java.util.ArrayList<>((List<Map<String, Object>>) d.get("items"));
        items.add(item("holder_mobile", "STRING", true, 3, "mobile", "keep(3,4)"));
        as(SPECIALIST_SAMR).body(Map.of("items", items, "reason", "holder's mobile added"))
                .post(RESOURCES + "/" + code + "/changes").then().statusCode(202).body("status", equalTo("PENDING"));
        assertEquals(2, catalog.publishedSpec(code).orElseThrow().fields().size(), "the published items are as they were");
    }
}
