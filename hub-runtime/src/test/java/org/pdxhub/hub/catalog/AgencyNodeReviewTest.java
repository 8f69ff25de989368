package org.pdxhub.hub.catalog;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.jms.ConnectionFactory;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;
import org.pdxhub.hub.calendar.WorkingDayCalendar;
import org.pdxhub.hub.link.ChildRequests;
import org.pdxhub.hub.link.LinkTarget;
import org.pdxhub.hub.link.RelayedRequests;
import org.pdxhub.hub.sharing.RelayedDecisions;
import org.pdxhub.hub.store.Sql;
import org.pdxhub.hub.testing.NotifyQueue;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pdxhub.hub.catalog.CatalogFixtures.*;

/**
 * At the agency's node (this test node's organisation is the agency): a county node below sends
 * up a change of its catalog for review (art. 8), or a dispute (art. 18); the agency's reviewer
 * decides it with the same checks as its own (the security and secrecy review of an opening,
 * art. 25; reason and basis for an upheld refusal), and the decision goes back down the link it
 * came by.
 */
@QuarkusTest
class AgencyNodeReviewTest {

    static final String KANGDING = ChildRequests.KANGDING;
    static final String RECEIVED = "/api/v1/catalog-reviews/received";

    @Inject
    RelayedRequests relayed;

    @Inject
    CamelContext camel;

    @Inject
    ObjectMapper json;

    @Inject
    Sql sql;

    @Inject
    WorkingDayCalendar calendar;

    @Inject
    RelayedDecisions decisions;

    @Inject
    ConnectionFactory connectionFactory;

    /** Kangding's social-insurance resource raised from not open to unconditionally open. */
    RelayedReviews.Entry openRaise(String code, String agency) {
        Map<String, Object> published = CatalogReviewTest.socialInsurance(code);
        published.put("provider", KANGDING);
        Map<String, Object> proposed = new HashMap<>(published);
        proposed.put("openType", "UNCONDITIONAL");
        proposed.remove("openBasis");
        return new RelayedReviews.Entry(agency, code, 7L, CatalogChange.Kind.CHANGE, KANGDING,
                json.convertValue(published, ResourceDraft.class), json.convertValue(proposed, ResourceDraft.class),
                "open for research", UpgradeGround.DE_IDENTIFICATION, "citizen_id pseudonymised with SM3, names dropped",
                true, false, List.of(AgencyApprovals.Need.SECURITY_REVIEW), "kangding", Instant.parse("2026-11-30T02:00:00Z"));
    }

    @Test
    void anOpenRaiseSentUpIsApprovedOnlyByTheAgencyWithTheSecurityReview() throws Exception {
        String origin = RelayedRequests.PREFIX + UUID.randomUUID();
        relayed.receive(request(origin, openRaise("T-KD-SI-001", "11513300MB0000001E")), kangding());
        assertEquals("WAITING", status(origin));
        String id = sql.one("select local_request_id from relayed_request where origin_id = ?", rs -> rs.getString(1), origin).orElseThrow();

        as(REVIEWER).get(RECEIVED).then().statusCode(200).body("id", hasItem(id));
        as("demo-reviewer-market").get(RECEIVED).then().statusCode(403);
        as("demo-reviewer-market").body(Map.of("decision", "APPROVE", "securityReview", CatalogReviewTest.SECURITY_REVIEW))
                .post(RECEIVED + "/" + id + "/decision").then().statusCode(403);
        as(REVIEWER).body(Map.of("decision", "APPROVE", "comment", "可以")).post(RECEIVED + "/" + id + "/decision").then()
                .statusCode(400).body("field", equalTo("securityReview.deIdentificationMethod"));
        as(REVIEWER).body(Map.of("decision", "APPROVE", "securityReveiw", CatalogReviewTest.SECURITY_REVIEW))
                .post(RECEIVED + "/" + id + "/decision").then().statusCode(400).body("field", equalTo("securityReveiw"));
        assertEquals("WAITING", status(origin), "a refused decision sends nothing down");

        as(REVIEWER).body(Map.of("decision", "APPROVE", "comment", "安全保密审查通过", "securityReview", CatalogReviewTest.SECURITY_REVIEW))
                .post(RECEIVED + "/" + id + "/decision").then().statusCode(200).body("status", equalTo("APPROVED"));
        assertEquals("APPROVED", status(origin));
        String answer = sql.one("select answer from relayed_request where origin_id = ?", rs -> rs.getString(1), origin).orElseThrow();
        assertTrue(answer.contains("secrecyClassificationChecked") && answer.contains("安全保密审查通过"), answer);
        as(REVIEWER).get(RECEIVED).then().body("id", not(hasItem(id)));
    }

