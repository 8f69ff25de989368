package org.pdxhub.hub.console;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The forms of the periodic reviews and follow-ups in a real browser, set up as
 * {@link ConsoleBrowserTest} is (Debian's Chromium, headless): a complaint from the 12345 hotline
 * recorded by the agency's reviewer from Today, routed to the provider, who finds it on its Today
 * and answers it; a refused conclusion is shown in words.
 */
@QuarkusTest
class ReviewFormsBrowserTest {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    static WebDriver driver;
    static WebDriverWait wait;

    @TestHTTPResource("/")
    URL base;

    @BeforeAll
    static void browser() throws IOException {
        boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!installed && "true".equals(System.getenv("CI"))) {
            throw new IllegalStateException("the console's browser tests need Debian's chromium and chromium-driver:"
                    + " apt-get install -y chromium chromium-driver fonts-noto-cjk (.ci/run does)");
        }
        assumeTrue(installed, "chromium and chromium-driver are not installed: apt-get install -y chromium chromium-driver fonts-noto-cjk");
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        System.setProperty("SE_OFFLINE", "true");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1366,768", "--lang=zh-CN",
                "--disable-gpu", "--no-first-run");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build();
        driver = new ChromeDriver(service, options);
        wait = new WebDriverWait(driver, Duration.ofSeconds(30));
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterAll
    static void close() {
        if (driver != null) {
            driver.quit();
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
        driver.get(base + "login");
        driver.manage().deleteAllCookies();
        driver.get(base + "login");
        driver.findElement(By.id("username")).sendKeys(username);
        driver.findElement(By.id("password")).sendKeys(password);
        driver.findElement(By.id("login-submit")).click();
        wait.until(d -> !d.getCurrentUrl().endsWith("/login") || !d.findElements(By.id("login-error")).isEmpty());
    }

    private static void screenshot(String name) {
        try {
            Files.copy(((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath(), SCREENSHOTS.resolve(name + ".png"),
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static void accessible(String page) {
        JavascriptExecutor js = (JavascriptExecutor) driver;
        js.executeScript(axeSource());
        Object result = js.executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "axe.run(document, {resultTypes: ['violations']}).then(r => done(r.violations"
                + ".filter(v => v.impact === 'serious' || v.impact === 'critical')"
                + ".map(v => v.id + ': ' + v.help + ' ' + v.nodes.map(n => n.target.join(' ')).join(', '))), e => done(['axe failed: ' + e]));");
        List<String> violations = (List<String>) result;
        assertTrue(violations.isEmpty(), "accessibility of " + page + ": " + violations);
    }

    private static String axeSource() {
        try (InputStream in = ReviewFormsBrowserTest.class.getClassLoader()
                .getResourceAsStream("META-INF/resources/webjars/axe-core/4.6.3/axe.min.js")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
