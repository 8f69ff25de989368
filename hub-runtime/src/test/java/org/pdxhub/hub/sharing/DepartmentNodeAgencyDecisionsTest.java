package org.pdxhub.hub.sharing;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.pdxhub.hub.catalog.DepartmentNodeReviewTest;
import org.pdxhub.hub.envelope.Headers;
import org.pdxhub.hub.link.ChildRequests;
import org.pdxhub.hub.link.LinkTarget;
import org.pdxhub.hub.link.ParentAnswers;
import org.pdxhub.hub.link.RelayedRequests;
import org.pdxhub.hub.link.RestLinks;
import org.pdxhub.hub.link.SentUp;
import org.pdxhub.hub.signing.SignedClient;
import org.pdxhub.hub.store.Sql;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pdxhub.hub.sharing.RequestFixtures.*;

/**
 * On the market regulator's own node, whose data agency is at the node above (art. 18, 21, 26):
 * every decision the measures give to the agency (the formal review of an UNCONDITIONAL share or
 * verification request, a demand the agency coordinates, the public's too, the identity check of a
 * natural person, a natural person's dispute) is sent up the parent link with its due date, nobody
 * here makes it, and only the parent's answer is applied.
 */
@QuarkusTest
@TestProfile(DepartmentNodeReviewTest.MarketRegulatorsNode.class)
class DepartmentNodeAgencyDecisionsTest {

    static final String SAMR_REVIEWER = "demo-reviewer-market";

    @Inject
    RelayedRequests relayed;

    @Inject
    CamelContext camel;

    @Inject
    ObjectMapper json;

    @Inject
    Sql sql;

    @Inject
    SignedClient client;

    @Inject
    SentUp sentUp;

    @ConfigProperty(name = "quarkus.http.test-port")
    int port;

    @Test
    void theFormalReviewOfAnUnconditionalShareRequestIsTheAgencysAtItsNode() throws Exception {
        String id = as(SPECIALIST_HRSS).body(ask(ENTITIES, "uscc")).post("/api/v1/share-requests").then().statusCode(201)
                .body("status", equalTo("SUBMITTED")).body("waitingFor.organisation", equalTo(AGENCY)).extract().path("id");
        String origin = sent(id, "REVIEW");

        // The market regulator's own reviewer is no reviewer here, nor is an agency key held at this node.
        as(SAMR_REVIEWER).body(Map.of("decision", "APPROVE")).post("/api/v1/share-requests/" + id + "/decision").then().statusCode(403)
                .body("detail", containsString(AGENCY));
        as(REVIEWER).body(Map.of("decision", "APPROVE")).post("/api/v1/share-requests/" + id + "/decision").then().statusCode(403)
                .body("type", containsString("request.decided-at-agency-node")).body("detail", containsString(AGENCY));
        as(SPECIALIST_HRSS).get("/api/v1/relayed-disputes/sent").then().statusCode(200)
                .body("find { it.origin == '" + origin + "' }.stage", equalTo("REVIEW"))
                .body("find { it.origin == '" + origin + "' }.requestId", equalTo(id));

        // A decision that comes over any link but the parent's is not the agency's: it is dropped.
        relayed.receive(answer(origin, Map.of("status", "APPROVED", "decision", "APPROVE")), child());
        as(SPECIALIST_HRSS).get("/api/v1/share-requests/" + id).then().body("status", equalTo("SUBMITTED"));

        relayed.receive(answer(origin, Map.of("status", "APPROVED", "decision", "APPROVE", "reason", "形式审核通过")), parent());
        as(SPECIALIST_HRSS).get("/api/v1/share-requests/" + id).then().body("status", equalTo("APPROVED")).body("grantId", notNullValue());
    }

