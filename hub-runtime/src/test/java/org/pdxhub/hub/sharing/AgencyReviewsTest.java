package org.pdxhub.hub.sharing;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.pdxhub.hub.store.Sql;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.pdxhub.hub.sharing.RequestFixtures.*;

/**
 * Reviews by the agency only (数据主管部门): a REVIEWER key of a department reviews nothing, its own
 * organisation's resources least of all; refusals are 403 and say which role of which organisation
 * is needed; a request that exists but is not the caller's is a 403, never a 404.
 */
@QuarkusTest
class AgencyReviewsTest {

    /** A key of the market regulator with both the SPECIALIST and the REVIEWER role (config/demo/seed.json). */
    static final String REVIEWER_SAMR = "demo-reviewer-market";
    static final String RESOURCES = "/api/v1/catalog/resources/";

    @Inject
    Sql sql;

    @Test
    void aReviewerOfAnotherOrganisationCannotApproveACatalogEntry() {
        String code = "T-AGENCY-REV-001";
        as(REVIEWER_SAMR).body(draft(code, SAMR)).post("/api/v1/catalog/resources").then().statusCode(201);
        as(REVIEWER_SAMR).post(RESOURCES + code + "/submit").then().statusCode(200);

        as(REVIEWER_SAMR).body(Map.of("decision", "APPROVE", "comment", "looks fine to us")).post(RESOURCES + code + "/review")
                .then().statusCode(403).contentType("application/problem+json")
                .body("type", equalTo("urn:pdx:problem:agency.reviewer-required"))
                .body("detail", containsString("REVIEWER of the data agency " + AGENCY)).body("detail", containsString(SAMR));
        as(SPECIALIST_PSB).body(Map.of("decision", "APPROVE", "comment", "x")).post(RESOURCES + code + "/review")
                .then().statusCode(403).body("detail", containsString(AGENCY));
        as(REVIEWER_SAMR).get("/api/v1/catalog/review-queue").then().statusCode(403).body("detail", containsString(AGENCY));
        as(REVIEWER).get(RESOURCES + code).then().statusCode(200).body("status", equalTo("SUBMITTED"));

        as(REVIEWER).body(Map.of("decision", "APPROVE", "comment", "ok")).post(RESOURCES + code + "/review")
                .then().statusCode(200).body("status", equalTo("PUBLISHED"));
    }

    @Test
    void aReviewerOfAnotherOrganisationCannotApproveADowngradeOfItsOwnResource() {
        String code = "T-AGENCY-REV-002";
        publishMarketResource(code, "UNCONDITIONAL", "UNCONDITIONAL");
        as(REVIEWER_SAMR).body(Map.of("shareType", "NONE", "shareBasis", "《反不正当竞争法》", "reason", "商业秘密"))
                .post(RESOURCES + code + "/changes").then().statusCode(202);

        as(REVIEWER_SAMR).body(Map.of("decision", "APPROVE", "comment", "our own call")).post(RESOURCES + code + "/review")
                .then().statusCode(403).body("type", equalTo("urn:pdx:problem:agency.reviewer-required"))
                .body("detail", containsString(AGENCY));
        as(REVIEWER).get(RESOURCES + code).then().body("version", equalTo(1)).body("shareType", equalTo("UNCONDITIONAL"));
    }

    @Test
    void theAgencyReviewsItsOwnCatalogButNeverWithTheKeyThatWroteTheEntry() {
        String key = as(ADMIN).body(Map.of("id", "agency-cataloguer-and-reviewer", "holder", "州数据局编目兼审核 (test)",
                        "roles", Set.of("SPECIALIST", "REVIEWER")))
                .post("/api/v1/organisations/" + AGENCY + "/keys").then().statusCode(201).extract().path("key");
        String code = "T-AGENCY-REV-003";
        as(key).body(draft(code, AGENCY)).post("/api/v1/catalog/resources").then().statusCode(201);
        as(key).post(RESOURCES + code + "/submit").then().statusCode(200);

        as(key).body(Map.of("decision", "APPROVE", "comment", "mine")).post(RESOURCES + code + "/review")
                .then().statusCode(403).body("type", equalTo("urn:pdx:problem:catalog.own-work"));
        as(REVIEWER).body(Map.of("decision", "APPROVE", "comment", "ok")).post(RESOURCES + code + "/review")
                .then().statusCode(200).body("status", equalTo("PUBLISHED"));
    }

