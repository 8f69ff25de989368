package org.pdxhub.hub.console;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.pdxhub.hub.calendar.WorkingDayCalendar;
import org.pdxhub.hub.link.ChildRequests;
import org.pdxhub.hub.link.LinkTarget;
import org.pdxhub.hub.link.RelayedRequests;
import org.pdxhub.hub.store.Sql;
import org.pdxhub.hub.testing.ConsoleBrowser;

import java.net.URL;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * At the agency's node (this test node's organisation is the agency), in a real browser: a dispute
 * a county node sent up is on the reviewer's Today page by the agency's own date, opens where it is
 * decided, and is decided there with reason and basis; a department's specialist cannot open it.
 */
@QuarkusTest
class RelayedDecisionsBrowserTest {

    static final String KANGDING = ChildRequests.KANGDING;

    @RegisterExtension
    static final ConsoleBrowser browser = ConsoleBrowser.chromium();

    @TestHTTPResource("/")
    URL base;

    @Inject
    RelayedRequests relayed;

    @Inject
    CamelContext camel;

    @Inject
    ObjectMapper json;

    @Inject
    Sql sql;

    @Inject
    WorkingDayCalendar calendar;

    @Test
    void aDisputeSentUpIsOnTheReviewersTodayAndDecidedThereButADepartmentCannotOpenIt() throws Exception {
        WebDriver driver = browser.driver();
        WebDriverWait wait = browser.await();
        String origin = RelayedRequests.PREFIX + UUID.randomUUID();
        String requestId = "R-KD-" + origin.substring(origin.length() - 6);
        Map<String, Object> dispute = new HashMap<>();
        dispute.put("agency", "11513300MB0000001E");
        dispute.put("requestId", requestId);
        dispute.put("kind", "SHARE");
        dispute.put("resource", "KD-CIVIL-009");
        dispute.put("requester", KANGDING);
        dispute.put("provider", "11513301MB0000003Q");
        dispute.put("refusal", "用途不明");
        dispute.put("refusalBasis", "共享条件");
        dispute.put("disputeReason", "用于低保资格核验");
        dispute.put("receivedOn", "2026-11-27");
        dispute.put("dueBy", "2026-12-04");
        dispute.put("fromNode", "kangding");
        relayed.receive(request(origin, "KD-CIVIL-009", json.writeValueAsBytes(dispute)), kangding());
        String id = sql.one("select local_request_id from relayed_request where origin_id = ?", rs -> rs.getString(1), origin).orElseThrow();

        // A department's specialist is told nothing of it: not on Today, and its page is not found.
        browser.login(base, "specialist", "demo-specialist-2026");
        driver.get(base.toString());
        wait.until(ExpectedConditions.presenceOfElementLocated(By.tagName("main")));
        assertFalse(driver.getPageSource().contains(requestId), "a department's Today lists what was sent up to the agency");
        driver.get(base + "reviews/relayed/" + id);
        WebElement problem = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("problem")));
        assertTrue(problem.getText().contains("404"), problem.getText());

        // The agency's reviewer finds it on Today, due by the agency's own date, and opens it from there.
        browser.login(base, "reviewer", "demo-reviewer-2026");
        driver.get(base.toString());
        WebElement link = wait.until(ExpectedConditions.presenceOfElementLocated(By.linkText(requestId)));
        WebElement row = link.findElement(By.xpath("ancestor::tr"));
        String due = calendar.addWorkingDays(calendar.today(), 5).toString();
        assertTrue(row.getText().contains(due), "the agency's own date, five working days from its receipt: " + row.getText());
        link.click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("decide-submit")));
        assertEquals(due, driver.findElement(By.id("relayed-due")).getText());
        assertEquals("2026-12-04", driver.findElement(By.id("relayed-department-due")).getText(), "the department's date beside it");
        browser.accessible("relayed dispute");

        // Upholding the refusal needs its basis; the form says so and nothing is decided.
        driver.findElement(By.id("d-reject")).click();
        driver.findElement(By.id("reason")).sendKeys("用途与职责不符");
        driver.findElement(By.id("decide-submit")).click();
        problem = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("problem")));
        assertTrue(problem.getText().contains("basis"), problem.getText());
        assertEquals("WAITING", status(origin));

        driver.get(base + "reviews/relayed/" + id);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("decide-submit")));
        driver.findElement(By.id("d-reject")).click();
        driver.findElement(By.id("reason")).sendKeys("用途与职责不符");
        driver.findElement(By.id("basis")).sendKeys("《办法》第十八条");
        driver.findElement(By.id("decide-submit")).click();
        wait.until(d -> d.getCurrentUrl().contains("done=decided"));
        assertTrue(driver.findElement(By.id("relayed-status")).getText().contains("REFUSAL_UPHELD"));
        browser.screenshot("relayed-01-dispute-decided");
        assertEquals("REFUSAL_UPHELD", status(origin), "the answer went back down the link it came by");
    }

    private String status(String origin) {
        return sql.one("select status from relayed_request where origin_id = ?", rs -> rs.getString(1), origin).orElseThrow();
    }

    private Exchange request(String origin, String resource, byte[] body) {
        return ChildRequests.request(camel, "DISPUTE_DECISION", origin, resource, body);
    }

    private static LinkTarget kangding() {
        return ChildRequests.child("kangding");
    }
}
