package org.pdxhub.hub.catalog;

import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pdxhub.hub.store.Sql;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.pdxhub.hub.catalog.CatalogFixtures.*;

/** Art. 8: after a change of law or duty, the catalog update is due within 15 working days. */
@QuarkusTest
class DutyChangesTest {

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    /** A clock the test moves. */
    static final class TestClock extends Clock {
        volatile Instant now;

        TestClock(LocalDate day) {
            set(day);
        }

        void set(LocalDate day) {
            now = day.atTime(10, 0).atZone(SHANGHAI).toInstant();
        }

        @Override
        public ZoneId getZone() {
            return SHANGHAI;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return Clock.fixed(now, zone);
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Inject
    Sql sql;

    TestClock clock;

    @BeforeEach
    void fixTheClock() {
        clock = new TestClock(LocalDate.parse("2026-09-21"));
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
    void anAnsweredChangeIsNoLongerDue() {
        int id = register(SAMR, "DUTY", "licensing of food vendors added").statusCode(201).extract().path("id");
        as(SPECIALIST_SAMR).body(Map.of("answer", "drafted T-FOOD-001")).post("/api/v1/catalog/duty-changes/" + id + "/answer")
                .then().statusCode(200).body("answer", equalTo("drafted T-FOOD-001")).body("answeredBy", equalTo(SPECIALIST_SAMR));
        clock.set(LocalDate.parse("2026-12-01"));
        as(SYSTEM).get("/api/v1/catalog/overdue").then().body("overdue.id", not(hasItem(id))).body("due.id", not(hasItem(id)));
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
        return as(key).body(Map.of("organisation", org, "kind", kind, "description", description))
                .post("/api/v1/catalog/duty-changes").then();
    }
}
