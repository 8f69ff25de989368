package org.pdxhub.hub.catalog;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pdxhub.hub.catalog.CatalogFixtures.OPENING_REVIEW;
import static org.pdxhub.hub.catalog.CatalogFixtures.PSB;
import static org.pdxhub.hub.catalog.CatalogFixtures.REVIEWER;
import static org.pdxhub.hub.catalog.CatalogFixtures.SAMR;
import static org.pdxhub.hub.catalog.CatalogFixtures.SPECIALIST_SAMR;
import static org.pdxhub.hub.catalog.CatalogFixtures.as;
import static org.pdxhub.hub.catalog.CatalogFixtures.create;
import static org.pdxhub.hub.catalog.CatalogFixtures.draft;
import static org.pdxhub.hub.catalog.CatalogFixtures.item;

/**
 * What only the data agency may allow, asked from the department's side: collecting again an item
 * that has an authoritative source (一数一源, art. 9), buying data (art. 9), and publishing a new
 * resource open without the security and secrecy review (art. 25).
 */
@QuarkusTest
class AgencyApprovalsTest {

    static final String RESOURCES = "/api/v1/catalog/resources/";
    static final String REVIEWER_SAMR = "demo-reviewer-market";
    static final String SECOND_COLLECTION = "市场主体登记需现场核验经营者身份, 依《市场主体登记管理条例》第十九条由登记机关采集";
    static final String PURCHASE = "全市企业信用评分无公共数据来源, 经论证需采购; 采购经费已列入 2026 年预算";

    @Inject
    Catalog catalog;

    /** A resource of the market regulator, not open, that collects the citizen ID itself: the police hold its source. */
    static Map<String, Object> collectingCitizenIds(String code) {
        Map<String, Object> d = draft(code);
        d.put("openType", "NONE");
        d.put("openBasis", "《个人信息保护法》第二十八条: 含敏感个人信息");
        d.put("items", List.of(item("uscc", "STRING", false, 1, "uscc", null),
                item("citizen_id", "STRING", true, 4, "citizen-id", "pseudonym(sm3)")));
        return d;
    }

    @Test
    void aSecondCollectionOfAnAuthoritativeItemWaitsForTheAgency() {
        String code = "T-ART9-001";
        create(SPECIALIST_SAMR, collectingCitizenIds(code)).statusCode(201)
                .body("repeatCollection.item", hasItem("citizen_id")).body("repeatCollection.provider", hasItem(PSB));
        as(SPECIALIST_SAMR).post(RESOURCES + code + "/submit").then().statusCode(200).body("status", equalTo("SUBMITTED"));
        assertTrue(catalog.publishedSpec(code).isEmpty(), "not published before the agency approves");
        as(REVIEWER).get("/api/v1/catalog/review-queue").then().statusCode(200)
                .body("find { it.code == '" + code + "' }.needs", equalTo(List.of("SECOND_COLLECTION")));

        // The department's own reviewer cannot allow it; nor can the agency's reviewer without saying why.
        as(REVIEWER_SAMR).body(Map.of("decision", "APPROVE", "comment", "我们自己批准")).post(RESOURCES + code + "/review")
                .then().statusCode(403);
        as(REVIEWER).body(Map.of("decision", "APPROVE", "comment", "ok")).post(RESOURCES + code + "/review").then()
                .statusCode(400).contentType("application/problem+json").body("field", equalTo("approvals.secondCollection"))
                .body("detail", containsString("art. 9"));
        as(REVIEWER).body(Map.of("decision", "APPROVE", "approvals", Map.of("secondCollection", "ok"))).post(RESOURCES + code + "/review")
                .then().statusCode(400).body("field", equalTo("approvals.secondCollection"));
        assertTrue(catalog.publishedSpec(code).isEmpty(), "a refused approval publishes nothing");

        as(REVIEWER).body(Map.of("decision", "APPROVE", "approvals", Map.of("secondCollection", SECOND_COLLECTION)))
                .post(RESOURCES + code + "/review").then().statusCode(200).body("status", equalTo("PUBLISHED"));
        as(REVIEWER).get(RESOURCES + code + "/history").then()
                .body("find { it.action == 'APPROVED' }.approvals.secondCollection", equalTo(SECOND_COLLECTION));
    }

    @Test
    void aChangeThatStartsCollectingAnAuthoritativeItemWaitsForTheAgency() {
        String code = "T-ART9-002";
        CatalogFixtures.publish(draft(code));
        Map<String, Object> shared = item("citizen_id", "STRING", true, 4, "citizen-id", "pseudonym(sm3)");
        shared.put("source", PSB);
        Map<String, Object> change = new HashMap<>(Map.of("reason", "登记增加经营者身份", "items",
                List.of(item("uscc", "STRING", false, 1, "uscc", null), shared)));
        // Obtained by sharing from its source: an ordinary change, no art. 9 approval.
        long first = ((Number) as(SPECIALIST_SAMR).body(change).post(RESOURCES + code + "/changes").then().statusCode(202)
                .extract().path("id")).longValue();
        as(REVIEWER).get("/api/v1/catalog/review-queue").then()
                .body("find { it.changeId == " + first + " }.needs", equalTo(List.of()));
        as(REVIEWER).body(Map.of("decision", "APPROVE", "comment", "ok")).post(RESOURCES + code + "/review").then().statusCode(200);

        // Collected by the regulator itself: the same item waits for the agency's approval of a second collection.
        Map<String, Object> own = item("citizen_id", "STRING", true, 4, "citizen-id", "pseudonym(sm3)");
        change.put("items", List.of(item("uscc", "STRING", false, 1, "uscc", null), own));
        as(SPECIALIST_SAMR).body(change).post(RESOURCES + code + "/changes").then().statusCode(202).body("status", equalTo("PENDING"));
        as(REVIEWER).body(Map.of("decision", "APPROVE", "comment", "ok")).post(RESOURCES + code + "/review").then()
                .statusCode(400).body("field", equalTo("approvals.secondCollection"));
        as(REVIEWER).get(RESOURCES + code).then().body("items.find { it.name == 'citizen_id' }.source", equalTo(PSB));
        as(REVIEWER).body(Map.of("decision", "APPROVE", "approvals", Map.of("secondCollection", SECOND_COLLECTION)))
                .post(RESOURCES + code + "/review").then().statusCode(200)
                .body("items.find { it.name == 'citizen_id' }.source", equalTo(SAMR)).body("version", equalTo(3));
    }