    @Test
    void aReviewForAnotherAgencyIsNotFiledHere() throws Exception {
        String origin = RelayedRequests.PREFIX + UUID.randomUUID();
        relayed.receive(request(origin, openRaise("T-KD-SI-002", "11513301MB0000002X")), kangding());
        assertEquals("NOT_HELD", status(origin));
        assertEquals(0L, sql.count("select count(*) from relayed_review where resource_code = ?", "T-KD-SI-002"));
    }

    @Test
    void aDisputeSentUpIsDecidedByTheAgencysReviewerWithReasonAndBasisForAnUpheldRefusal() throws Exception {
        String origin = RelayedRequests.PREFIX + UUID.randomUUID();
        Map<String, Object> dispute = new HashMap<>();
        dispute.put("agency", "11513300MB0000001E");
        dispute.put("requestId", "R-KD-1");
        dispute.put("kind", "SHARE");
        dispute.put("resource", "KD-CIVIL-001");
        dispute.put("requester", KANGDING);
        dispute.put("provider", "11513301MB0000003Q");
        dispute.put("refusal", "用途不明");
        dispute.put("refusalBasis", "共享条件");
        dispute.put("disputeReason", "用于低保资格核验");
        Exchange e = request(origin, "KD-CIVIL-001", json.writeValueAsBytes(dispute));
        e.getMessage().setHeader("PdxAsk", "DISPUTE_DECISION");
        relayed.receive(e, kangding());
        assertEquals("WAITING", status(origin));
        String id = sql.one("select local_request_id from relayed_request where origin_id = ?", rs -> rs.getString(1), origin).orElseThrow();

        as("demo-reviewer-market").body(Map.of("decision", "APPROVE")).post("/api/v1/relayed-disputes/received/" + id + "/decision")
                .then().statusCode(403);
        as(REVIEWER).body(Map.of("decision", "REJECT", "reason", "维持")).post("/api/v1/relayed-disputes/received/" + id + "/decision")
                .then().statusCode(400).body("field", equalTo("basis"));
        as(REVIEWER).get("/api/v1/relayed-disputes/received").then().statusCode(200).body("id", hasItem(id));
        as(REVIEWER).body(Map.of("decision", "APPROVE", "reason", "用途属实")).post("/api/v1/relayed-disputes/received/" + id + "/decision")
                .then().statusCode(200).body("status", equalTo("APPROVED"));
        assertEquals("APPROVED", status(origin));
    }

