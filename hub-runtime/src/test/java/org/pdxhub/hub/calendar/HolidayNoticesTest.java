package org.pdxhub.hub.calendar;

import com.hazelcast.core.HazelcastInstance;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pdxhub.hub.store.Sql;
import org.pdxhub.hub.testing.MovableClock;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A year's holidays are unknown until the State Council publishes them: a due date counted across
 * such a year is provisional wherever it is shown, and the notice, loaded at run time by an
 * administrator, moves the deadlines it changes. Years far ahead, so that other tests' days stay as they are.
 */
@QuarkusTest
class HolidayNoticesTest {

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final String SAMR = "11513300MB0000003L";
    static final String PSB = "11513300MB0000002H";
    static final String POPULATION = "GZ-PSB-POP-001";
    static final String NOTICE_2032 = "date_from,date_to,kind,name\n2032-10-01,2032-10-07,HOLIDAY,国庆节\n2032-10-09,2032-10-09,WORKDAY,国庆节调休\n";
    /** 元旦 2033 falls on a Saturday: Monday 3 and Tuesday 4 January are days off. */
    static final String NOTICE_2033 = "# 测试用通知\ndate_from,date_to,kind,name\n2033-01-01,2033-01-04,HOLIDAY,元旦\n2033-02-05,2033-02-11,HOLIDAY,春节\n";

    @Inject
    Sql sql;

    @Inject
    HazelcastInstance cluster;

    @Inject
    WorkingDayCalendar calendar;

    @Inject
    CalendarConfig config;

    @Inject
    CalendarNotices notices;

    MovableClock clock;

    @BeforeEach
    void fixTheClock() {
        clock = new MovableClock(LocalDate.parse("2032-12-27"));
        QuarkusMock.installMockForType(clock, Clock.class);
    }

    static RequestSpecification as(String key) {
        return given().auth().oauth2(key).contentType("application/json");
    }

    static RequestSpecification csvAs(String key) {
        return given().auth().oauth2(key).contentType("text/csv; charset=UTF-8");
    }

