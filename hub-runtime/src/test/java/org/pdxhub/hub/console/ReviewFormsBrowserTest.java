package org.pdxhub.hub.console;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.pdxhub.hub.testing.ConsoleBrowser;

import java.io.IOException;
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

    static ConsoleBrowser browser;
    static WebDriver driver;
    static WebDriverWait wait;

    @TestHTTPResource("/")
    URL base;

    @BeforeAll
    static void browser() throws IOException {
        browser = ConsoleBrowser.start();
        driver = browser.driver();
        wait = browser.await();
    }

    @AfterAll
    static void close() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void aHotlineComplaintIsRecordedFromTodayAndAnsweredByTheProviderFromItsToday() {
        String subject = "12345 热线：人口数据被用于推销 " + UUID.randomUUID().toString().substring(0, 6);
        login("reviewer", "demo-reviewer-2026");
        driver.findElement(By.id("new-complaint")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("record-submit")));
        accessible("new complaint");
        new Select(driver.findElement(By.id("source"))).selectByValue("HOTLINE_12345");
        driver.findElement(By.id("subject")).sendKeys(subject);
        driver.findElement(By.id("complainant")).sendKeys("张三");
        driver.findElement(By.id("contact")).sendKeys("13800001234");
        driver.findElement(By.id("resource")).sendKeys("GZ-PSB-POP-001");
        driver.findElement(By.id("record-submit")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("complaint-status"), "OPEN"));
        assertTrue(!driver.getPageSource().contains("13800001234"), "the contact is kept masked");
        String page = driver.getCurrentUrl();
        String id = page.substring(page.indexOf("/reviews/complaints/") + "/reviews/complaints/".length(), page.indexOf('?'));
        screenshot("reviews-01-complaint-recorded");

        login("specialist", "demo-specialist-2026");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("a[href='/reviews/complaints/" + id + "']")));
        driver.findElement(By.cssSelector("a[href='/reviews/complaints/" + id + "']")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("answer-submit")));
        accessible("complaint");
        driver.findElement(By.id("answer")).sendKeys("已核查：该用途不在共享授权范围内，已暂停相关账号并通报");
        driver.findElement(By.id("answer-submit")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("complaint-status"), "ANSWERED"));
        assertTrue(driver.findElement(By.id("complaint-answer")).getText().contains("已暂停相关账号"));
        screenshot("reviews-02-complaint-answered");
    }

    @Test
    void aReassessmentConclusionWithoutAReasonIsRefusedInWords() {
        login("specialist", "demo-specialist-2026");
        driver.get(base + "reviews/reassessments/GZ-PSB-POP-001");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("conclude-submit")));
        assertTrue(driver.findElement(By.id("classification")).getText().contains("CONDITIONAL"),
                driver.findElement(By.id("classification")).getText());
        accessible("re-assessment");
        driver.findElement(By.id("conclude-submit")).click();
        wait.until(d -> d.getPageSource().contains("reason"));
        assertTrue(driver.getPageSource().contains("reason"), "the refusal names the field to fill");
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
