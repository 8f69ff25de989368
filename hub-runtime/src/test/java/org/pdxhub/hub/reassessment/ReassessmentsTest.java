package org.pdxhub.hub.reassessment;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.Message;
import jakarta.jms.QueueBrowser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pdxhub.hub.access.Caller;
import org.pdxhub.hub.access.Role;
import org.pdxhub.hub.calendar.WorkingDayCalendar;
import org.pdxhub.hub.testing.MovableClock;
import org.pdxhub.hub.today.DueItem;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The periodic re-assessment of classifications (定期更新, art. 15), from the side of the provider who would let it lapse. */
@QuarkusTest
class ReassessmentsTest {

    static final String AGENCY = "11513300MB0000001E";
    static final String SAMR = "11513300MB0000003L";
    static final String PERIOD_DAYS = "250";

    @Inject
    Reassessments reassessments;

    @Inject
    ReassessmentsDue dueItems;

    @Inject
    WorkingDayCalendar calendar;

    @Inject
    ConnectionFactory connectionFactory;

    @Inject
    ObjectMapper json;

    MovableClock clock;

    @BeforeEach
    void fixTheClock() {
        clock = new MovableClock(LocalDate.parse("2026-12-01"));
        QuarkusMock.installMockForType(clock, Clock.class);
    }

    @Test
    void aConditionalClassificationComesDueForReassessment() throws Exception {
        publish("T-RA-001", "CONDITIONAL", "NONE");
        LocalDate published = LocalDate.parse("2026-12-01");
        LocalDate due = calendar.addWorkingDays(published, Integer.parseInt(PERIOD_DAYS));
        as("demo-specialist-market").get("/api/v1/reassessments/T-RA-001").then().statusCode(200)
                .body("reassessment.lastAssessedOn", equalTo(published.toString())).body("reassessment.dueBy", equalTo(due.toString()))
                .body("reassessment.classified", equalTo(List.of("shareType CONDITIONAL", "openType NONE")))
                .body("reassessment.overdue", equalTo(false));
        as("demo-specialist-market").get("/api/v1/reassessments").then().body("reassessments.resource", not(hasItem("T-RA-001")));

        // Five working days before the date: the provider is reminded, once.
        LocalDate fiveBefore = due;
        while (calendar.workingDaysBetween(fiveBefore, due) < 5) {
            fiveBefore = fiveBefore.minusDays(1);
        }
        clock.set(fiveBefore);
        reassessments.remind();
        await().atMost(Duration.ofSeconds(10)).until(() -> notified("REASSESSMENT_DUE", "T-RA-001", SAMR));
        assertTrue(reassessments.remind().stream().noneMatch(d -> d.resource().equals("T-RA-001")), "reminded once per due date");
        as("demo-specialist-market").get("/api/v1/reassessments").then()
                .body("reassessments.find { it.resource == 'T-RA-001' }.workingDaysLeft", equalTo(5));

        // The date passes: the agency sees it overdue and is told; the provider cannot look at the agency's list.
        clock.set(due.plusDays(1));
        as("demo-specialist-market").get("/api/v1/reassessments/overdue").then().statusCode(403);
        as("demo-reviewer").get("/api/v1/reassessments/overdue").then().statusCode(200)
                .body("reassessments.resource", hasItem("T-RA-001"));
        reassessments.remind();
        await().atMost(Duration.ofSeconds(10)).until(() -> notified("REASSESSMENT_OVERDUE", "T-RA-001", AGENCY));

        // The provider concludes KEEP with its reason: the next date counts from today.
        as("demo-specialist-market").body(Map.of("conclusion", "KEEP")).post("/api/v1/reassessments/T-RA-001/conclusion")
                .then().statusCode(400).body("field", equalTo("reason"));
        as("demo-specialist-market").body(Map.of("conclusion", "KEEP", "reason", "许可证号仍涉及商业秘密，共享条件不变"))
                .post("/api/v1/reassessments/T-RA-001/conclusion").then().statusCode(201)
                .body("conclusion", equalTo("KEEP")).body("shareType", equalTo("CONDITIONAL")).body("concludedBy", equalTo("demo-specialist-market"));
        LocalDate today = due.plusDays(1);
        as("demo-specialist-market").get("/api/v1/reassessments/T-RA-001").then()
                .body("reassessment.lastAssessedOn", equalTo(today.toString()))
                .body("reassessment.dueBy", equalTo(calendar.addWorkingDays(today, Integer.parseInt(PERIOD_DAYS)).toString()))
                .body("reassessment.overdue", equalTo(false)).body("history.conclusion", equalTo(List.of("KEEP")));
        as("demo-reviewer").get("/api/v1/reassessments/overdue").then().body("reassessments.resource", not(hasItem("T-RA-001")));
    }

    @Test
    void anUnconditionalClassificationIsNotReassessed() {
        publish("T-RA-002", "UNCONDITIONAL", "UNCONDITIONAL");
        as("demo-specialist-market").get("/api/v1/reassessments/T-RA-002").then().statusCode(409);
        as("demo-reviewer").get("/api/v1/reassessments?state=all").then().statusCode(200)
                .body("reassessments.resource", not(hasItem("T-RA-002")));
    }