    @Test
    void aReviewerOfAnotherOrganisationCannotDecideADispute() {
        String id = as(SPECIALIST_HRSS).body(conditional(ask(POPULATION, "citizen_id"))).post("/api/v1/share-requests")
                .then().statusCode(201).extract().path("id");
        as(SPECIALIST_PSB).body(Map.of("decision", "REJECT", "reason", "字段超出所需", "basis", "《数据共享目录》共享条件"))
                .post("/api/v1/share-requests/" + id + "/decision").then().statusCode(200).body("status", equalTo("REJECTED"));
        as(SPECIALIST_HRSS).body(Map.of("reason", "参保登记须核验身份")).post("/api/v1/share-requests/" + id + "/dispute")
                .then().statusCode(200).body("status", equalTo("DISPUTED"));
        var before = snapshot(sql);

        as(REVIEWER_SAMR).body(Map.of("decision", "APPROVE")).post("/api/v1/share-requests/" + id + "/decision")
                .then().statusCode(403).contentType("application/problem+json")
                .body("detail", containsString("REVIEWER")).body("detail", containsString(AGENCY));
        as(SPECIALIST_PSB).body(Map.of("decision", "APPROVE")).post("/api/v1/share-requests/" + id + "/decision")
                .then().statusCode(403).body("type", equalTo("urn:pdx:problem:agency.reviewer-required"));
        assertEquals(before, snapshot(sql));

        as(REVIEWER).body(Map.of("decision", "APPROVE")).post("/api/v1/share-requests/" + id + "/decision")
                .then().statusCode(200).body("status", equalTo("APPROVED"));
    }

    @Test
    void aReviewerOfAnotherOrganisationCannotDoTheAgencysFormalReviewNorIssueOrRevokeGrants() {
        String id = as(SPECIALIST_PSB).body(ask(ENTITIES, "uscc")).post("/api/v1/share-requests").then().statusCode(201)
                .body("waitingFor.organisation", equalTo(AGENCY)).extract().path("id");
        as(REVIEWER_SAMR).body(Map.of("decision", "APPROVE")).post("/api/v1/share-requests/" + id + "/decision")
                .then().statusCode(403).body("detail", containsString(AGENCY));
        String grant = as(REVIEWER).body(Map.of("decision", "APPROVE")).post("/api/v1/share-requests/" + id + "/decision")
                .then().statusCode(200).extract().path("grantId");

        as(REVIEWER_SAMR).post("/api/v1/grants/" + grant + "/revoke").then().statusCode(403).body("detail", containsString(AGENCY));
        as(SPECIALIST_PSB).get("/api/v1/grants/" + grant).then().statusCode(200).body("state", equalTo("LIVE"));
        Map<String, Object> emergency = new HashMap<>();
        emergency.put("holder", SAMR);
        emergency.put("resource", POPULATION);
        emergency.put("fields", List.of("citizen_id"));
        emergency.put("purpose", "应急");
        emergency.put("scope", "全州");
        emergency.put("method", "接口查询");
        emergency.put("validTo", Instant.now().plusSeconds(3600).toString());
        as(REVIEWER_SAMR).body(emergency).post("/api/v1/grants/emergency").then().statusCode(403)
                .body("type", equalTo("urn:pdx:problem:emergency.not-agency")).body("detail", containsString(AGENCY));
    }

    @Test
    void anotherOrganisationsSpecialistGets403Not404OnARequestItMayNotDecide() {
        String id = as(SPECIALIST_HRSS).body(conditional(ask(POPULATION, "citizen_id"))).post("/api/v1/share-requests")
                .then().statusCode(201).extract().path("id");
        var before = snapshot(sql);

        as(SPECIALIST_SAMR).body(Map.of("decision", "APPROVE")).post("/api/v1/share-requests/" + id + "/decision")
                .then().statusCode(403).contentType("application/problem+json")
                .body("type", equalTo("urn:pdx:problem:request.not-party"))
                .body("detail", containsString("REVIEWER or ADMIN of the data agency " + AGENCY))
                // who asked and who holds the data stay unsaid to an outsider
                .body("detail", not(containsString(HRSS))).body("detail", not(containsString(PSB)));
        as(SPECIALIST_SAMR).get("/api/v1/share-requests/" + id).then().statusCode(403);
        as(REVIEWER_SAMR).get("/api/v1/share-requests/" + id).then().statusCode(403);
        as(SPECIALIST_HRSS).body(Map.of("decision", "APPROVE")).post("/api/v1/share-requests/" + id + "/decision")
                .then().statusCode(403).body("type", equalTo("urn:pdx:problem:request.not-assignee"))
                .body("detail", containsString("SPECIALIST")).body("detail", containsString(PSB));
        assertEquals(before, snapshot(sql));

        as(SPECIALIST_SAMR).body(Map.of("decision", "APPROVE")).post("/api/v1/share-requests/SR-does-not-exist/decision")
                .then().statusCode(404);
    }

    private static Map<String, Object> draft(String code, String provider) {
        Map<String, Object> d = new HashMap<>();
        d.put("code", code);
        d.put("name", "测试资源 " + code);
        d.put("provider", provider);
        d.put("description", "a resource made by a test");
        d.put("category", "DEPARTMENT");
        d.put("shareType", "UNCONDITIONAL");
        d.put("openType", "NONE");
        d.put("openBasis", "《政务数据共享条例》");
        d.put("updateCycle", "MONTHLY");
        d.put("keyField", "uscc");
        // Both items from their authoritative source, the market regulator (art. 9).
        d.put("items", List.of(Map.of("name", "uscc", "type", "STRING", "personal", false, "sensitivity", 1, "identifierKind", "uscc",
                        "source", SAMR),
                Map.of("name", "licence_no", "type", "STRING", "personal", false, "sensitivity", 1, "source", SAMR)));
        return d;
    }
}
