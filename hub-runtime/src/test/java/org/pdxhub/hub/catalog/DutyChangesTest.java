package org.pdxhub.hub.catalog;

import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pdxhub.hub.store.Sql;
import org.pdxhub.hub.testing.MovableClock;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.pdxhub.hub.catalog.CatalogFixtures.*;

/**
 * Art. 8: after a change of law or duty, the catalog is updated within 15 working days of that
 * change and published after the agency's review; an answer is a reviewed catalog change or a
 * reasoned "no change needed" the agency accepts.
 */
@QuarkusTest
class DutyChangesTest {

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    /** A clock the test moves. */

    @Inject
    Sql sql;

    MovableClock clock;

    @BeforeEach
    void fixTheClock() {
        clock = new MovableClock(LocalDate.parse("2026-09-21"));
        QuarkusMock.installMockForType(clock, Clock.class);
    }

    @Test
    void theCatalogUpdateIsDueFifteenWorkingDaysAfterAChangeOfDuty() {
        // Mid-Autumn Festival and the National Day week fall inside; 2026-10-10 is a make-up Saturday.
        int id = register(HRSS, "DUTY", "medical insurance moved to the healthcare security bureau")
                .statusCode(201).body("registeredOn", equalTo("2026-09-21")).body("dueBy", equalTo("2026-10-19"))
                .body("overdue", equalTo(false)).body("workingDaysLeft", equalTo(15))
                .extract().path("id");
        as(SYSTEM).get("/api/v1/catalog/overdue").then().statusCode(200)
                .body("due.id", hasItem(id)).body("overdue.id", not(hasItem(id)));
    }

    @Test
    void anUpdateNotAnsweredByItsDateIsListedAsOverdue() {
        int id = register(PSB, "LAW", "revised residence registration regulation").statusCode(201).extract().path("id");
        clock.set(LocalDate.parse("2026-10-19"));
        as(SYSTEM).get("/api/v1/catalog/overdue").then().body("due.find { it.id == " + id + " }.workingDaysLeft", equalTo(0));
        clock.set(LocalDate.parse("2026-10-20"));
        as(SYSTEM).get("/api/v1/catalog/overdue?organisation=" + PSB).then()
                .body("today", equalTo("2026-10-20"))
                .body("overdue.id", hasItem(id))
                .body("overdue.find { it.id == " + id + " }.workingDaysLeft", equalTo(-1));
    }

    @Test
    void aDutyChangeCountsFromTheDayTheDutyChanged() {
        // Typed in on 2026-09-21 for a law that changed on Friday 2026-08-28: 15 working days ran out on 2026-09-18,
        // and two have passed since (Sunday 2026-09-20 is a make-up working day).
        int id = register(PSB, "LAW", "revised household registration rules", "2026-08-28", REVIEWER).statusCode(201)
                .body("changedOn", equalTo("2026-08-28")).body("registeredOn", equalTo("2026-09-21"))
                .body("dueBy", equalTo("2026-09-18")).body("overdue", equalTo(true)).body("workingDaysLeft", equalTo(-2))
                .body("status", equalTo("OPEN"))
                .extract().path("id");
        as(SYSTEM).get("/api/v1/catalog/overdue").then().body("overdue.id", hasItem(id));

        var before = snapshot(sql);
        as(REVIEWER).body(Map.of("organisation", PSB, "kind", "LAW", "description", "a law not yet in force"))
                .post("/api/v1/catalog/duty-changes").then().statusCode(400).contentType("application/problem+json")
                .body("field", equalTo("changedOn"));
        register(PSB, "LAW", "a law not yet in force", "2026-09-22", REVIEWER).statusCode(400)
                .body("field", equalTo("changedOn")).body("detail", containsString("after today"));
        assertEquals(before, snapshot(sql));
    }