    @Test
    void aReassessmentChangesAClassificationOnlyThroughTheAgencysCatalogReview() {
        publish("T-RA-003", "CONDITIONAL", "NONE");
        String conclusion = "/api/v1/reassessments/T-RA-003/conclusion";
        as("demo-specialist-market").body(Map.of("conclusion", "CHANGE", "reason", "不再涉及商业秘密")).post(conclusion)
                .then().statusCode(400).body("field", equalTo("changeId"));
        int editorial = as("demo-specialist-market").body(Map.of("description", "措辞修改", "reason", "typo"))
                .post("/api/v1/catalog/resources/T-RA-003/changes").then().statusCode(200).extract().path("id");
        as("demo-specialist-market").body(Map.of("conclusion", "CHANGE", "reason", "不再涉及商业秘密", "changeId", editorial))
                .post(conclusion).then().statusCode(400).body("field", equalTo("changeId"));
        int change = as("demo-specialist-market").body(Map.of("shareType", "NONE", "shareBasis", "《中华人民共和国反不正当竞争法》第九条",
                "reason", "re-assessment: licence numbers are trade secrets")).post("/api/v1/catalog/resources/T-RA-003/changes")
                .then().statusCode(202).extract().path("id");
        // Another department cannot conclude for the provider.
        as("demo-specialist").body(Map.of("conclusion", "CHANGE", "reason", "x", "changeId", change)).post(conclusion).then().statusCode(403);
        as("demo-specialist-market").body(Map.of("conclusion", "CHANGE", "reason", "不再符合有条件共享", "changeId", change))
                .post(conclusion).then().statusCode(201).body("changeId", equalTo(change));
        // Recorded, not applied: the classification stays until the agency approves the change.
        as("demo-specialist-market").get("/api/v1/catalog/resources/T-RA-003").then()
                .body("shareType", equalTo("CONDITIONAL")).body("pendingChange.status", equalTo("PENDING"));
    }

    @Test
    void aReassessmentComingDueIsOnTheProvidersTodayAndOnTheAgencysOnceLate() {
        publish("T-RA-004", "CONDITIONAL", "NONE");
        LocalDate due = calendar.addWorkingDays(LocalDate.parse("2026-12-01"), Integer.parseInt(PERIOD_DAYS));
        Caller provider = new Caller("demo-specialist-market", SAMR, "市场监管局数据专员", Set.of(Role.SPECIALIST));
        Caller otherDepartment = new Caller("demo-specialist", "11513300MB0000002H", "公安局数据专员", Set.of(Role.SPECIALIST));
        Caller reviewer = new Caller("demo-reviewer", AGENCY, "州数据局审核员", Set.of(Role.REVIEWER));

        assertTrue(titles(provider).noneMatch(t -> t.startsWith("T-RA-004")), "not on Today long before its date");
        clock.set(due.minusDays(3));
        assertTrue(titles(provider).anyMatch(t -> t.startsWith("T-RA-004")), "on the provider's Today as its date nears");
        assertTrue(titles(otherDepartment).noneMatch(t -> t.startsWith("T-RA-004")), "never on another department's");
        assertTrue(titles(reviewer).noneMatch(t -> t.startsWith("T-RA-004")), "the agency is not bothered before it is late");
        clock.set(due.plusDays(1));
        assertTrue(titles(reviewer).anyMatch(t -> t.startsWith("T-RA-004")), "on the agency's Today once late");
    }

    private Stream<String> titles(Caller person) {
        return dueItems.dueFor(person).stream().filter(i -> i.kind().equals("due_reassessment")).map(DueItem::title);
    }

    private static void publish(String code, String share, String open) {
        Map<String, Object> d = new HashMap<>();
        d.put("code", code);
        d.put("name", "测试资源 " + code);
        d.put("provider", SAMR);
        d.put("description", "a resource made by a test");
        d.put("category", "DEPARTMENT");
        d.put("shareType", share);
        d.put("openType", open);
        if (share.equals("CONDITIONAL")) {
            d.put("shareConditions", "仅用于市场监管职责");
        }
        if (open.equals("NONE")) {
            d.put("openBasis", "《企业信息公示暂行条例》");
        }
        d.put("updateCycle", "MONTHLY");
        d.put("format", "API (JSON)");
        d.put("keyField", "uscc");
        d.put("items", List.of(Map.of("name", "uscc", "type", "STRING", "personal", false, "sensitivity", 1, "identifierKind", "uscc"),
                Map.of("name", "licence_no", "type", "STRING", "personal", false, "sensitivity", 1)));
        as("demo-specialist-market").body(d).post("/api/v1/catalog/resources").then().statusCode(201);
        as("demo-specialist-market").post("/api/v1/catalog/resources/" + code + "/submit").then().statusCode(200);
        Map<String, Object> review = new HashMap<>(Map.of("decision", "APPROVE", "comment", "ok"));
        if (!open.equals("NONE")) {
            // A resource declared open is published with the security and secrecy review (art. 25).
            review.put("securityReview", Map.of("deIdentificationMethod", "不含个人信息, 统一社会信用代码按开放规则保留",
                    "consentOrLegalBasis", "《四川省公共数据开放条例》第二十条",
                    "secrecyClassificationChecked", "对照保密事项范围目录核查: 不涉及国家秘密"));
        }
        as("demo-reviewer").body(review).post("/api/v1/catalog/resources/" + code + "/review").then().statusCode(200);
    }

    @SuppressWarnings("unchecked")
    private boolean notified(String kind, String resource, String organisation) throws Exception {
        try (JMSContext ctx = connectionFactory.createContext(); QueueBrowser browser = ctx.createBrowser(ctx.createQueue("pdx.notify"))) {
            for (Message m : Collections.list((Enumeration<Message>) browser.getEnumeration())) {
                Map<String, Object> n = json.readValue(new String(m.getBody(byte[].class), StandardCharsets.UTF_8), Map.class);
                if (kind.equals(n.get("kind")) && resource.equals(n.get("resource"))
                        && n.get("actor") instanceof Map<?, ?> a && organisation.equals(a.get("organisation"))) {
                    return true;
                }
            }
        }
        return false;
    }

    static RequestSpecification as(String key) {
        return given().auth().oauth2(key).contentType("application/json");
    }

    /** A clock the test moves, at 10:00 Shanghai time of a day. */
}
