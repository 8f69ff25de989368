package org.pdxhub.hub.console;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.pdxhub.hub.account.Accounts;
import org.pdxhub.hub.account.Sessions;
import org.pdxhub.hub.audit.UsageDecision;
import org.pdxhub.hub.audit.UsageEntry;
import org.pdxhub.hub.audit.UsageLog;
import org.pdxhub.hub.sharing.Grant;
import org.pdxhub.hub.sharing.GrantSource;
import org.pdxhub.hub.sharing.Grants;
import org.pdxhub.hub.testing.ConsoleBrowser;
import org.pdxhub.hub.testing.MovableClock;

import java.net.URL;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The review of use of a grant read around the clock, from the side of the reviewer who must look at
 * every flag: the page shows how many flags there are of each kind and a page of them, newest first,
 * and every flag the review holds is reached through the pages, none left out and none twice.
 */
@QuarkusTest
class UseReviewFlagPagesTest {

    static final String MARKET = "11513300MB0000003L";
    static final String ENTITIES = "GZ-SAMR-ENT-001";
    static final int DAYS = 45;
    /** A flag as the page lists it: its kind and its day. */
    static final Pattern LISTED = Pattern.compile("<li><strong>([A-Z_]+)</strong> (\\d{4}-\\d{2}-\\d{2}) ");

    @RegisterExtension
    static final ConsoleBrowser browser = ConsoleBrowser.chromium();

    @TestHTTPResource("/")
    URL base;

    @Inject
    Grants grants;

    @Inject
    UsageLog log;

    @Inject
    Accounts accounts;

    @Inject
    Sessions sessions;

    MovableClock clock;
    Grant grant;
    String reviewer;

    @BeforeEach
    void aGrantReadEveryNightFor45Days() {
        // In the past, so that no other test's "newest entries" meet these.
        LocalDate first = LocalDate.parse("2025-03-03");
        clock = new MovableClock(first);
        QuarkusMock.installMockForType(clock, Clock.class);
        grant = grants.issue(MARKET, ENTITIES, Set.of("uscc", "entity_name"), Set.of(), "企业开办审批核验",
                clock.instant(), clock.instant().plus(Duration.ofDays(3650)), GrantSource.SHARE_REQUEST, "SR-flag-pages", null, null, "test");
        try (UsageLog.Run run = log.openRun()) {
            for (int d = 0; d < DAYS; d++) {
                LocalDate day = first.plusDays(d);
                if (d % 4 == 0) {
                    clock.set(day.atTime(10, 0));
                    log.append(entry(UsageDecision.REFUSED, "grant.fields-exceeded", d));
                }
                if (d % 15 == 0) {
                    clock.set(day.atTime(11, 0));
                    log.append(entry(UsageDecision.REFUSED, "grant.purpose-mismatch", d));
                }
                clock.set(day.atTime(22, 30));
                log.append(entry(UsageDecision.DELIVERED, null, d));
            }
            run.commit();
        }
        clock.set(LocalDateTime.parse("2025-05-06T10:00"));
        reviewer = sessions.open(accounts.find("reviewer").orElseThrow()).id();
    }

    @AfterEach
    void revokeTheGrant() {
        grants.revoke(grant.id(), "test");
    }

    @Test
    void aReviewerReachesEveryFlagPageByPageNewestFirstWithTheCountOfEachKindAbove() {
        List<Map<String, Object>> all = given().auth().oauth2("demo-reviewer").get("/api/v1/use-reviews/" + grant.id()).then()
                .statusCode(200).extract().path("flags");
        assertTrue(all.size() > 2 * ReviewPages.FLAGS_PER_PAGE, "more flags than two pages hold: " + all.size());

        String firstPage = page("");
        assertTrue(firstPage.contains("<small id=\"flags-total\">" + all.size() + "</small>"), "the total is shown");
        Map<String, Integer> byKind = new TreeMap<>();
        all.forEach(f -> byKind.merge((String) f.get("kind"), 1, Integer::sum));
        byKind.forEach((kind, n) -> assertTrue(firstPage.contains("<td id=\"flag-count-" + kind + "\">" + n + "</td>"),
                "the count of " + kind + " flags, " + n + ", is shown"));
        assertEquals(3, byKind.size(), "out of hours, beyond the grant and other refusals: " + byKind);

        List<String> first = listed(firstPage);
        assertEquals(ReviewPages.FLAGS_PER_PAGE, first.size(), "a page holds " + ReviewPages.FLAGS_PER_PAGE + " flags, not all");
        assertEquals("OUT_OF_HOURS " + LocalDate.parse("2025-03-03").plusDays(DAYS - 1), first.get(0), "the newest first");

        List<String> reached = new ArrayList<>(first);
        String shown = firstPage;
        for (int p = 2; shown.contains("id=\"flags-next\""); p++) {
            assertTrue(shown.contains("page=" + p + "\""), "the next link leads to page " + p);
            shown = page("?page=" + p);
            reached.addAll(listed(shown));
        }
        assertEquals(sorted(all.stream().map(f -> f.get("kind") + " " + f.get("day")).toList()), sorted(reached),
                "every flag of the review is reached through the pages, once");
    }