    @Test
    void aDueDateInAYearWithoutItsNoticeIsProvisionalUntilTheNoticeMovesIt() {
        csvAs("demo-admin").body(NOTICE_2032).queryParam("source", "测试通知 2032").post("/api/v1/calendar/years/2032")
                .then().statusCode(200).body("year", equalTo(2032)).body("coveredYears", hasItem(2032));
        as("demo-admin").get("/api/v1/calendar").then().statusCode(200)
                .body("uncovered", equalTo(List.of(2033))).body("note", containsString("2033"));

        // 2033 is not covered: every due date counted into it says so, in every workflow's JSON.
        int duty = as("demo-reviewer").body(Map.of("organisation", SAMR, "kind", "LAW", "description", "市场主体登记管理条例修订",
                "changedOn", "2032-12-20")).post("/api/v1/catalog/duty-changes").then().statusCode(201)
                .body("dueBy", equalTo("2033-01-10")).body("provisional", equalTo(true)).extract().path("id");
        String complaint = as("demo-reviewer").body(Map.of("source", "HOTLINE_12345", "subject", "企业信息开放下载含手机号",
                        "organisation", SAMR)).post("/api/v1/complaints").then().statusCode(201)
                .body("dueBy", equalTo("2033-01-10")).body("provisional", equalTo(true)).extract().path("id");
        String request = as("demo-specialist-hrss").body(conditional()).post("/api/v1/share-requests").then().statusCode(201)
                .body("dueBy", equalTo("2033-01-03")).body("provisional", equalTo(true)).extract().path("id");
        // A due date inside a covered year is firm: no flag.
        as("demo-specialist").body(Map.of("resource", "GZ-SAMR-ENT-001", "fields", List.of("uscc"), "purpose", "企业开办审批核验"))
                .post("/api/v1/share-requests").then().statusCode(201)
                .body("dueBy", equalTo("2032-12-28")).body("provisional", nullValue());
        as("demo-reviewer").get("/api/v1/catalog/duty-changes/" + duty).then().body("provisional", equalTo(true));
        as("demo-specialist-hrss").get("/api/v1/share-requests/" + request).then().body("provisional", equalTo(true));

        // The notice arrives: each open deadline it changes is counted again from its start, moved and listed.
        var loaded = csvAs("demo-admin").body(NOTICE_2033).queryParam("source", "国办发明电〔2032〕9号")
                .post("/api/v1/calendar/years/2033").then().statusCode(200)
                .body("source", equalTo("国办发明电〔2032〕9号")).body("coveredYears", hasItems(2032, 2033)).extract();
        assertEquals(Map.of("kind", "duty-change", "countedFrom", "2032-12-20", "oldDueBy", "2033-01-10", "newDueBy", "2033-01-12"),
                moved(loaded.path("moved"), String.valueOf(duty)));
        assertEquals(Map.of("kind", "complaint", "countedFrom", "2032-12-27", "oldDueBy", "2033-01-10", "newDueBy", "2033-01-12"),
                moved(loaded.path("moved"), complaint));
        assertEquals(Map.of("kind", "share", "countedFrom", "2032-12-27", "oldDueBy", "2033-01-03", "newDueBy", "2033-01-05"),
                moved(loaded.path("moved"), request));

        as("demo-reviewer").get("/api/v1/catalog/duty-changes/" + duty).then()
                .body("dueBy", equalTo("2033-01-12")).body("provisional", nullValue());
        as("demo-reviewer").get("/api/v1/complaints/" + complaint).then().body("dueBy", equalTo("2033-01-12")).body("provisional", nullValue());
        as("demo-specialist-hrss").get("/api/v1/share-requests/" + request).then()
                .body("dueBy", equalTo("2033-01-05")).body("provisional", nullValue()).body("steps.action", hasItem("DUE_RECOUNTED"));
        as("demo-system").get("/api/v1/calendar").then().statusCode(200)
                .body("years.find { it.year == 2033 }.source", equalTo("国办发明电〔2032〕9号"))
                .body("years.find { it.year == 2026 }.source", containsString("cn-official-holidays.csv"))
                .body("uncovered", equalTo(List.of()));

        // Loaded again unchanged, nothing moves: the count starts from the same day, not from the last recount.
        csvAs("demo-admin").body(NOTICE_2033).queryParam("source", "国办发明电〔2032〕9号").post("/api/v1/calendar/years/2033")
                .then().statusCode(200).body("moved", equalTo(List.of()));
    }

    @Test
    void aNoticeWithBadLinesIsRefusedLineByLineAndNothingChanges() {
        var before = sql.list("select notice_year, csv from calendar_notice order by notice_year", rs -> rs.getInt(1) + rs.getString(2));
        String bad = "date_from,date_to,kind,name\n2034-01-01,2034-01-03,HOLIDAY,元旦\n2034-13-01,2034-02-01,HOLIDAY,春节\n"
                + "2034-04-04,2034-04-06,DAYOFF,清明节\n2035-05-01,2035-05-05,HOLIDAY,劳动节\n2034-01-02,2034-01-02,WORKDAY,重复\n";
        csvAs("demo-admin").body(bad).post("/api/v1/calendar/years/2034").then().statusCode(400)
                .contentType("application/problem+json").body("type", equalTo("urn:pdx:problem:invalid-notice"))
                .body("field", equalTo("line 3 date_from"))
                .body("detail", containsString("line 3 (date_from): date_from is written yyyy-mm-dd, not '2034-13-01'"))
                .body("detail", containsString("line 4 (kind): kind must be HOLIDAY or WORKDAY, not 'DAYOFF'"))
                .body("detail", containsString("line 5 (date_from): this notice is for 2034"))
                .body("detail", containsString("line 6 (date_from): 2034-01-02 is listed twice"));
        csvAs("demo-admin").body("2034-01-01,2034-01-03,HOLIDAY,元旦\n").post("/api/v1/calendar/years/2034").then().statusCode(400)
                .body("detail", containsString("the header must be 'date_from,date_to,kind,name'"));
        csvAs("demo-admin").body(NOTICE_2033).post("/api/v1/calendar/years/20x4").then().statusCode(400).body("field", equalTo("year"));
        assertEquals(before, sql.list("select notice_year, csv from calendar_notice order by notice_year", rs -> rs.getInt(1) + rs.getString(2)));
        as("demo-admin").get("/api/v1/calendar").then().body("years.year", not(hasItem(2034)));
    }

