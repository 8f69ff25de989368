package org.pdxhub.hub.sharing;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.jms.ConnectionFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pdxhub.hub.store.Sql;
import org.pdxhub.hub.testing.MovableClock;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.pdxhub.hub.sharing.RequestFixtures.*;

/** Share requests (共享申请, art. 18): deadlines in working days, decisions, disputes, and the grant they produce. */
@QuarkusTest
public class ShareRequestsTest {

    @Inject
    Sql sql;

    @Inject
    ConnectionFactory connectionFactory;

    @Inject
    ObjectMapper json;

    MovableClock clock;

    @BeforeEach
    void fixTheClock() {
        clock = new MovableClock(LocalDate.parse("2026-09-30"));
        QuarkusMock.installMockForType(clock, Clock.class);
    }

    @Test
    void anUnconditionalRequestIsReviewedWithinOneWorkingDayAndItsApprovalIssuesExactlyTheRequestedGrant() {
        // 2026-09-30 + 1 working day: the National Day week (10-01..10-07) is not counted.
        String id = as(SPECIALIST_PSB).body(ask(ENTITIES, "uscc", "entity_name")).post("/api/v1/share-requests")
                .then().statusCode(201)
                .body("status", equalTo("SUBMITTED")).body("dueBy", equalTo("2026-10-08"))
                .body("waitingFor.organisation", equalTo(AGENCY)).body("waitingFor.role", equalTo("REVIEWER"))
                .extract().path("id");

        clock.set(LocalDate.parse("2026-10-08"));
        String grant = as(REVIEWER).body(Map.of("decision", "APPROVE")).post("/api/v1/share-requests/" + id + "/decision")
                .then().statusCode(200).body("status", equalTo("APPROVED")).body("grantId", notNullValue())
                .extract().path("grantId");

        as(SPECIALIST_PSB).get("/api/v1/grants/" + grant).then().statusCode(200)
                .body("state", equalTo("LIVE"))
                .body("grant.holderUscc", equalTo(PSB)).body("grant.resourceCode", equalTo(ENTITIES))
                .body("grant.fields", equalTo(List.of("uscc", "entity_name")))
                .body("grant.source", equalTo("SHARE_REQUEST")).body("grant.sourceId", equalTo(id))
                .body("grant.validFrom", startsWith("2026-10-08T02:00")).body("grant.validTo", startsWith("2027-10-08T02:00"));
        as(SPECIALIST_PSB).get("/api/v1/grants").then().body("grant.id", hasItem(grant));
    }

    @Test
    void aRequestOnAFridayIsDueAfterTheWeekend() {
        clock.set(LocalDate.parse("2026-11-20"));
        as(SPECIALIST_PSB).body(ask(ENTITIES, "uscc")).post("/api/v1/share-requests")
                .then().statusCode(201).body("dueBy", equalTo("2026-11-23"));
        as(SPECIALIST_HRSS).body(conditional(ask(POPULATION, "citizen_id"))).post("/api/v1/share-requests")
                .then().statusCode(201).body("dueBy", equalTo("2026-11-27"));
    }

    @Test
    void aConditionalRequestWaitsFiveWorkingDaysForTheProviderAndTheMakeUpSaturdayCounts() {
        // 10-08, 10-09, 10-10 (make-up Saturday), 10-12, 10-13.
        as(SPECIALIST_HRSS).body(conditional(ask(POPULATION, "citizen_id", "person_name"))).post("/api/v1/share-requests")
                .then().statusCode(201)
                .body("dueBy", equalTo("2026-10-13")).body("workingDaysLeft", equalTo(5))
                .body("waitingFor.organisation", equalTo(PSB)).body("waitingFor.role", equalTo("SPECIALIST"))
                .body("waitingFor.person", equalTo("公安局数据专员"))
                .body("commitment", containsString("承诺"));
    }

