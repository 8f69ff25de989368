package org.pdxhub.hub.complaints;

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
import org.pdxhub.hub.store.Sql;
import org.pdxhub.hub.testing.MovableClock;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Complaints (投诉, art. 44): recorded with their source, routed, answered on time or escalated to the agency. */
@QuarkusTest
class ComplaintsTest {

    static final String AGENCY = "11513300MB0000001E";
    static final String PSB = "11513300MB0000002H";
    static final String SAMR = "11513300MB0000003L";

    @Inject
    Sql sql;

    @Inject
    Complaints complaints;

    @Inject
    ConnectionFactory connectionFactory;

    @Inject
    ObjectMapper json;

    MovableClock clock;

    @BeforeEach
    void fixTheClock() {
        clock = new MovableClock(LocalDate.parse("2026-11-02"));
        QuarkusMock.installMockForType(clock, Clock.class);
    }

    @Test
    void anOverLongComplainantOrContactIsRefusedNamingTheFieldOnBothDoors() {
        long before = sql.count("select count(*) from complaint");
        for (boolean hotline : new boolean[] {true, false}) {
            String path = hotline ? "/api/v1/complaints" : "/api/v1/open/complaints";
            Map<String, Object> call = new HashMap<>(Map.of("source", "HOTLINE_12345", "complainant", "洛".repeat(101), "contact", "13800001234",
                    "resource", "GZ-PSB-POP-001", "subject", "户籍信息被用于营销"));
            filer(hotline).body(call).post(path).then().statusCode(400).body("field", equalTo("complainant"))
                    .body("detail", containsString("at most 100"));
            call.put("complainant", "洛绒");
            call.put("contact", "1".repeat(65));
            filer(hotline).body(call).post(path).then().statusCode(400).body("field", equalTo("contact"));
        }
        assertEquals(before, sql.count("select count(*) from complaint"), "nothing filed");
    }

    /** The agency's hotline operator, or a member of the public on the open form. */
    private static RequestSpecification filer(boolean hotline) {
        return hotline ? as("demo-reviewer") : given().contentType("application/json");
    }

    @Test
    void aComplaintIsRoutedAnsweredAndEscalatedWhenLate() throws Exception {
        // The agency's hotline operator records a 12345 call about a resource: its provider answers.
        Map<String, Object> call = new HashMap<>(Map.of("source", "HOTLINE_12345", "complainant", "洛绒", "contact", "13800001234",
                "resource", "GZ-PSB-POP-001", "subject", "户籍信息被用于与申请用途无关的营销"));
        String late = as("demo-reviewer").body(call).post("/api/v1/complaints").then().statusCode(201)
                .body("responsible", equalTo(PSB)).body("dueBy", equalTo("2026-11-16")).body("status", equalTo("OPEN"))
                .body("contact", equalTo("*******1234")).body("complainant", equalTo("洛*")).extract().path("id");
        call.remove("source");
        as("demo-reviewer").body(call).post("/api/v1/complaints").then().statusCode(400).body("field", equalTo("source"));
        call.put("source", "LETTER");
        call.remove("resource");
        as("demo-reviewer").body(call).post("/api/v1/complaints").then().statusCode(400).body("field", equalTo("organisation"));

        // Anyone files on the web without a key, naming the organisation; the token follows it.
        var filed = given().contentType("application/json").body(Map.of("complainant", "匿名", "organisation", SAMR,
                "subject", "企业登记信息开放下载含个人手机号")).post("/api/v1/open/complaints").then().statusCode(201)
                .body("complaint.source", equalTo("WEB")).body("complaint.responsible", equalTo(SAMR)).body("token", notNullValue()).extract();
        String web = filed.path("complaint.id");
        String token = filed.path("token");

        // Routed: each organisation sees and answers its own.
        as("demo-specialist-market").get("/api/v1/complaints").then().body("id", hasItem(web)).body("id", not(hasItem(late)));
        as("demo-specialist-market").get("/api/v1/complaints/" + late).then().statusCode(403);
        as("demo-specialist-market").body(Map.of("answer", "x")).post("/api/v1/complaints/" + late + "/answer").then().statusCode(403);
        as("demo-specialist-market").body(Map.of()).post("/api/v1/complaints/" + web + "/answer").then().statusCode(400)
                .body("field", equalTo("answer"));
        as("demo-specialist-market").body(Map.of("answer", "已下架手机号字段并核查下载记录")).post("/api/v1/complaints/" + web + "/answer")
                .then().statusCode(200).body("status", equalTo("ANSWERED"));
        given().get("/api/v1/open/complaints/" + token).then().statusCode(200).body("answer", equalTo("已下架手机号字段并核查下载记录"));

        // The public security bureau lets its date pass: the complaint is escalated to the agency, once.
        as("demo-reviewer").get("/api/v1/complaints/overdue").then().statusCode(200).body("id", not(hasItem(late)));
        clock.set(LocalDate.parse("2026-11-17"));
        as("demo-specialist").get("/api/v1/complaints/overdue").then().statusCode(403);
        as("demo-reviewer").get("/api/v1/complaints/overdue").then().statusCode(200)
                .body("complaints.id", hasItem(late)).body("complaints.id", not(hasItem(web)));
        as("demo-reviewer").get("/api/v1/complaints/" + late).then().body("escalatedAt", notNullValue());
        await().atMost(Duration.ofSeconds(10)).until(() -> escalated(late));
        assertTrue(complaints.escalateOverdue().stream().noneMatch(c -> c.id().equals(late)), "escalated once");

        // Once escalated, the agency may answer it itself.
        as("demo-reviewer").body(Map.of("answer", "已责成公安局核查并约谈使用单位")).post("/api/v1/complaints/" + late + "/answer")
                .then().statusCode(200).body("status", equalTo("ANSWERED"));
    }

    @SuppressWarnings("unchecked")
    private boolean escalated(String id) throws Exception {
        try (JMSContext ctx = connectionFactory.createContext(); QueueBrowser browser = ctx.createBrowser(ctx.createQueue("pdx.notify"))) {
            for (Message m : Collections.list((Enumeration<Message>) browser.getEnumeration())) {
                Map<String, Object> n = json.readValue(new String(m.getBody(byte[].class), StandardCharsets.UTF_8), Map.class);
                if ("COMPLAINT_ESCALATED".equals(n.get("kind")) && id.equals(n.get("requestId"))
                        && n.get("actor") instanceof Map<?, ?> a && AGENCY.equals(a.get("organisation"))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static RequestSpecification as(String key) {
        return given().auth().oauth2(key).contentType("application/json");
    }

    /** A clock the test moves, at 10:00 Shanghai time of a day. */
}
