package org.pdxhub.hub.testing;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
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

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Debian's Chromium, headless at 1366×768 in Chinese, driven through Debian's chromedriver, for
 * the console's browser tests: log in, screenshots under {@code target/screenshots/}, and the
 * axe-core check of a page. Nothing is downloaded: browser and driver are named, Selenium Manager
 * is told to stay offline. Without them a test is skipped, except under {@code CI=true}.
 *
 * <p>A JUnit 5 extension: {@code @RegisterExtension static final ConsoleBrowser browser = ConsoleBrowser.chromium();}
 * starts the browser before the class's first test and quits it after its last.
 */
public final class ConsoleBrowser implements BeforeAllCallback, AfterAllCallback {

    public static final Path SCREENSHOTS = Path.of("target", "screenshots");
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final String AXE = "META-INF/resources/webjars/axe-core/4.6.3/axe.min.js";

    private WebDriver driver;
    private WebDriverWait wait;

    private ConsoleBrowser() {
    }

    /** A browser for a test class, started by JUnit before its first test. */
    public static ConsoleBrowser chromium() {
        return new ConsoleBrowser();
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        driver = startChromium();
        wait = new WebDriverWait(driver, Duration.ofSeconds(30));
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (driver != null) {
            driver.quit();
            driver = null;
        }
    }

    private static WebDriver startChromium() throws IOException {
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
        Files.createDirectories(SCREENSHOTS);
        return new ChromeDriver(service, options);
    }

    public WebDriver driver() {
        return driver;
    }

    public WebDriverWait await() {
        return wait;
    }

    /** Logs in on a clean slate (no cookie of an earlier person), and waits for Today or the login's error. */
    public void login(URL base, String username, String password) {
        driver.get(base + "login");
        driver.manage().deleteAllCookies();
        driver.get(base + "login");
        driver.findElement(By.id("username")).sendKeys(username);
        driver.findElement(By.id("password")).sendKeys(password);
        driver.findElement(By.id("login-submit")).click();
        wait.until(d -> !d.getCurrentUrl().endsWith("/login") || !d.findElements(By.id("login-error")).isEmpty());
    }

    public void screenshot(String name) {
        try {
            Files.copy(((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath(), SCREENSHOTS.resolve(name + ".png"),
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The whole page, for docs/img/console: the window is made as tall as the page for the shot. */
    public void fullPageScreenshot(String name) {
        Dimension before = driver.manage().window().getSize();
        long height = (Long) ((JavascriptExecutor) driver).executeScript("return document.documentElement.scrollHeight;");
        driver.manage().window().setSize(new Dimension(before.getWidth(), (int) Math.min(height + 140, 4000)));
        try {
            screenshot(name);
        } finally {
            driver.manage().window().setSize(before);
        }
    }

    /** axe-core, from its WebJar on the test class path, run in the page: no serious or critical violation. */
    @SuppressWarnings("unchecked")
    public void accessible(String page) {
        JavascriptExecutor js = (JavascriptExecutor) driver;
        try (InputStream in = ConsoleBrowser.class.getClassLoader().getResourceAsStream(AXE)) {
            js.executeScript(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        List<String> violations = (List<String>) js.executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "axe.run(document, {resultTypes: ['violations']}).then(r => done(r.violations"
                + ".filter(v => v.impact === 'serious' || v.impact === 'critical')"
                + ".map(v => v.id + ': ' + v.help + ' ' + v.nodes.map(n => n.target.join(' ')).join(', '))), e => done(['axe failed: ' + e]));");
        assertTrue(violations.isEmpty(), "accessibility of " + page + ": " + violations);
    }
}
