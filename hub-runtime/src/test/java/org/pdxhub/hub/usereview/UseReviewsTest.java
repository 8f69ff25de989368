package org.pdxhub.hub.usereview;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.Message;
import jakarta.jms.QueueBrowser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pdxhub.hub.calendar.WorkingDayCalendar;
import org.pdxhub.hub.exchange.Datasets;
import org.pdxhub.hub.sharing.Grant;
import org.pdxhub.hub.sharing.GrantSource;
import org.pdxhub.hub.sharing.Grants;
import org.pdxhub.hub.store.Sql;
import org.pdxhub.hub.testing.MovableClock;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The periodic review of use (定期审查数据使用情况, art. 19), from the side of a holder whose use strays. */
@QuarkusTest
class UseReviewsTest {

    static final String AGENCY = "11513300MB0000001E";
    static final String PSB = "11513300MB0000002H";
    static final String SAMR = "11513300MB0000003L";
    static final String HRSS = "11513300MB0000004P";
    static final String POPULATION = "GZ-PSB-POP-001";
    static final String ENTITIES = "GZ-SAMR-ENT-001";
    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    @Inject
    Grants grants;

    @Inject
    UseReviews reviews;

    @Inject
    WorkingDayCalendar calendar;

    @Inject
    Datasets datasets;

    @Inject
    Sql sql;

    @Inject
    ConnectionFactory connectionFactory;

    @Inject
    ObjectMapper json;

    MovableClock clock;

    final List<String> issued = new ArrayList<>();

    @BeforeEach
    void fixTheClock() {
        clock = new MovableClock(LocalDateTime.parse("2026-12-01T10:00"));
        QuarkusMock.installMockForType(clock, Clock.class);
    }

    @AfterEach
    void revokeWhatThisTestIssued() {
        // Grants live far into the future here: other test classes must not read under them.
        issued.forEach(id -> grants.revoke(id, "test"));
    }

    @Test
    void readsAtNightAreFlaggedInTheUseReview() {
        landPopulation("513321199001010019");
        Grant g = grant(SAMR, POPULATION, Set.of("citizen_id", "person_name"), "人口核验");
        read("demo-specialist-market", POPULATION, "人口核验", null).statusCode(200);
        clock.set(LocalDateTime.parse("2026-12-01T23:30"));
        read("demo-specialist-market", POPULATION, "人口核验", null).statusCode(200);
        clock.set(LocalDateTime.parse("2026-12-05T11:00")); // a Saturday
        read("demo-specialist-market", POPULATION, "人口核验", null).statusCode(200);
        read("demo-specialist-market", POPULATION, "人口核验", "mobile").statusCode(403).body("rule", equalTo("grant.fields-exceeded"));

        as("demo-reviewer").get("/api/v1/use-reviews/" + g.id()).then().statusCode(200)
                .body("reads", equalTo(3)).body("byPurpose.purpose", equalTo(List.of("人口核验")))
                .body("byPurpose[0].reads", equalTo(3))
                .body("byDay.day", equalTo(List.of("2026-12-01", "2026-12-05"))).body("byDay.workingDay", equalTo(List.of(true, false)))
                .body("byField.field", hasItem("citizen_id"))
                .body("flags.findAll { it.kind == 'OUT_OF_HOURS' }", hasSize(2))
                .body("flags.findAll { it.kind == 'OUT_OF_HOURS' }.day", equalTo(List.of("2026-12-01", "2026-12-05")))
                .body("flags.findAll { it.kind == 'FIELDS_BEYOND_GRANT' }.detail", hasItem(containsString("mobile")));
        as("demo-reviewer").get("/api/v1/use-reviews/" + g.id()).then().body(not(containsString("513321")));
        // The provider sees the review of use of its data; a department that is neither holder nor provider does not.
        as("demo-specialist").get("/api/v1/use-reviews/" + g.id()).then().statusCode(200);
        as("demo-specialist-hrss").get("/api/v1/use-reviews/" + g.id()).then().statusCode(403);
        as("demo-specialist-market").get("/api/v1/use-reviews?state=flagged").then().body("reviews.grant", hasItem(g.id()));
    }