    @Test
    void theFlagsOfOneKindArePagedAloneAndAnUnknownKindIsRefusedNamingTheParameter() {
        String beyond = page("?kind=FIELDS_BEYOND_GRANT");
        List<String> listed = listed(beyond);
        assertEquals((DAYS + 3) / 4, listed.size(), "one flag a day the grant's fields were exceeded: " + listed);
        assertTrue(listed.stream().allMatch(l -> l.startsWith("FIELDS_BEYOND_GRANT ")), listed.toString());
        assertFalse(beyond.contains("id=\"flags-next\""), "one page holds them");
        assertTrue(beyond.contains("id=\"flags-all\""), "a way back to every kind");
        assertTrue(beyond.contains("<td id=\"flag-count-OUT_OF_HOURS\">" + DAYS + "</td>"), "the counts of the other kinds stay");

        String past = page("?kind=OUT_OF_HOURS&page=99");
        assertTrue(listed(past).contains("OUT_OF_HOURS 2025-03-03"), "a page past the end shows the last, with the oldest flag");

        Response unknown = given().cookie(Sessions.COOKIE, reviewer).redirects().follow(false).get("/reviews/use/" + grant.id() + "?kind=NIGHT");
        assertEquals(400, unknown.statusCode());
        assertTrue(unknown.asString().contains("kind is one of VOLUME, OUT_OF_HOURS, FIELDS_BEYOND_GRANT, REFUSED; not &#39;NIGHT&#39;")
                || unknown.asString().contains("kind is one of VOLUME, OUT_OF_HOURS, FIELDS_BEYOND_GRANT, REFUSED; not 'NIGHT'"), unknown.asString());
    }

    @Test
    void inTheBrowserTheNextPageOfFlagsReplacesTheListInPlaceAndThePageIsAccessible() {
        WebDriver driver = browser.driver();
        browser.login(base, "reviewer", "demo-reviewer-2026");
        driver.get(base + "reviews/use/" + grant.id());
        String first = browser.await().until(ExpectedConditions.presenceOfElementLocated(By.id("flags-shown"))).getText();
        assertTrue(first.startsWith("第 1–25 条") || first.startsWith("1–25"), first);
        browser.accessible("use review with flags");
        browser.screenshot("use-review-01-flags-by-kind");
        driver.findElement(By.id("reason")).sendKeys("逐页核对");
        driver.findElement(By.id("flags-next")).click();
        browser.await().until(ExpectedConditions.textToBePresentInElementLocated(By.id("flags-shown"), "26–50"));
        assertTrue(driver.getCurrentUrl().contains("page=2"), "the address names the page shown: " + driver.getCurrentUrl());
        assertEquals("逐页核对", driver.findElement(By.id("reason")).getAttribute("value"), "the rest of the page stays as it was");
        driver.findElement(By.id("flag-counts")).findElement(By.linkText("FIELDS_BEYOND_GRANT")).click();
        browser.await().until(ExpectedConditions.presenceOfElementLocated(By.id("flags-all")));
        assertEquals((DAYS + 3) / 4, driver.findElement(By.id("flags")).findElements(By.tagName("li")).size());
        browser.screenshot("use-review-02-flags-of-one-kind");
    }

    private String page(String query) {
        Response r = given().cookie(Sessions.COOKIE, reviewer).redirects().follow(false).get("/reviews/use/" + grant.id() + query);
        assertEquals(200, r.statusCode(), r.asString());
        return r.asString();
    }

    private static List<String> listed(String html) {
        List<String> out = new ArrayList<>();
        Matcher m = LISTED.matcher(html);
        while (m.find()) {
            out.add(m.group(1) + " " + m.group(2));
        }
        return out;
    }

    private static List<String> sorted(List<String> l) {
        return l.stream().sorted().toList();
    }

    private UsageEntry entry(UsageDecision decision, String rule, int day) {
        return new UsageEntry(null, 0, Instant.EPOCH, "flag-pages-person", MARKET, "企业开办审批核验", grant.id(), ENTITIES, "SHARE",
                rule == null ? "uscc" : "uscc,legal_person_id", 1, 0, decision, rule, null, "a".repeat(64), "trace-flag-pages-" + day,
                "flag-pages-" + day + "-" + decision + "-" + rule, null, null, null);
    }
}