    @Test
    void aRefusalCarriesItsReasonTheDisputeGoesToTheReviewerWhoseApprovalIssuesTheGrant() {
        String id = conditionalRequest();
        clock.set(LocalDate.parse("2026-10-08"));
        as(SPECIALIST_PSB).body(Map.of("decision", "REJECT", "reason", "申请字段超出核验需要", "basis", "本局共享条件第2条"))
                .post("/api/v1/share-requests/" + id + "/decision")
                .then().statusCode(200).body("status", equalTo("REJECTED"))
                .body("decisionReason", equalTo("申请字段超出核验需要")).body("decisionBasis", equalTo("本局共享条件第2条"))
                .body("grantId", nullValue());

        clock.set(LocalDate.parse("2026-10-09"));
        as(SPECIALIST_HRSS).body(Map.of("reason", "参保登记须核验身份，字段已是最少")).post("/api/v1/share-requests/" + id + "/dispute")
                .then().statusCode(200).body("status", equalTo("DISPUTED"))
                .body("waitingFor.organisation", equalTo(AGENCY)).body("waitingFor.role", equalTo("REVIEWER"))
                .body("dueBy", equalTo("2026-10-15"));
        as(REVIEWER).get("/api/v1/share-requests?queue=reviewer").then().body("id", hasItem(id));

        as(REVIEWER).body(Map.of("decision", "APPROVE", "reason", "用途在人社局法定职责内")).post("/api/v1/share-requests/" + id + "/decision")
                .then().statusCode(200).body("status", equalTo("APPROVED")).body("disputeDecision", equalTo("APPROVE"))
                .body("grantId", notNullValue())
                .body("steps.action", equalTo(List.of("SUBMITTED", "REJECTED", "DISPUTED", "DISPUTE_APPROVED")));
    }

    @Test
    void theReviewerCanUpholdADisputedRefusal() {
        String id = conditionalRequest();
        as(SPECIALIST_PSB).body(Map.of("decision", "REJECT", "reason", "r", "basis", "b")).post("/api/v1/share-requests/" + id + "/decision")
                .then().statusCode(200);
        as(SPECIALIST_HRSS).body(Map.of("reason", "needed")).post("/api/v1/share-requests/" + id + "/dispute").then().statusCode(200);
        as(REVIEWER).body(Map.of("decision", "REJECT", "reason", "超出职责", "basis", "《社会保险法》")).post("/api/v1/share-requests/" + id + "/decision")
                .then().statusCode(200).body("status", equalTo("REFUSAL_UPHELD")).body("grantId", nullValue());
    }

    @Test
    void aRequestForANotSharedResourceIsRefusedAtOnceWithTheCatalogsLegalBasis() {
        publishMarketResource("T-REQ-NONE-001", "NONE", "NONE");
        String id = as(SPECIALIST_PSB).body(ask("T-REQ-NONE-001", "uscc")).post("/api/v1/share-requests")
                .then().statusCode(201).body("status", equalTo("REJECTED"))
                .body("decisionBasis", containsString("反不正当竞争法")).body("decidedBy", equalTo("catalog"))
                .extract().path("id");
        var before = snapshot(sql);
        as(SPECIALIST_PSB).body(Map.of("reason", "x")).post("/api/v1/share-requests/" + id + "/dispute")
                .then().statusCode(409).body("type", equalTo("urn:pdx:problem:request.classification"));
        assertEquals(before, snapshot(sql));
    }

    @Test
    void aRequestForFieldsTheResourceDoesNotHaveIsRefusedAndNothingIsStored() {
        var before = snapshot(sql);
        as(SPECIALIST_PSB).body(ask(ENTITIES, "uscc", "bank_account")).post("/api/v1/share-requests")
                .then().statusCode(400).contentType("application/problem+json")
                .body("field", equalTo("fields")).body("detail", containsString("bank_account"));
        as(SPECIALIST_PSB).body(ask(ENTITIES)).post("/api/v1/share-requests").then().statusCode(400).body("field", equalTo("fields"));
        assertEquals(before, snapshot(sql));
    }

    @Test
    void aConditionalRequestWithoutItsCommitmentIsRefusedAndNothingIsStored() {
        var body = conditional(ask(POPULATION, "citizen_id"));
        body.remove("commitment");
        var before = snapshot(sql);
        as(SPECIALIST_HRSS).body(body).post("/api/v1/share-requests")
                .then().statusCode(400).body("field", equalTo("commitment"));
        body = conditional(ask(POPULATION, "citizen_id"));
        body.remove("securityMeasures");
        as(SPECIALIST_HRSS).body(body).post("/api/v1/share-requests")
                .then().statusCode(400).body("field", equalTo("securityMeasures"));
        assertEquals(before, snapshot(sql));
    }

