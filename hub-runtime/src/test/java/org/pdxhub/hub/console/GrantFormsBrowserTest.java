package org.pdxhub.hub.console;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.pdxhub.hub.sharing.EmergencyGrants;
import org.pdxhub.hub.sharing.Grant;
import org.pdxhub.hub.sharing.GrantSource;
import org.pdxhub.hub.sharing.Grants;
import org.pdxhub.hub.testing.ConsoleBrowser;
import org.pdxhub.hub.testing.MovableClock;

import java.net.URL;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pdxhub.hub.testing.DemoKeys.MARKET;
import static org.pdxhub.hub.testing.DemoKeys.PSB;
import static org.pdxhub.hub.testing.DemoKeys.as;
import static org.pdxhub.hub.testing.DemoKeys.reviewer;

/**
 * The forms on a grant's afterlife in a real browser, each filled by the one the measures name and
 * refused to the one they do not: the agency's review of use (art. 19), the provider's follow-up
 * of an approved demand (art. 21), the holder's confirmation that emergency data was sealed (art. 38).
 */
@QuarkusTest
class GrantFormsBrowserTest {

    static final String ENTITIES = "GZ-SAMR-ENT-001";
    static final String POPULATION = "GZ-PSB-POP-001";

    @RegisterExtension
    static final ConsoleBrowser browser = ConsoleBrowser.chromium();

    @TestHTTPResource("/")
    URL base;

    @Inject
    Grants grants;

    @Inject
    EmergencyGrants emergencies;

    MovableClock clock;

    @BeforeEach
    void fixTheClock() {
        clock = new MovableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
        QuarkusMock.installMockForType(clock, Clock.class);
    }

    @Test
    void onlyTheAgencysReviewerRevokesAGrantFromItsReviewOfUse() {
        Instant now = clock.instant();
        Grant g = grants.issue(PSB, ENTITIES, Set.of("uscc", "entity_name"), Set.of(), "户籍登记比对", now.minusSeconds(5),
                now.plus(Duration.ofDays(365)), GrantSource.SHARE_REQUEST, "SR-console-use-review", null, null, "test");

        // The holder sees its review of use, but may not revoke its own grant.
        browser.login(base, "specialist", "demo-specialist-2026");
        browser.driver().get(base + "reviews/use/" + g.id());
        browser.await().until(ExpectedConditions.presenceOfElementLocated(By.id("conclude-submit")));
        browser.driver().findElement(By.id("c-revoke")).click();
        browser.driver().findElement(By.id("reason")).sendKeys("自行撤销");
        browser.driver().findElement(By.id("conclude-submit")).click();
        WebElement problem = browser.await().until(ExpectedConditions.presenceOfElementLocated(By.id("problem")));
        assertTrue(problem.getText().contains("403"), problem.getText());
        browser.screenshot("grant-forms-01-holder-cannot-revoke");
        assertEquals("LIVE", reviewer().get("/api/v1/grants/" + g.id()).then().extract().path("state"));

        browser.login(base, "reviewer", "demo-reviewer-2026");
        browser.driver().get(base + "reviews/use/" + g.id());
        browser.await().until(ExpectedConditions.presenceOfElementLocated(By.id("conclude-submit")));
        browser.accessible("use review");
        browser.driver().findElement(By.id("c-revoke")).click();
        browser.driver().findElement(By.id("reason")).sendKeys("比对用途已完成，不再需要");
        browser.driver().findElement(By.id("conclude-submit")).click();
        browser.await().until(d -> d.getCurrentUrl().contains("done=concluded"));
        String history = browser.await().until(ExpectedConditions.presenceOfElementLocated(By.id("history"))).getText();
        assertTrue(history.contains("REVOKE") && history.contains("比对用途已完成"), history);
        browser.screenshot("grant-forms-02-use-review-revoked");
        assertEquals("REVOKED", reviewer().get("/api/v1/grants/" + g.id()).then().extract().path("state"));
    }

    @Test
    void onlyTheProviderClosesAnApprovedDemandAndOnlyWithItsPublishedResource() {
        String demand = as("demo-specialist-hrss").body(Map.of("provider", MARKET, "description", "个体工商户经营异常名录",
                "purpose", "灵活就业人员参保动员")).post("/api/v1/demand-requests").then().statusCode(201).extract().path("id");
        as("demo-specialist-market").body(Map.of("decision", "APPROVE")).post("/api/v1/demand-requests/" + demand + "/response")
                .then().statusCode(200);
        clock.set(clock.instant().plus(Duration.ofDays(1)));
        String code = "T-CF-" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        publishMarketResource(code);

        // The requester may read the follow-up; closing it is the provider's.
        browser.login(base, "specialist-hrss", "demo-hrss-2026");
        browser.driver().get(base + "reviews/follow-ups/" + demand);
        browser.await().until(d -> !d.findElements(By.id("follow-up-status")).isEmpty() || !d.findElements(By.id("problem")).isEmpty());
        Map<String, Object> refused = post("/reviews/follow-ups/" + demand + "/close", Map.of("_csrf", token(), "resource", code));
        assertEquals(403L, refused.get("status"), refused.toString());
        assertEquals("OPEN", as("demo-specialist-market").get("/api/v1/demand-follow-ups/" + demand).then().extract().path("status"));

        browser.login(base, "specialist-market", "demo-market-2026");
        browser.driver().get(base + "reviews/follow-ups/" + demand);
        browser.await().until(ExpectedConditions.presenceOfElementLocated(By.id("close-submit")));
        browser.accessible("follow-up");
        browser.driver().findElement(By.id("resource")).sendKeys(ENTITIES);
        browser.driver().findElement(By.id("close-submit")).click();
        WebElement problem = browser.await().until(ExpectedConditions.presenceOfElementLocated(By.id("problem")));
        assertTrue(problem.getText().contains("resource.not-new"), "an entry older than the demand does not serve it: " + problem.getText());

        browser.driver().get(base + "reviews/follow-ups/" + demand);
        browser.await().until(ExpectedConditions.presenceOfElementLocated(By.id("close-submit")));
        browser.driver().findElement(By.id("resource")).sendKeys(code);
        browser.driver().findElement(By.id("close-submit")).click();
        browser.await().until(d -> d.getCurrentUrl().contains("done=closed"));
        String status = browser.driver().findElement(By.id("follow-up-status")).getText();
        assertTrue(status.contains("CLOSED") && status.contains(code), status);
        assertTrue(browser.driver().findElements(By.id("close-submit")).isEmpty(), "a closed follow-up has no form");
        browser.screenshot("grant-forms-03-follow-up-closed");
    }