    @Test
    void boughtDataWaitsForTheAgencysApprovalOfThePurchase() {
        String code = "T-ART9-003";
        Map<String, Object> d = draft(code);
        d.put("openType", "NONE");
        d.put("openBasis", "采购合同约定不得对外开放");
        d.put("purchase", Map.of("supplier", "某信用服务有限公司"));
        create(SPECIALIST_SAMR, d).statusCode(400).body("field", equalTo("purchase.contract"));
        d.put("purchase", Map.of("supplier", "某信用服务有限公司 91510100MA0000000X", "contract", "GZCG-2026-017, 2026-01-01 至 2026-12-31"));
        create(SPECIALIST_SAMR, d).statusCode(201).body("purchase.contract", equalTo("GZCG-2026-017, 2026-01-01 至 2026-12-31"));
        as(SPECIALIST_SAMR).post(RESOURCES + code + "/submit").then().statusCode(200);
        as(REVIEWER).get("/api/v1/catalog/review-queue").then().body("find { it.code == '" + code + "' }.needs", equalTo(List.of("PURCHASE")));

        as(REVIEWER).body(Map.of("decision", "APPROVE", "comment", "ok")).post(RESOURCES + code + "/review").then()
                .statusCode(400).body("field", equalTo("approvals.purchase"));
        assertTrue(catalog.publishedSpec(code).isEmpty(), "bought data is not published before the agency approves the purchase");
        as(REVIEWER).body(Map.of("decision", "APPROVE", "approvals", Map.of("purchase", PURCHASE))).post(RESOURCES + code + "/review")
                .then().statusCode(200).body("status", equalTo("PUBLISHED"))
                .body("purchase.supplier", equalTo("某信用服务有限公司 91510100MA0000000X"));

        // A new supplier is a new purchase: approved again.
        as(SPECIALIST_SAMR).body(Map.of("reason", "换供应商", "purchase", Map.of("supplier", "另一信用服务公司", "contract", "GZCG-2027-002")))
                .post(RESOURCES + code + "/changes").then().statusCode(202);
        as(REVIEWER).body(Map.of("decision", "APPROVE", "comment", "ok")).post(RESOURCES + code + "/review").then()
                .statusCode(400).body("field", equalTo("approvals.purchase"));
        as(REVIEWER).body(Map.of("decision", "APPROVE", "approvals", Map.of("purchase", PURCHASE))).post(RESOURCES + code + "/review")
                .then().statusCode(200).body("purchase.supplier", equalTo("另一信用服务公司"));
    }

    @Test
    void aNewResourceDeclaredOpenIsNotPublishedWithoutTheSecurityAndSecrecyReview() {
        String code = "T-ART25-001";
        create(SPECIALIST_SAMR, draft(code)).statusCode(201);
        as(SPECIALIST_SAMR).post(RESOURCES + code + "/submit").then().statusCode(200);
        as(REVIEWER).get("/api/v1/catalog/review-queue").then()
                .body("find { it.code == '" + code + "' }.needs", equalTo(List.of("SECURITY_REVIEW")));

        as(REVIEWER).body(Map.of("decision", "APPROVE", "comment", "ok")).post(RESOURCES + code + "/review").then()
                .statusCode(400).body("field", equalTo("securityReview.deIdentificationMethod"))
                .body("detail", containsString("art. 25"));
        Map<String, Object> partial = new HashMap<>(OPENING_REVIEW);
        partial.put("secrecyClassificationChecked", "ok");
        as(REVIEWER).body(Map.of("decision", "APPROVE", "securityReview", partial)).post(RESOURCES + code + "/review").then()
                .statusCode(400).body("field", equalTo("securityReview.secrecyClassificationChecked"));
        assertTrue(catalog.publishedSpec(code).isEmpty(), "not on the open API before the review");
        given().get("/api/v1/open/resources").then().statusCode(200).body("code", not(hasItem(code)));

        as(REVIEWER).body(Map.of("decision", "APPROVE", "securityReview", OPENING_REVIEW)).post(RESOURCES + code + "/review")
                .then().statusCode(200).body("status", equalTo("PUBLISHED"));
        as(REVIEWER).get(RESOURCES + code + "/history").then()
                .body("find { it.action == 'APPROVED' }.securityReview.secrecyClassificationChecked",
                        equalTo(OPENING_REVIEW.get("secrecyClassificationChecked")))
                .body("find { it.action == 'SUBMITTED' }.securityReview", nullValue());
    }
}