    @Test
    void aNightOfReadsIsOneFlagThatCountsThemAndReadsBeforeTheLastReviewAreNotCounted() {
        landPopulation("513321199001010027");
        Grant g = grant(SAMR, POPULATION, Set.of("citizen_id", "person_name"), "人口核验");
        read("demo-specialist-market", POPULATION, "人口核验", null).statusCode(200);
        clock.set(LocalDateTime.parse("2026-12-01T10:30"));
        as("demo-reviewer").body(Map.of("conclusion", "CONTINUE", "reason", "正常使用"))
                .post("/api/v1/use-reviews/" + g.id() + "/conclusion").then().statusCode(201);
        clock.set(LocalDateTime.parse("2026-12-01T19:00"));
        read("demo-specialist-market", POPULATION, "人口核验", null).statusCode(200);
        clock.set(LocalDateTime.parse("2026-12-02T07:10"));
        read("demo-specialist-market", POPULATION, "人口核验", null).statusCode(200);
        clock.set(LocalDateTime.parse("2026-12-02T22:40"));
        for (int i = 0; i < 3; i++) {
            read("demo-specialist-market", POPULATION, "人口核验", null).statusCode(200);
        }
        clock.set(LocalDateTime.parse("2026-12-02T11:00"));
        read("demo-specialist-market", POPULATION, "人口核验", "mobile").statusCode(403);
        read("demo-specialist-market", POPULATION, "人口核验", "mobile").statusCode(403);

        aNightAndAnEveningSinceTheReview(g);
        // A week on, the ended days are counted once and kept; the day of the review is still counted from its conclusion.
        clock.set(LocalDateTime.parse("2026-12-09T10:00"));
        aNightAndAnEveningSinceTheReview(g);
        assertTrue(sql.count("select count(*) from grant_use_day where grant_id = ?", g.id()) > 0, "the ended days are kept");
        aNightAndAnEveningSinceTheReview(g);
    }

    private void aNightAndAnEveningSinceTheReview(Grant g) {
        as("demo-reviewer").get("/api/v1/use-reviews/" + g.id()).then().statusCode(200)
                .body("reads", equalTo(5)).body("byDay.day", equalTo(List.of("2026-12-01", "2026-12-02")))
                .body("byDay.reads", equalTo(List.of(1, 4)))
                .body("byField.find { it.field == 'citizen_id' }.reads", equalTo(5))
                .body("flags.findAll { it.kind == 'OUT_OF_HOURS' }.day", equalTo(List.of("2026-12-01", "2026-12-02")))
                .body("flags.find { it.kind == 'OUT_OF_HOURS' && it.day == '2026-12-02' }.detail", containsString("4 read(s) outside working hours"))
                .body("flags.find { it.kind == 'OUT_OF_HOURS' && it.day == '2026-12-02' }.detail", containsString("07:10"))
                .body("flags.findAll { it.kind == 'FIELDS_BEYOND_GRANT' }", hasSize(1))
                .body("flags.find { it.kind == 'FIELDS_BEYOND_GRANT' }.detail", containsString("2 refusals that day"));
    }

    @Test
    void aDayFarAboveTheGrantsHistoryIsFlagged() {
        Grant g = grant(HRSS, POPULATION, Set.of("citizen_id"), "参保核验");
        read("demo-specialist-hrss", POPULATION, "参保核验", null).statusCode(200);
        clock.set(LocalDateTime.parse("2026-12-02T10:00"));
        for (int i = 0; i < 2; i++) {
            read("demo-specialist-hrss", POPULATION, "参保核验", null).statusCode(200);
        }
        as("demo-specialist-hrss").get("/api/v1/use-reviews/" + g.id()).then().body("flags.kind", not(hasItem("VOLUME")));
        clock.set(LocalDateTime.parse("2026-12-03T10:00"));
        for (int i = 0; i < 12; i++) {
            read("demo-specialist-hrss", POPULATION, "参保核验", null).statusCode(200);
        }
        as("demo-specialist-hrss").get("/api/v1/use-reviews/" + g.id()).then().statusCode(200)
                .body("reads", equalTo(15)).body("flags.findAll { it.kind == 'VOLUME' }.day", equalTo(List.of("2026-12-03")));
    }