    @Test
    void onlyTheHoldersSpecialistConfirmsTheSealingOfEmergencyData() {
        Instant end = clock.instant().plus(Duration.ofHours(1));
        Map<String, Object> emergency = new HashMap<>();
        emergency.put("holder", MARKET);
        emergency.put("resource", POPULATION);
        emergency.put("fields", List.of("citizen_id", "person_name"));
        emergency.put("purpose", "森林火灾受灾群众安置");
        emergency.put("scope", "雅江县受灾乡镇常住人口");
        emergency.put("method", "经平台接口按需查询");
        emergency.put("validTo", end.toString());
        String grant = reviewer().body(emergency).post("/api/v1/grants/emergency").then().statusCode(201).extract().path("grant.id");
        clock.set(end.plusSeconds(60));
        emergencies.sealEnded();

        browser.login(base, "specialist", "demo-specialist-2026");
        browser.driver().get(base + "reviews/sealing/" + grant);
        browser.await().until(d -> !d.findElements(By.id("sealing-status")).isEmpty() || !d.findElements(By.id("problem")).isEmpty());
        Map<String, Object> refused = post("/reviews/sealing/" + grant + "/confirmation",
                Map.of("_csrf", token(), "action", "DELETED", "statement", "已删除"));
        assertEquals(403L, refused.get("status"), refused.toString());
        assertTrue(refused.get("text").toString().contains("SPECIALIST of its holder"), refused.get("text").toString());

        browser.login(base, "specialist-market", "demo-market-2026");
        browser.driver().get(base + "reviews/sealing/" + grant);
        browser.await().until(ExpectedConditions.presenceOfElementLocated(By.id("confirm-submit")));
        browser.accessible("sealing");
        browser.driver().findElement(By.id("a-sealed")).click();
        browser.driver().findElement(By.id("statement")).sendKeys("应急期间查询结果已导出封存至局档案室，系统内缓存已清除");
        browser.driver().findElement(By.id("confirm-submit")).click();
        browser.await().until(d -> d.getCurrentUrl().contains("done=confirmed"));
        String status = browser.driver().findElement(By.id("sealing-status")).getText();
        assertTrue(status.contains("SEALED") && status.contains("封存至局档案室"), status);
        browser.screenshot("grant-forms-04-sealing-confirmed");
        assertEquals("SEALED", as("demo-specialist-market").get("/api/v1/grants/" + grant + "/sealing").then()
                .extract().path("confirmation.action"));
    }

    /** The form token of the session now open in the browser (every console page carries one, in the logout form). */
    private static String token() {
        return browser.driver().findElement(By.cssSelector("input[name=_csrf]")).getAttribute("value");
    }

    /** A form post from the page's own origin with the session's token, as a hand-made form would send it. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> post(String path, Map<String, String> form) {
        StringBuilder fields = new StringBuilder("{");
        form.forEach((k, v) -> fields.append('"').append(k).append("\": \"").append(v).append("\","));
        fields.append('}');
        return (Map<String, Object>) ((JavascriptExecutor) browser.driver()).executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "fetch('" + path + "', {method: 'POST', credentials: 'same-origin', redirect: 'manual',"
                        + " body: new URLSearchParams(" + fields + ")})"
                        + ".then(r => r.text().then(t => done({status: r.status, text: t})), e => done({status: -1, text: String(e)}));");
    }

    /** A market-supervision resource published by the agency's review, as the follow-up needs one. */
    private static void publishMarketResource(String code) {
        Map<String, Object> d = new HashMap<>();
        d.put("code", code);
        d.put("name", "测试资源 " + code);
        d.put("provider", MARKET);
        d.put("description", "a resource made by a test");
        d.put("category", "DEPARTMENT");
        d.put("shareType", "UNCONDITIONAL");
        d.put("openType", "NONE");
        d.put("openBasis", "《反不正当竞争法》关于商业秘密的规定");
        d.put("updateCycle", "MONTHLY");
        d.put("keyField", "uscc");
        d.put("items", List.of(Map.of("name", "uscc", "type", "STRING", "personal", false, "sensitivity", 1, "identifierKind", "uscc")));
        as("demo-specialist-market").body(d).post("/api/v1/catalog/resources").then().statusCode(201);
        as("demo-specialist-market").post("/api/v1/catalog/resources/" + code + "/submit").then().statusCode(200);
        reviewer().body(Map.of("decision", "APPROVE", "comment", "ok")).post("/api/v1/catalog/resources/" + code + "/review")
                .then().statusCode(200);
    }
}