    @Test
    void aFormalReviewSentUpWaitsForTheAgencyByTheDateCountedFromItsReceiptBelowAndAReviewerRefusesWithReasonAndBasis()
            throws Exception {
        String origin = RelayedRequests.PREFIX + UUID.randomUUID();
        Map<String, Object> review = new HashMap<>();
        review.put("agency", "11513300MB0000001E");
        review.put("stage", "REVIEW");
        review.put("requestId", "SR-KD-1");
        review.put("kind", "SHARE");
        review.put("resource", "KD-CIVIL-002");
        review.put("requester", KANGDING);
        review.put("provider", "11513301MB0000003Q");
        review.put("purpose", "低保资格核验");
        review.put("fields", List.of("citizen_id"));
        review.put("receivedOn", "2026-11-27");
        review.put("dueBy", "2026-12-04");
        Exchange e = request(origin, "KD-CIVIL-002", json.writeValueAsBytes(review));
        e.getMessage().setHeader("PdxAsk", "DISPUTE_DECISION");
        relayed.receive(e, kangding());
        String id = sql.one("select local_request_id from relayed_request where origin_id = ?", rs -> rs.getString(1), origin).orElseThrow();

        // The agency's one working day runs from its receipt here; the department's date is shown beside it.
        as(REVIEWER).get("/api/v1/relayed-disputes/received").then().statusCode(200)
                .body("find { it.id == '" + id + "' }.stage", equalTo("REVIEW"))
                .body("find { it.id == '" + id + "' }.dueBy", equalTo(calendar.addWorkingDays(calendar.today(), 1).toString()))
                .body("find { it.id == '" + id + "' }.departmentDueBy", equalTo("2026-12-04"));
        assertTrue(notified("SHARE_REVIEW_DUE", id, "11513300MB0000001E"), "the agency's reviewer is told, as for its own requests");
        String waiting = sql.one("select answer from relayed_request where origin_id = ?", rs -> rs.getString(1), origin).orElseThrow();
        assertTrue(waiting.contains("\"dueBy\":\"" + calendar.addWorkingDays(calendar.today(), 1) + "\""),
                "the department node is told the agency's own date: " + waiting);
        as("demo-reviewer-market").body(Map.of("decision", "APPROVE")).post("/api/v1/relayed-disputes/received/" + id + "/decision")
                .then().statusCode(403).body("detail", containsString("11513300MB0000001E"));
        as(REVIEWER).body(Map.of("decision", "REJECT", "reason", "用途超出职责")).post("/api/v1/relayed-disputes/received/" + id + "/decision")
                .then().statusCode(400).body("field", equalTo("basis"));
        as(REVIEWER).body(Map.of("decision", "REJECT", "reason", "用途超出职责", "basis", "《办法》第十八条"))
                .post("/api/v1/relayed-disputes/received/" + id + "/decision").then().statusCode(200).body("status", equalTo("REJECTED"));
        assertEquals("REJECTED", status(origin));
        String answer = sql.one("select answer from relayed_request where origin_id = ?", rs -> rs.getString(1), origin).orElseThrow();
        assertTrue(answer.contains("\"decision\":\"REJECT\"") && answer.contains("《办法》第十八条"), answer);
    }

    @Test
    void aRequestForTheAgencyFromANodeThatIsNotItsRequesterIsNotFiled() throws Exception {
        String origin = RelayedRequests.PREFIX + UUID.randomUUID();
        Map<String, Object> review = new HashMap<>();
        review.put("agency", "11513300MB0000001E");
        review.put("stage", "REVIEW");
        review.put("requestId", "SR-KD-2");
        review.put("kind", "SHARE");
        review.put("resource", "KD-CIVIL-003");
        review.put("requester", "11513300MB0000004P");
        Exchange e = request(origin, "KD-CIVIL-003", json.writeValueAsBytes(review));
        e.getMessage().setHeader("PdxAsk", "DISPUTE_DECISION");
        relayed.receive(e, kangding());
        assertEquals("REFUSED", status(origin));
        assertEquals(0L, sql.count("select count(*) from relayed_review where resource_code = ?", "KD-CIVIL-003"));
    }

    @Test
    void aRelayedItemPastTheAgencysOwnDateRemindsTheAgencyOnce() throws Exception {
        String origin = RelayedRequests.PREFIX + UUID.randomUUID();
        Map<String, Object> dispute = forTheAgency("DISPUTE", "R-KD-9", "SHARE", "KD-CIVIL-009");
        dispute.put("requester", KANGDING);
        dispute.put("refusal", "用途不明");
        dispute.put("disputeReason", "用于低保资格核验");
        dispute.put("dueBy", "2026-12-04");
        String id = filedForTheAgency(origin, "KD-CIVIL-009", dispute);
        assertTrue(decisions.remindOverdue().stream().noneMatch(r -> r.id().equals(id)), "not due yet: no reminder");

        // Its own five working days have run out here.
        sql.update("update relayed_review set due_by = ? where id = ?", calendar.today().minusDays(1), id);
        assertTrue(decisions.remindOverdue().stream().anyMatch(r -> r.id().equals(id)));
        assertTrue(notified("RELAYED_DECISION_OVERDUE", id, "11513300MB0000001E"));
        assertTrue(decisions.remindOverdue().stream().noneMatch(r -> r.id().equals(id)), "reminded once per due date");
    }