    @Test
    void onlyTheProvidersSpecialistDecidesAndNothingChangesOtherwise() {
        String id = conditionalRequest();
        var before = snapshot(sql);
        // An organisation with no part in the request is refused, and not told who the parties are.
        as(SPECIALIST_SAMR).body(Map.of("decision", "APPROVE")).post("/api/v1/share-requests/" + id + "/decision")
                .then().statusCode(403).body("type", equalTo("urn:pdx:problem:request.not-party"));
        as(REVIEWER).body(Map.of("decision", "APPROVE")).post("/api/v1/share-requests/" + id + "/decision")
                .then().statusCode(403).body("type", equalTo("urn:pdx:problem:request.not-assignee"))
                .body("detail", containsString("(data specialist) of " + PSB));
        as(SPECIALIST_HRSS).body(Map.of("decision", "APPROVE")).post("/api/v1/share-requests/" + id + "/decision")
                .then().statusCode(403);
        as(SPECIALIST_PSB).body(Map.of("decision", "REJECT", "reason", "no basis given")).post("/api/v1/share-requests/" + id + "/decision")
                .then().statusCode(400).body("field", equalTo("basis"));
        assertEquals(before, snapshot(sql));
        as(SPECIALIST_HRSS).get("/api/v1/share-requests/" + id).then().body("status", equalTo("SUBMITTED")).body("grantId", nullValue());
    }

    @Test
    void aClosedRequestTakesNoDecisionAndAnUnrefusedOneNoDispute() {
        String id = conditionalRequest();
        var before = snapshot(sql);
        as(SPECIALIST_HRSS).body(Map.of("reason", "too slow")).post("/api/v1/share-requests/" + id + "/dispute")
                .then().statusCode(409).body("type", equalTo("urn:pdx:problem:request.no-refusal"));
        assertEquals(before, snapshot(sql));

        as(SPECIALIST_PSB).body(Map.of("decision", "APPROVE")).post("/api/v1/share-requests/" + id + "/decision").then().statusCode(200);
        before = snapshot(sql);
        as(SPECIALIST_PSB).body(Map.of("decision", "REJECT", "reason", "r", "basis", "b")).post("/api/v1/share-requests/" + id + "/decision")
                .then().statusCode(409).body("type", equalTo("urn:pdx:problem:request.closed"));
        as(SPECIALIST_HRSS).body(Map.of("reason", "x")).post("/api/v1/share-requests/" + id + "/dispute")
                .then().statusCode(409).body("type", equalTo("urn:pdx:problem:request.no-refusal"));
        assertEquals(before, snapshot(sql));
    }

    @Test
    void aRequestNotAnsweredByItsDateIsListedAndCountedAsOverdueForTheProvider() {
        String id = conditionalRequest();
        clock.set(LocalDate.parse("2026-10-13"));
        as(REVIEWER).get("/api/v1/share-requests/overdue").then().body("requests.id", not(hasItem(id)));
        clock.set(LocalDate.parse("2026-10-14"));
        as(REVIEWER).get("/api/v1/share-requests/overdue").then().statusCode(200)
                .body("today", equalTo("2026-10-14"))
                .body("requests.id", hasItem(id))
                .body("requests.find { it.id == '" + id + "' }.workingDaysLeft", equalTo(-1));
        as(SPECIALIST_PSB).get("/api/v1/share-requests?queue=provider").then().body("find { it.id == '" + id + "' }.overdue", equalTo(true));
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertTrue(metrics.lines().anyMatch(l -> l.startsWith("pdx_requests_overdue{") && l.contains("organisation=\"" + PSB + "\"")
                && !l.endsWith(" 0.0")), "pdx_requests_overdue for the provider");
    }

    @Test
    void theProvidersSpecialistIsToldOnTheNotifyQueue() throws Exception {
        String id = conditionalRequest();
        await().atMost(Duration.ofSeconds(10)).until(() -> notifications(connectionFactory, json).stream().anyMatch(n -> id.equals(n.get("requestId"))));
        Map<String, Object> n = notifications(connectionFactory, json).stream().filter(x -> id.equals(x.get("requestId"))).findFirst().orElseThrow();
        assertEquals("SHARE_DECISION_DUE", n.get("kind"));
        assertEquals(Map.of("organisation", PSB, "role", "SPECIALIST", "person", "公安局数据专员"), n.get("actor"));
        assertEquals("2026-10-13", n.get("dueBy"));
    }

    private String conditionalRequest() {
        return as(SPECIALIST_HRSS).body(conditional(ask(POPULATION, "citizen_id", "person_name"))).post("/api/v1/share-requests")
                .then().statusCode(201).extract().path("id");
    }

    private static org.hamcrest.Matcher<String> startsWith(String prefix) {
        return org.hamcrest.Matchers.startsWith(prefix);
    }

    private static void assertTrue(boolean condition, String message) {
        org.junit.jupiter.api.Assertions.assertTrue(condition, message);
    }
}
