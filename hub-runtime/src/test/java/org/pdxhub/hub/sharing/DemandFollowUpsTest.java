package org.pdxhub.hub.sharing;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.jms.ConnectionFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pdxhub.hub.calendar.WorkingDayCalendar;
import org.pdxhub.hub.testing.MovableClock;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.pdxhub.hub.sharing.RequestFixtures.*;

/** The follow-up of approved demands (art. 21: 及时完成数据汇聚, 并提供数据服务), from the side of a provider who approves and forgets. */
@QuarkusTest
class DemandFollowUpsTest {

    @Inject
    WorkingDayCalendar calendar;

    @Inject
    DemandFollowUps followUps;

    @Inject
    ConnectionFactory connectionFactory;

    @Inject
    ObjectMapper json;

    MovableClock clock;

    /**
     * The day the demands are filed: the next working day after today. A fixed date went wrong on
     * that very day: the node's own resources, published at its start by the wall clock, were then
     * newer than a demand filed at 10:00 of it, and so counted as published to serve it.
     */
    LocalDate filed;

    @BeforeEach
    void fixTheClock() {
        filed = calendar.addWorkingDays(LocalDate.now(MovableClock.SHANGHAI), 1);
        clock = new MovableClock(filed);
        QuarkusMock.installMockForType(clock, Clock.class);
    }

    @Test
    void aDemandIsClosedOnlyByAPublishedResource() throws Exception {
        String id = approvedDemand("个体工商户年报信息");
        LocalDate due = calendar.addWorkingDays(filed, 15);
        as(SPECIALIST_SAMR).get("/api/v1/demand-follow-ups/" + id).then().statusCode(200)
                .body("status", equalTo("OPEN")).body("provider", equalTo(SAMR)).body("requester", equalTo(HRSS))
                .body("dueBy", equalTo(due.toString())).body("workingDaysLeft", equalTo(15));
        await().atMost(Duration.ofSeconds(10)).until(() -> notifications(connectionFactory, json).stream()
                .anyMatch(n -> id.equals(n.get("requestId")) && "DEMAND_FOLLOW_UP_DUE".equals(n.get("kind"))));

        String close = "/api/v1/demand-follow-ups/" + id + "/close";
        // Text is not a catalog entry; neither is a draft, another provider's entry, or one that existed before the demand.
        as(SPECIALIST_SAMR).body(Map.of("note", "已完成汇聚")).post(close).then().statusCode(400).body("field", equalTo("note"));
        as(SPECIALIST_SAMR).body(Map.of("resource", " ")).post(close).then().statusCode(400).body("field", equalTo("resource"));
        as(SPECIALIST_SAMR).body(Map.of("code", "T-DF-DRAFT", "name", "草稿", "provider", SAMR, "category", "DEPARTMENT",
                "shareType", "UNCONDITIONAL", "openType", "UNCONDITIONAL", "updateCycle", "MONTHLY", "keyField", "uscc",
                "items", List.of(Map.of("name", "uscc", "type", "STRING", "personal", false, "sensitivity", 1, "identifierKind", "uscc"))))
                .post("/api/v1/catalog/resources").then().statusCode(201);
        as(SPECIALIST_SAMR).body(Map.of("resource", "T-DF-DRAFT")).post(close).then().statusCode(400)
                .body("type", equalTo("urn:pdx:problem:resource.not-published"));
        as(SPECIALIST_SAMR).body(Map.of("resource", "GZ-HRSS-SI-001")).post(close).then().statusCode(400)
                .body("type", equalTo("urn:pdx:problem:resource.not-provider"));
        as(SPECIALIST_SAMR).body(Map.of("resource", ENTITIES)).post(close).then().statusCode(400)
                .body("type", equalTo("urn:pdx:problem:resource.not-new"));
        as(SPECIALIST_SAMR).get("/api/v1/demand-follow-ups/" + id).then().body("status", equalTo("OPEN"));

        // The entry published to serve the demand closes it; only the provider closes it; the requester is told the code.
        clock.set(filed.plusDays(7));
        publishMarketResource("T-DF-001", "UNCONDITIONAL", "NONE");
        as(SPECIALIST_HRSS).body(Map.of("resource", "T-DF-001")).post(close).then().statusCode(403);
        as(SPECIALIST_SAMR).body(Map.of("resource", "T-DF-001")).post(close).then().statusCode(200)
                .body("status", equalTo("CLOSED")).body("resource", equalTo("T-DF-001"));
        as(SPECIALIST_SAMR).body(Map.of("resource", "T-DF-001")).post(close).then().statusCode(409);
        await().atMost(Duration.ofSeconds(10)).until(() -> notifications(connectionFactory, json).stream()
                .anyMatch(n -> id.equals(n.get("requestId")) && "DEMAND_SERVED".equals(n.get("kind")) && "T-DF-001".equals(n.get("resource"))));
        as(SPECIALIST_HRSS).get("/api/v1/demand-requests/" + id).then().body("steps.action", hasItem("FOLLOW_UP_CLOSED"));
    }

    @Test
    void anApprovedDemandLeftUnservedIsListedOverdueForTheAgency() throws Exception {
        String id = approvedDemand("个体工商户注销信息");
        LocalDate due = calendar.addWorkingDays(filed, 15);
        as(REVIEWER).get("/api/v1/demand-follow-ups/overdue").then().statusCode(200).body("followUps.request", not(hasItem(id)));
        clock.set(due.plusDays(1));
        as(SPECIALIST_SAMR).get("/api/v1/demand-follow-ups/overdue").then().statusCode(403);
        as(REVIEWER).get("/api/v1/demand-follow-ups/overdue").then().statusCode(200).body("followUps.request", hasItem(id));
        followUps.reportOverdue();
        await().atMost(Duration.ofSeconds(10)).until(() -> notifications(connectionFactory, json).stream()
                .anyMatch(n -> id.equals(n.get("requestId")) && "DEMAND_FOLLOW_UP_OVERDUE".equals(n.get("kind"))
                        && n.get("actor") instanceof Map<?, ?> a && AGENCY.equals(a.get("organisation"))));
    }

    private static String approvedDemand(String description) {
        String id = as(SPECIALIST_HRSS).body(Map.of("provider", SAMR, "description", description, "purpose", "灵活就业人员参保动员"))
                .post("/api/v1/demand-requests").then().statusCode(201).extract().path("id");
        as(SPECIALIST_SAMR).body(Map.of("decision", "APPROVE")).post("/api/v1/demand-requests/" + id + "/response").then().statusCode(200);
        return id;
    }
}