    @Test
    void anIdentityCheckSentUpIsConfirmedOnlyByTheAgencyWithHowItWasChecked() throws Exception {
        String origin = RelayedRequests.PREFIX + UUID.randomUUID();
        Map<String, Object> check = forTheAgency("IDENTITY", "OA-KD-1", "OPEN_APPLICATION", "KD-CIVIL-004");
        check.put("provider", "11513301MB0000003Q");
        check.put("relayedBy", KANGDING);
        check.put("fromNode", "kangding");
        check.put("dueBy", "2026-12-07");
        check.put("applicant", Map.of("nameMasked", "泽*", "idMasked", "513321********0019"));
        String id = filedForTheAgency(origin, "KD-CIVIL-004", check);
        as(REVIEWER).get("/api/v1/relayed-disputes/received").then().statusCode(200)
                .body("find { it.id == '" + id + "' }.stage", equalTo("IDENTITY"))
                .body("find { it.id == '" + id + "' }.asked.applicant.idMasked", equalTo("513321********0019"))
                .body("find { it.id == '" + id + "' }.dueBy", equalTo(calendar.addWorkingDays(calendar.today(), 5).toString()));

        as("demo-specialist-market").body(Map.of("decision", "APPROVE", "reason", "核验"))
                .post("/api/v1/relayed-disputes/received/" + id + "/decision").then().statusCode(403);
        as(REVIEWER).body(Map.of("decision", "REJECT", "reason", "不符", "basis", "x"))
                .post("/api/v1/relayed-disputes/received/" + id + "/decision").then().statusCode(400).body("field", equalTo("decision"));
        as(REVIEWER).body(Map.of("decision", "APPROVE")).post("/api/v1/relayed-disputes/received/" + id + "/decision").then()
                .statusCode(400).body("field", equalTo("reason"));
        assertEquals("WAITING", status(origin), "a refused decision sends nothing down");

        as(REVIEWER).body(Map.of("decision", "APPROVE", "reason", "政务服务大厅核验身份证原件"))
                .post("/api/v1/relayed-disputes/received/" + id + "/decision").then().statusCode(200)
                .body("status", equalTo("VERIFIED"));
        String answer = sql.one("select answer from relayed_request where origin_id = ?", rs -> rs.getString(1), origin).orElseThrow();
        assertTrue(answer.contains("\"decision\":\"APPROVE\"") && answer.contains("政务服务大厅核验身份证原件"), answer);
    }

    private boolean notified(String kind, String requestId, String organisation) throws Exception {
        return NotifyQueue.told(connectionFactory, json, kind, requestId, organisation);
    }

    /** What a department node sends up for this agency to decide, as its {@code stage} of request {@code requestId}. */
    private static Map<String, Object> forTheAgency(String stage, String requestId, String kind, String resource) {
        Map<String, Object> m = new HashMap<>();
        m.put("agency", "11513300MB0000001E");
        m.put("stage", stage);
        m.put("requestId", requestId);
        m.put("kind", kind);
        m.put("resource", resource);
        return m;
    }

    /** Kangding's node sends {@code body} up for the agency to decide; answers the id it is filed under here. */
    private String filedForTheAgency(String origin, String resource, Map<String, Object> body) throws Exception {
        Exchange e = request(origin, resource, json.writeValueAsBytes(body));
        e.getMessage().setHeader("PdxAsk", "DISPUTE_DECISION");
        relayed.receive(e, kangding());
        return sql.one("select local_request_id from relayed_request where origin_id = ?", rs -> rs.getString(1), origin).orElseThrow();
    }

    private String status(String origin) {
        return sql.one("select status from relayed_request where origin_id = ?", rs -> rs.getString(1), origin).orElseThrow();
    }

    private Exchange request(String origin, RelayedReviews.Entry entry) throws Exception {
        Exchange e = request(origin, entry.code(), json.writeValueAsBytes(entry));
        e.getMessage().setHeader("PdxAsk", RelayedReviews.ASK);
        return e;
    }

    private Exchange request(String origin, String resource, byte[] body) {
        return ChildRequests.message(camel, "REQUEST", origin, resource, body);
    }

    private static LinkTarget kangding() {
        return ChildRequests.child("kangding");
    }
}
