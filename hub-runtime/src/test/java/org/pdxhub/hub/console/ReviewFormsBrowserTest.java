package org.pdxhub.hub.console;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

import org.pdxhub.hub.testing.ConsoleBrowser;

import java.net.URL;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The forms of the periodic reviews and follow-ups in a real browser, set up as
 * {@link ConsoleBrowserTest} is (Debian's Chromium, headless): a complaint from the 12345 hotline
 * recorded by the agency's reviewer from Today, routed to the provider, who finds it on its Today
 * and answers it; a refused conclusion is shown in words.
 */
@QuarkusTest
class ReviewFormsBrowserTest {

    @RegisterExtension
    static final ConsoleBrowser browser = ConsoleBrowser.chromium();

    @TestHTTPResource("/")
    URL base;

    @Test
    void aHotlineComplaintIsRecordedFromTodayAndAnsweredByTheProviderFromItsToday() {
        String subject = "12345 热线：人口数据被用于推销 " + UUID.randomUUID().toString().substring(0, 6);
        login("reviewer", "demo-reviewer-2026");
        browser.driver().findElement(By.id("new-complaint")).click();
        browser.await().until(ExpectedConditions.presenceOfElementLocated(By.id("record-submit")));
        accessible("new complaint");
        new Select(browser.driver().findElement(By.id("source"))).selectByValue("HOTLINE_12345");
        browser.driver().findElement(By.id("subject")).sendKeys(subject);
        browser.driver().findElement(By.id("complainant")).sendKeys("张三");
        browser.driver().findElement(By.id("contact")).sendKeys("13800001234");
        browser.driver().findElement(By.id("resource")).sendKeys("GZ-PSB-POP-001");
        browser.driver().findElement(By.id("record-submit")).click();
        browser.await().until(ExpectedConditions.textToBePresentInElementLocated(By.id("complaint-status"), "OPEN"));
        assertTrue(!browser.driver().getPageSource().contains("13800001234"), "the contact is kept masked");
        String page = browser.driver().getCurrentUrl();
        String id = page.substring(page.indexOf("/reviews/complaints/") + "/reviews/complaints/".length(), page.indexOf('?'));
        screenshot("reviews-01-complaint-recorded");

        login("specialist", "demo-specialist-2026");
        browser.await().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("a[href='/reviews/complaints/" + id + "']")));
        browser.driver().findElement(By.cssSelector("a[href='/reviews/complaints/" + id + "']")).click();
        browser.await().until(ExpectedConditions.presenceOfElementLocated(By.id("answer-submit")));
        accessible("complaint");
        browser.driver().findElement(By.id("answer")).sendKeys("已核查：该用途不在共享授权范围内，已暂停相关账号并通报");
        browser.driver().findElement(By.id("answer-submit")).click();
        browser.await().until(ExpectedConditions.textToBePresentInElementLocated(By.id("complaint-status"), "ANSWERED"));
        assertTrue(browser.driver().findElement(By.id("complaint-answer")).getText().contains("已暂停相关账号"));
        screenshot("reviews-02-complaint-answered");
    }

    @Test
    void aReassessmentConclusionWithoutAReasonIsRefusedInWords() {
        login("specialist", "demo-specialist-2026");
        browser.driver().get(base + "reviews/reassessments/GZ-PSB-POP-001");
        browser.await().until(ExpectedConditions.presenceOfElementLocated(By.id("conclude-submit")));
        assertTrue(browser.driver().findElement(By.id("classification")).getText().contains("CONDITIONAL"),
                browser.driver().findElement(By.id("classification")).getText());
        accessible("re-assessment");
        browser.driver().findElement(By.id("conclude-submit")).click();
        browser.await().until(d -> d.getPageSource().contains("reason"));
        assertTrue(browser.driver().getPageSource().contains("reason"), "the refusal names the field to fill");
        screenshot("reviews-03-reassessment-refused");
    }

    private void login(String username, String password) {
        browser.login(base, username, password);
    }

    private static void screenshot(String name) {
        browser.screenshot(name);
    }

    private static void accessible(String page) {
        browser.accessible(page);
    }

}