    @Test
    void aDecisionUnsignedOrSignedByAPeerThatIsNotTheParentIsRefusedAndNothingIsApplied() throws Exception {
        String id = as(SPECIALIST_HRSS).body(ask(ENTITIES, "uscc")).post("/api/v1/share-requests").then().statusCode(201)
                .extract().path("id");
        String origin = sent(id, "REVIEW");
        Map<String, Object> headers = Map.of(RelayedRequests.KIND, "ANSWER", Headers.MESSAGE_ID, origin, Headers.DIRECTION, "DOWN",
                Headers.SOURCE_NODE, "ganzi-prefecture", Headers.SOURCE_ORG, AGENCY, Headers.RESOURCE, ENTITIES);
        byte[] envelope = RestLinks.envelope(json, headers, json.writeValueAsBytes(Map.of("status", "APPROVED", "decision", "APPROVE",
                "heldAt", "ganzi-prefecture", "reviewer", "州数据局审核员")));

        // Unsigned: nobody.
        given().contentType("application/json").body(envelope).post("/api/v1/links/in").then().statusCode(401);
        // Signed, by a key of the public security bureau, claiming to be the agency's node: not the parent.
        SignedClient.Response r = client.sendOnce("ganzi-prefecture", URI.create("http://127.0.0.1:" + port), "POST", "/api/v1/links/in",
                envelope, Map.of("Content-Type", "application/json", "Pdx-Message-Id", origin));
        assertEquals(403, r.status(), r.text());
        assertTrue(r.text().contains("link.unknown-node"), r.text());

        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4)).untilAsserted(() ->
                as(SPECIALIST_HRSS).get("/api/v1/share-requests/" + id).then().body("status", equalTo("SUBMITTED")));
    }

    @Test
    void aDemandTheAgencyCoordinatesIsAnsweredAtTheAgencysNode() throws Exception {
        String id = as(SPECIALIST_HRSS).body(Map.of("provider", KANGDING, "description", "康定市个体工商户年报数据", "purpose",
                        "就业补贴资格核验")).post("/api/v1/demand-requests").then().statusCode(201)
                .body("waitingFor.organisation", equalTo(AGENCY)).extract().path("id");
        String origin = sent(id, "DEMAND");
        as(REVIEWER).body(Map.of("decision", "REJECT", "reason", "本地", "basis", "无")).post("/api/v1/demand-requests/" + id + "/response")
                .then().statusCode(403).body("type", containsString("request.decided-at-agency-node"));

        relayed.receive(answer(origin, Map.of("status", "REJECTED", "decision", "REJECT", "reason", "该数据由县级平台提供，请向康定市申请",
                "basis", "《办法》第二十一条")), parent());
        as(SPECIALIST_HRSS).get("/api/v1/demand-requests/" + id).then().body("status", equalTo("REJECTED"))
                .body("decisionBasis", equalTo("《办法》第二十一条"));
    }

    @Test
    void aNaturalPersonsDisputeOfARefusalHereIsDecidedByTheAgencyAtItsNode() throws Exception {
        String code = "T-DEPT-PERSON-001";
        publishOpenConditional(code);
        var filed = given().contentType("application/json").body(person(code)).post("/api/v1/open/applications").then().statusCode(201)
                .extract();
        String token = filed.path("token");
        String pid = filed.path("id");
        relayed.receive(answer(sent(pid, "IDENTITY"), Map.of("status", "VERIFIED", "decision", "APPROVE",
                "reason", "政务服务大厅核验身份证原件")), parent());
        as(SPECIALIST_SAMR).body(Map.of("decision", "REJECT", "reason", "用途与开放条件不符", "basis", "开放条件：仅用于信用评估"))
                .post("/api/v1/open-applications/" + pid + "/decision").then().statusCode(200).body("status", equalTo("REJECTED"));
        given().contentType("application/json").body(Map.of("reason", "我的用途是信用修复"))
                .post("/api/v1/open/applications/" + token + "/dispute").then().statusCode(200).body("status", equalTo("DISPUTED"));
        String origin = sent(pid, "DISPUTE");
        assertEquals(SAMR, sql.one("select requester_org from relayed_request where origin_id = ?", rs -> rs.getString(1), origin)
                .orElseThrow(), "a person holds no key: the node's organisation relays the dispute");

        // The refusing department cannot settle it, nor an agency key held here.
        as(SPECIALIST_SAMR).body(Map.of("decision", "APPROVE")).post("/api/v1/open-applications/" + pid + "/decision").then().statusCode(403);
        as(REVIEWER).body(Map.of("decision", "APPROVE")).post("/api/v1/open-applications/" + pid + "/decision").then().statusCode(403)
                .body("type", containsString("request.decided-at-agency-node"));

        relayed.receive(answer(origin, Map.of("status", "APPROVED", "decision", "APPROVE", "reason", "信用修复属开放条件所列用途")), parent());
        given().get("/api/v1/open/applications/" + token).then().body("status", equalTo("APPROVED"))
                .body("disputeDecision", equalTo("APPROVE"));
    }

    @Test
    void aPublicDemandForDataNobodyHereHoldsIsAnsweredAtTheAgencysNodeNotByAnyKeyHere() throws Exception {
        String id = anyone().body(Map.of("description", "甘孜州高原旅游接待人次统计", "purpose", "旅游线路规划", "name", "公众"))
                .post("/api/v1/open/demands").then().statusCode(201).extract().path("id");
        String origin = sent(id, "DEMAND");
        assertEquals(SAMR, sql.one("select requester_org from relayed_request where origin_id = ?", rs -> rs.getString(1), origin)
                .orElseThrow(), "the public holds no key: the node's organisation relays the demand");

        as(REVIEWER).body(Map.of("decision", "APPROVE")).post("/api/v1/demand-requests/" + id + "/response").then().statusCode(403)
                .body("type", containsString("request.decided-at-agency-node"));
        answeredByAChild(origin, Map.of("status", "REJECTED", "decision", "REJECT", "reason", "x", "basis", "y"));
        as(REVIEWER).get("/api/v1/demand-requests/" + id).then().body("status", equalTo("SUBMITTED"));

        answeredByTheAgency(origin, Map.of("status", "REJECTED", "decision", "REJECT", "reason", "该数据由州文旅局提供，已转交",
                "basis", "《办法》第二十七条"));
        as(REVIEWER).get("/api/v1/demand-requests/" + id).then().body("status", equalTo("REJECTED"))
                .body("decisionBasis", equalTo("《办法》第二十七条"));
    }

    @Test
    void theFormalReviewOfAVerificationRequestIsTheAgencysAtItsNode() throws Exception {
        String id = as(SPECIALIST_HRSS).body(Map.of("resource", ENTITIES, "fields", List.of("entity_name", "business_status"),
                        "purpose", "参保单位核验", "purposeCode", "si-employer-check")).post("/api/v1/verification-requests").then()
                .statusCode(201).body("kind", equalTo("VERIFICATION")).body("waitingFor.organisation", equalTo(AGENCY))
                .extract().path("id");
        String origin = sent(id, "REVIEW");
        assertTrue(sentUp.body(origin).contains("\"kind\":\"VERIFICATION\""), sentUp.body(origin));

        as(SAMR_REVIEWER).body(Map.of("decision", "APPROVE")).post("/api/v1/verification-requests/" + id + "/decision").then()
                .statusCode(403);
        as(REVIEWER).body(Map.of("decision", "APPROVE")).post("/api/v1/verification-requests/" + id + "/decision").then()
                .statusCode(403).body("type", containsString("request.decided-at-agency-node"));
        answeredByTheAgency(origin, Map.of("status", "WAITING", "dueBy", "2026-12-10"));
        as(SPECIALIST_HRSS).get("/api/v1/relayed-disputes/sent").then()
                .body("find { it.origin == '" + origin + "' }.agencyDueBy", equalTo("2026-12-10"))
                .body("find { it.origin == '" + origin + "' }.dueBy", notNullValue());
        answeredByAChild(origin, Map.of("status", "APPROVED", "decision", "APPROVE"));
        as(SPECIALIST_HRSS).get("/api/v1/verification-requests/" + id).then().body("status", equalTo("SUBMITTED"));

        answeredByTheAgency(origin, Map.of("status", "APPROVED", "decision", "APPROVE", "reason", "形式审核通过"));
        as(SPECIALIST_HRSS).get("/api/v1/verification-requests/" + id).then().body("status", equalTo("APPROVED"))
                .body("grantId", notNullValue());
    }

    @Test
    void aPersonsIdentityIsCheckedByTheAgencyAtItsNodeWhichIsToldOnlyTheMaskedNameAndIdNumber() throws Exception {
        String code = "T-DEPT-PERSON-002";
        publishOpenConditional(code);
        var filed = given().contentType("application/json").body(person(code)).post("/api/v1/open/applications").then().statusCode(201)
                .body("identityVerified", equalTo(false)).extract();
        String pid = filed.path("id");
        String token = filed.path("token");
        String origin = sent(pid, "IDENTITY");
        String up = sentUp.body(origin);
        assertTrue(up.contains("泽*") && up.contains("513321********0019"), up);
        for (String kept : List.of("泽仁", "513321199001010019", "13800005678", "个人信用修复", "查询本人名下企业登记信息")) {
            assertFalse(up.contains(kept), "the agency's node is told no " + kept + ": " + up);
        }

        // An agency key held here checks nothing: the agency does, at its node.
        as(REVIEWER).body(Map.of("means", "政务服务大厅核验身份证原件")).post("/api/v1/open-applications/" + pid + "/identity").then()
                .statusCode(403).body("type", containsString("request.decided-at-agency-node")).body("detail", containsString(AGENCY));
        answeredByAChild(origin, Map.of("status", "VERIFIED", "decision", "APPROVE", "reason", "核验身份证原件"));
        given().get("/api/v1/open/applications/" + token).then().body("identityVerified", equalTo(false));

        answeredByTheAgency(origin, Map.of("status", "VERIFIED", "decision", "APPROVE", "reason", "政务服务大厅核验身份证原件"));
        given().get("/api/v1/open/applications/" + token).then().body("identityVerified", equalTo(true));
        as(SPECIALIST_SAMR).get("/api/v1/open-applications/" + pid).then().body("waitingFor.organisation", equalTo(SAMR));
    }

    /** Publishes a resource of the market regulator open on conditions, as the agency's node approves it over the link. */
    private void publishOpenConditional(String code) throws Exception {
        Map<String, Object> d = new HashMap<>();
        d.put("code", code);
        d.put("name", "测试资源 " + code);
        d.put("provider", SAMR);
        d.put("description", "a resource made by a test");
        d.put("category", "DEPARTMENT");
        d.put("shareType", "UNCONDITIONAL");
        d.put("openType", "CONDITIONAL");
        d.put("openConditions", "仅向从事信用服务的机构开放，用于信用评估");
        d.put("updateCycle", "MONTHLY");
        d.put("keyField", "uscc");
        d.put("items", List.of(Map.of("name", "uscc", "type", "STRING", "personal", false, "sensitivity", 1, "identifierKind", "uscc"),
                Map.of("name", "licence_no", "type", "STRING", "personal", false, "sensitivity", 1)));
        as(SPECIALIST_SAMR).body(d).post("/api/v1/catalog/resources").then().statusCode(201);
        as(SPECIALIST_SAMR).post("/api/v1/catalog/resources/" + code + "/submit").then().statusCode(200);
        String origin = sql.list("select origin_id from agency_review_sent where resource_code = ? order by sent_at desc",
                rs -> rs.getString(1), code).get(0);
        relayed.receive(answer(origin, Map.of("status", "APPROVED", "decision", "APPROVE", "reason", "ok", "securityReview", Map.of(
                "deIdentificationMethod", "个人信息项按开放脱敏规则掩码, 统一社会信用代码保留",
                "consentOrLegalBasis", "《四川省公共数据开放条例》第二十条; 开放清单测试条目",
                "secrecyClassificationChecked", "对照保密事项范围目录核查: 不涉及国家秘密和工作秘密"))), parent());
        as(SPECIALIST_SAMR).get("/api/v1/catalog/resources/" + code).then().body("status", equalTo("PUBLISHED"));
    }

    private static Map<String, Object> person(String code) {
        Map<String, Object> m = new HashMap<>();
        m.put("name", "泽仁");
        m.put("idNumber", "513321199001010019");
        m.put("contact", "13800005678");
        m.put("resource", code);
        m.put("fields", List.of("uscc"));
        m.put("purpose", "个人信用修复");
        m.put("scenario", "查询本人名下企业登记信息");
        return m;
    }

    /** The relayed request that carries request {@code id}'s {@code stage} to the agency. */
    private String sent(String id, String stage) {
        return sql.list("select origin_id from agency_review_sent where request_id = ? and kind = ? order by sent_at desc",
                rs -> rs.getString(1), id, stage).get(0);
    }

    private void answeredByTheAgency(String origin, Map<String, Object> decision) {
        relayed.receive(answer(origin, decision), parent());
    }

    private void answeredByAChild(String origin, Map<String, Object> decision) {
        relayed.receive(answer(origin, decision), child());
    }

    private Exchange answer(String origin, Map<String, Object> decision) {
        return ParentAnswers.answer(camel, json, origin, decision);
    }

    private static LinkTarget parent() {
        return ParentAnswers.parent(AGENCY);
    }

    /** A node below that lies: it answers for the agency. */
    private static LinkTarget child() {
        return ChildRequests.child("kangding");
    }
}