    @Test
    void aFreeTextNothingDoesNotCloseADutyChange() {
        int id = register(SAMR, "DUTY", "licensing of food vendors added").statusCode(201).extract().path("id");
        var before = snapshot(sql);
        answer(id, Map.of("answer", "nothing")).statusCode(400).contentType("application/problem+json")
                .body("field", equalTo("kind")).body("detail", containsString("free-text answer closes nothing"));
        answer(id, Map.of("kind", "NO_CHANGE_NEEDED", "reason", "nothing")).statusCode(400).body("field", equalTo("reason"));
        answer(id, Map.of("kind", "CATALOG_CHANGE")).statusCode(400).body("field", equalTo("catalogChange"));
        answer(id, Map.of("kind", "NEW_RESOURCE", "resource", "GZ-PSB-POP-001")).statusCode(400).body("field", equalTo("resource"));
        assertEquals(before, snapshot(sql));
        as(SYSTEM).get("/api/v1/catalog/duty-changes/" + id).then().statusCode(200).body("status", equalTo("OPEN"))
                .body("answer", nullValue());
        as(SYSTEM).get("/api/v1/catalog/overdue").then().body("due.find { it.id == " + id + " }.status", equalTo("OPEN"));
    }

    @Test
    void theAgencyAcceptsOrRejectsANoChangeAnswer() {
        int id = register(SAMR, "LAW", "fee regulation amended: fee amounts only").statusCode(201).extract().path("id");
        String reason = "the amendment changes fee amounts; no catalogued item records fees";
        answer(id, Map.of("kind", "NO_CHANGE_NEEDED", "reason", reason)).statusCode(200)
                .body("status", equalTo("AWAITING_REVIEW")).body("answer.kind", equalTo("NO_CHANGE_NEEDED"))
                .body("answer.reason", equalTo(reason)).body("answer.by", equalTo(SPECIALIST_SAMR));
        as(SYSTEM).get("/api/v1/catalog/overdue").then().body("due.id", hasItem(id));

        var before = snapshot(sql);
        review(id, Map.of("decision", "ACCEPTED"), SPECIALIST_SAMR).statusCode(403)
                .body("type", equalTo("urn:pdx:problem:agency.reviewer-required"));
        review(id, Map.of("decision", "REJECTED"), REVIEWER).statusCode(400).body("field", equalTo("comment"));
        answer(id, Map.of("kind", "NO_CHANGE_NEEDED", "reason", reason)).statusCode(409);
        assertEquals(before, snapshot(sql));

        review(id, Map.of("decision", "REJECTED", "comment", "licence fees are item fee_amount of GZ-SAMR-ENT-001"), REVIEWER)
                .statusCode(200).body("status", equalTo("OPEN")).body("decision.outcome", equalTo("REJECTED"));
        review(id, Map.of("decision", "ACCEPTED"), REVIEWER).statusCode(409);
        answer(id, Map.of("kind", "NO_CHANGE_NEEDED", "reason", "fee_amount is not an item of GZ-SAMR-ENT-001: see its version 1"))
                .statusCode(200).body("status", equalTo("AWAITING_REVIEW")).body("decision", nullValue());
        review(id, Map.of("decision", "ACCEPTED", "comment", "checked"), REVIEWER).statusCode(200)
                .body("status", equalTo("CLOSED")).body("overdue", equalTo(false)).body("decision.by", equalTo(REVIEWER));
        clock.set(LocalDate.parse("2026-12-01"));
        as(SYSTEM).get("/api/v1/catalog/overdue").then().body("overdue.id", not(hasItem(id))).body("due.id", not(hasItem(id)));
    }

    @Test
    void aDutyChangeAnsweredByACatalogChangeClosesWhenTheAgencyApprovesTheChange() {
        Map<String, Object> d = draft("T-DUTY-001");
        publish(d);
        int id = register(SAMR, "DUTY", "licensing of food vendors added").statusCode(201).extract().path("id");
        int change = as(SPECIALIST_SAMR).body(Map.of("updateCycle", "DAILY", "reason", "food vendor licences daily"))
                .post("/api/v1/catalog/resources/T-DUTY-001/changes").then().statusCode(202).extract().path("id");
        answer(id, Map.of("kind", "CATALOG_CHANGE", "catalogChange", change)).statusCode(200)
                .body("status", equalTo("AWAITING_REVIEW")).body("answer.catalogChange", equalTo(change));
        as(REVIEWER).body(Map.of("decision", "APPROVE")).post("/api/v1/catalog/resources/T-DUTY-001/review").then().statusCode(200);
        as(SYSTEM).get("/api/v1/catalog/duty-changes?organisation=" + SAMR).then()
                .body("find { it.id == " + id + " }.status", equalTo("CLOSED"));
        clock.set(LocalDate.parse("2026-12-01"));
        as(SYSTEM).get("/api/v1/catalog/overdue").then().body("overdue.id", not(hasItem(id))).body("due.id", not(hasItem(id)));
    }