    @Test
    void onlyAnAdministratorLoadsANotice() {
        String notice = "date_from,date_to,kind,name\n2036-01-01,2036-01-01,HOLIDAY,元旦\n";
        for (String key : List.of("demo-reviewer", "demo-specialist", "demo-system")) {
            csvAs(key).body(notice).post("/api/v1/calendar/years/2036").then().statusCode(403);
        }
        given().contentType("text/csv").body(notice).post("/api/v1/calendar/years/2036").then().statusCode(401);
        as("demo-admin").get("/api/v1/calendar").then().body("years.year", not(hasItem(2036)));
    }

    @Test
    void aNoticeLoadedBeforeARestartIsCountedAfterIt() {
        csvAs("demo-admin").body("date_from,date_to,kind,name\n2038-10-01,2038-10-07,HOLIDAY,国庆节\n")
                .queryParam("source", "测试通知 2038").post("/api/v1/calendar/years/2038").then().statusCode(200);
        // A node starting on the same store builds its calendar as this one did at start.
        WorkingDayCalendar restarted = new WorkingDayCalendar(config, clock, notices);
        assertEquals(LocalDate.parse("2038-10-08"), restarted.addWorkingDays(LocalDate.parse("2038-09-30"), 1));
        assertEquals("测试通知 2038", restarted.coverage().stream().filter(y -> y.year() == 2038).findFirst().orElseThrow().source());
    }

    @Test
    void aNoticeAnotherNodeOfThePlatformStoredIsCountedHere() {
        // Another node wrote the notice to the shared store and said so on the cluster.
        sql.update("insert into calendar_notice (notice_year, source, csv, loaded_at, loaded_by) values (?, ?, ?, ?, ?)",
                2040, "另一节点载入", "date_from,date_to,kind,name\n2040-10-01,2040-10-05,HOLIDAY,国庆节\n", Instant.now(), "key-of-node-2");
        cluster.getTopic(NoticeLoader.TOPIC).publish(2040);
        await().until(() -> !calendar.isWorkingDay(LocalDate.parse("2040-10-02")));
        as("demo-system").get("/api/v1/calendar").then().body("years.find { it.year == 2040 }.source", equalTo("另一节点载入"))
                .body("years.find { it.year == 2040 }.loadedBy", equalTo("key-of-node-2"));
    }

    @Test
    void aPreviewListsTheDaysTheNoticeChangesAndTheDeadlinesItWouldMoveAndStoresNothing() {
        clock.set(LocalDate.parse("2046-12-27"));
        String complaint = as("demo-reviewer").body(Map.of("source", "WEB", "subject", "开放数据接口长期不可用", "organisation", SAMR))
                .post("/api/v1/complaints").then().statusCode(201).body("dueBy", equalTo("2047-01-10")).extract().path("id");
        // 元旦 2047 is a Tuesday; the Saturday after it, 5 January, is worked instead.
        String notice = "date_from,date_to,kind,name\n2047-01-01,2047-01-01,HOLIDAY,元旦\n2047-01-05,2047-01-05,WORKDAY,元旦调休\n";
        var preview = csvAs("demo-admin").body(notice).post("/api/v1/calendar/years/2047/preview").then().statusCode(200)
                .body("year", equalTo(2047)).body("yearCovered", equalTo(false))
                .body("changes.date", equalTo(List.of("2047-01-01", "2047-01-05")))
                .body("changes.before", equalTo(List.of("WORKING", "WEEKEND")))
                .body("changes.after", equalTo(List.of("HOLIDAY", "WORKDAY")))
                .body("changes.working", equalTo(List.of(false, true))).extract();
        // One day off and one make-up day before the due date: it stays where it was, and the preview says so.
        assertEquals(List.of(), preview.path("moved.findAll { it.id == '" + complaint + "' }"));
        as("demo-admin").get("/api/v1/calendar").then().body("years.year", not(hasItem(2047)));
        assertEquals(List.of(), sql.list("select notice_year from calendar_notice where notice_year = 2047", rs -> rs.getInt(1)));

        String moreDaysOff = "date_from,date_to,kind,name\n2047-01-01,2047-01-03,HOLIDAY,元旦\n";
        csvAs("demo-admin").body(moreDaysOff).post("/api/v1/calendar/years/2047/preview").then().statusCode(200)
                .body("moved.find { it.id == '" + complaint + "' }.oldDueBy", equalTo("2047-01-10"))
                .body("moved.find { it.id == '" + complaint + "' }.newDueBy", equalTo("2047-01-15"));
        as("demo-reviewer").get("/api/v1/complaints/" + complaint).then().body("dueBy", equalTo("2047-01-10"));
    }