    @Test
    void aReviewComesDueAndOnlyTheAgencyRestrictsOrRevokesTheGrant() throws Exception {
        Grant g = grant(PSB, ENTITIES, Set.of("uscc", "entity_name"), "户籍登记比对");
        LocalDate due = calendar.addWorkingDays(LocalDate.parse("2026-12-01"), 60);
        as("demo-specialist").get("/api/v1/use-reviews/" + g.id()).then().body("dueBy", equalTo(due.toString()))
                .body("overdue", equalTo(false));

        clock.set(due.plusDays(1).atTime(10, 0));
        as("demo-specialist").get("/api/v1/use-reviews/overdue").then().statusCode(403);
        as("demo-reviewer").get("/api/v1/use-reviews/overdue").then().statusCode(200).body("reviews.grant", hasItem(g.id()));
        reviews.remind();
        await().atMost(Duration.ofSeconds(10)).until(() -> notified("USE_REVIEW_DUE", g.id(), PSB));
        await().atMost(Duration.ofSeconds(10)).until(() -> notified("USE_REVIEW_OVERDUE", g.id(), AGENCY));

        // The holder may find its use in order, with a reason; it cannot restrict or revoke, nor can the provider.
        String conclusion = "/api/v1/use-reviews/" + g.id() + "/conclusion";
        as("demo-specialist").body(Map.of("conclusion", "CONTINUE")).post(conclusion).then().statusCode(400).body("field", equalTo("reason"));
        as("demo-specialist").body(Map.of("conclusion", "REVOKE", "reason", "x")).post(conclusion).then().statusCode(403);
        as("demo-specialist-market").body(Map.of("conclusion", "REVOKE", "reason", "x")).post(conclusion).then().statusCode(403);
        as("demo-reviewer").body(Map.of("conclusion", "RESTRICT", "reason", "名称不再需要", "fields", List.of("uscc", "entity_name")))
                .post(conclusion).then().statusCode(400).body("field", equalTo("fields"));
        String narrower = as("demo-reviewer").body(Map.of("conclusion", "RESTRICT", "reason", "名称不再需要", "fields", List.of("uscc")))
                .post(conclusion).then().statusCode(201).body("conclusion", equalTo("RESTRICT")).body("newGrantId", notNullValue())
                .extract().path("newGrantId");
        issued.add(narrower);
        as("demo-reviewer").get("/api/v1/grants/" + g.id()).then().body("state", equalTo("REVOKED"));
        as("demo-reviewer").get("/api/v1/grants/" + narrower).then().body("state", equalTo("LIVE")).body("grant.fields", equalTo(List.of("uscc")))
                .body("grant.purpose", equalTo("户籍登记比对"));

        // The narrower grant's next review counts from today; the agency may revoke it outright.
        as("demo-specialist").get("/api/v1/use-reviews/" + narrower).then()
                .body("dueBy", equalTo(calendar.addWorkingDays(due.plusDays(1), 60).toString()));
        as("demo-reviewer").body(Map.of("conclusion", "REVOKE", "reason", "用途已完成")).post("/api/v1/use-reviews/" + narrower + "/conclusion")
                .then().statusCode(201);
        as("demo-reviewer").get("/api/v1/grants/" + narrower).then().body("state", equalTo("REVOKED"));
        as("demo-reviewer").get("/api/v1/use-reviews?state=all").then().body("reviews.grant", not(hasItem(narrower)));
    }

    private Grant grant(String holder, String resource, Set<String> fields, String purpose) {
        Instant now = clock.instant();
        Grant g = grants.issue(holder, resource, fields, Set.of(), purpose, now.minusSeconds(5), now.plus(Duration.ofDays(3650)),
                GrantSource.SHARE_REQUEST, "SR-use-review-test", null, null, "test");
        issued.add(g.id());
        return g;
    }

    /** At least one population record to read; another test may have landed the same one already, which is as good. */
    private void landPopulation(String citizenId) {
        as("demo-system").header("Pdx-Person", "p").header("Pdx-Purpose", URLEncoder.encode("人口基础信息汇聚", StandardCharsets.UTF_8))
                .body(List.of(Map.of("citizen_id", citizenId, "person_name", "次仁")))
                .post("/api/v1/exchange/" + POPULATION + "/records").then().statusCode(202);
        await().atMost(Duration.ofSeconds(10)).until(() -> datasets.count(POPULATION) > 0);
    }

    private static ValidatableResponse read(String key, String resource, String purpose, String fields) {
        RequestSpecification r = as(key).header("Pdx-Person", "p").header("Pdx-Purpose", URLEncoder.encode(purpose, StandardCharsets.UTF_8));
        if (fields != null) {
            r = r.queryParam("fields", fields);
        }
        return r.get("/api/v1/exchange/" + resource + "/records").then();
    }

    @SuppressWarnings("unchecked")
    private boolean notified(String kind, String grant, String organisation) throws Exception {
        try (JMSContext ctx = connectionFactory.createContext(); QueueBrowser browser = ctx.createBrowser(ctx.createQueue("pdx.notify"))) {
            for (Message m : Collections.list((Enumeration<Message>) browser.getEnumeration())) {
                Map<String, Object> n = json.readValue(new String(m.getBody(byte[].class), StandardCharsets.UTF_8), Map.class);
                if (kind.equals(n.get("kind")) && grant.equals(n.get("requestId"))
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

    /** A clock the test moves, in Shanghai time. */
}