    @Test
    void aReturnedCatalogChangeReopensTheDutyChange() {
        publish(draft("T-DUTY-002"));
        int id = register(SAMR, "LAW", "licence law revised").statusCode(201).extract().path("id");
        int change = as(SPECIALIST_SAMR).body(Map.of("updateCycle", "WEEKLY", "reason", "weekly now"))
                .post("/api/v1/catalog/resources/T-DUTY-002/changes").then().statusCode(202).extract().path("id");
        answer(id, Map.of("kind", "CATALOG_CHANGE", "catalogChange", change)).statusCode(200);
        as(REVIEWER).body(Map.of("decision", "RETURN", "comment", "the law asks for daily"))
                .post("/api/v1/catalog/resources/T-DUTY-002/review").then().statusCode(200);
        clock.set(LocalDate.parse("2026-12-01"));
        as(SYSTEM).get("/api/v1/catalog/overdue").then().body("overdue.find { it.id == " + id + " }.status", equalTo("OPEN"));
    }

    @Test
    void aSpecialistRegistersAndAnswersOnlyForTheirOwnOrganisation() {
        var before = snapshot(sql);
        register(PSB, "DUTY", "not ours", SPECIALIST_SAMR).statusCode(403);
        assertEquals(before, snapshot(sql));
        int id = register(PSB, "DUTY", "ours", SPECIALIST_PSB).statusCode(201).extract().path("id");
        before = snapshot(sql);
        as(SPECIALIST_SAMR).body(Map.of("answer", "done")).post("/api/v1/catalog/duty-changes/" + id + "/answer").then().statusCode(403);
        assertEquals(before, snapshot(sql));
    }

    @Test
    void aDutyChangeNeedsARegisteredOrganisationAndADescription() {
        var before = snapshot(sql);
        register("11513300MB0000009X", "LAW", "x").statusCode(400).body("field", equalTo("organisation"));
        register(PSB, "LAW", " ").statusCode(400).body("field", equalTo("description"));
        register(PSB, "LAW", "x", "2026-13-01", REVIEWER).statusCode(400);
        assertEquals(before, snapshot(sql));
    }

    @Test
    void theCalendarShowsADeadlineComputed() {
        as(SYSTEM).get("/api/v1/calendar/working-days?from=2026-09-30&days=1").then().statusCode(200)
                .body("dueBy", equalTo("2026-10-08")).body("covered", equalTo(true))
                .body("listed.date", hasItem("2026-10-01"));
        as(SYSTEM).get("/api/v1/calendar/working-days?days=1").then().statusCode(200)
                .body("from", equalTo("2026-09-21")).body("dueBy", equalTo("2026-09-22"));
        as(SYSTEM).get("/api/v1/calendar/working-days?from=2026-13-01&days=1").then().statusCode(400).body("field", equalTo("from"));
        as(SYSTEM).get("/api/v1/calendar/working-days?from=2027-09-30&days=1").then().statusCode(200)
                .body("covered", equalTo(false));
        as(SYSTEM).get("/api/v1/calendar/deadlines").then().body("catalog-update", equalTo(15))
                .body("unconditional-share-review", equalTo(1));
    }

    private io.restassured.response.ValidatableResponse register(String org, String kind, String description) {
        return register(org, kind, description, REVIEWER);
    }

    private io.restassured.response.ValidatableResponse register(String org, String kind, String description, String key) {
        return register(org, kind, description, "2026-09-21", key);
    }

    private io.restassured.response.ValidatableResponse register(String org, String kind, String description, String changedOn,
                                                                 String key) {
        return as(key).body(Map.of("organisation", org, "kind", kind, "description", description, "changedOn", changedOn))
                .post("/api/v1/catalog/duty-changes").then();
    }

    private io.restassured.response.ValidatableResponse answer(int id, Map<String, Object> body) {
        return as(SPECIALIST_SAMR).body(body).post("/api/v1/catalog/duty-changes/" + id + "/answer").then();
    }

    private io.restassured.response.ValidatableResponse review(int id, Map<String, Object> body, String key) {
        return as(key).body(body).post("/api/v1/catalog/duty-changes/" + id + "/review").then();
    }
}