    @Test
    void aNoticeMovesTheAgencysOwnDateForWhatADepartmentNodeSentUp() {
        clock.set(LocalDate.parse("2046-12-27"));
        String id = "CD-" + UUID.randomUUID();
        sql.update("insert into relayed_review (id, kind, resource_code, provider_uscc, entry, status, received_at, due_by, origin_due_by)"
                        + " values (?,?,?,?,?,?,?,?,?)", id, "DISPUTE", "KD-CIVIL-001", SAMR, "{}", "WAITING", clock.instant(),
                calendar.addWorkingDays(calendar.today(), 10), LocalDate.parse("2047-01-04"));
        String moreDaysOff = "date_from,date_to,kind,name\n2047-01-01,2047-01-03,HOLIDAY,元旦\n";
        csvAs("demo-admin").body(moreDaysOff).post("/api/v1/calendar/years/2047/preview").then().statusCode(200)
                .body("moved.find { it.id == '" + id + "' }.kind", equalTo("relayed-review"))
                .body("moved.find { it.id == '" + id + "' }.countedFrom", equalTo("2046-12-27"))
                .body("moved.find { it.id == '" + id + "' }.oldDueBy", equalTo("2047-01-10"))
                .body("moved.find { it.id == '" + id + "' }.newDueBy", equalTo("2047-01-15"));
        sql.update("delete from relayed_review where id = ?", id);
    }

    @Test
    void aDepartmentsAdministratorCannotLoadTheAgencysCalendar() {
        String key = as("demo-admin").body(Map.of("id", "psb-admin-" + System.nanoTime(), "holder", "公安局节点管理员",
                "roles", List.of("ADMIN"))).post("/api/v1/organisations/" + PSB + "/keys").then().statusCode(201).extract().path("key");
        String notice = "date_from,date_to,kind,name\n2048-01-01,2048-01-01,HOLIDAY,元旦\n";
        csvAs(key).body(notice).post("/api/v1/calendar/years/2048/preview").then().statusCode(403)
                .body("detail", containsString("ADMIN of the data agency"));
        csvAs(key).body(notice).post("/api/v1/calendar/years/2048").then().statusCode(403)
                .contentType("application/problem+json").body("detail", containsString("of " + PSB));
        as("demo-admin").get("/api/v1/calendar").then().body("years.year", not(hasItem(2048)));
    }

    private static Map<String, Object> conditional() {
        Map<String, Object> m = new HashMap<>();
        m.put("resource", POPULATION);
        m.put("fields", List.of("citizen_id"));
        m.put("purpose", "参保登记核验");
        m.put("scenario", "社会保险参保登记时核验参保人身份");
        m.put("basis", "《社会保险法》第五十七条");
        m.put("goal", "参保登记一次办结");
        m.put("securityMeasures", "专线传输，访问留痕，数据不落地");
        m.put("commitment", "本单位承诺所填内容真实，数据使用安全、合规");
        m.put("acceptedMeasures", List.of("transport", "access-log", "purpose-only", "delete-after-use"));
        return m;
    }

    private static Map<String, Object> moved(List<Map<String, Object>> moved, String id) {
        Map<String, Object> m = new HashMap<>(moved.stream().filter(x -> id.equals(x.get("id"))).findFirst()
                .orElseThrow(() -> new AssertionError(id + " not among the moved deadlines " + moved)));
        m.remove("id");
        return m;
    }

}
