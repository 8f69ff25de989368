package org.pdxhub.hub.console;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.pdxhub.hub.testing.ConsoleBrowser;

import java.net.URL;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pdxhub.hub.testing.DemoKeys.as;
import static org.pdxhub.hub.testing.DemoKeys.reviewer;

/** A record sent to the node and landed, found by the reviewer on the lineage page with the hop where it landed. */
@QuarkusTest
class LineagePageBrowserTest {

    static final String POPULATION = "GZ-PSB-POP-001";

    @RegisterExtension
    static final ConsoleBrowser browser = ConsoleBrowser.chromium();

    @TestHTTPResource("/")
    URL base;

    @Test
    void aLandedRecordsLineageShowsItsHopsOnThePage() {
        String key = citizen("19790315", ThreadLocalRandom.current().nextInt(10, 99));
        as("demo-system").header("Pdx-Person", "p").header("Pdx-Purpose", URLEncoder.encode("人口基础信息汇聚", StandardCharsets.UTF_8))
                .body(List.of(Map.of("citizen_id", key, "person_name", "拉姆"))).post("/api/v1/exchange/" + POPULATION + "/records")
                .then().statusCode(202);
        await().atMost(Duration.ofSeconds(15)).until(() -> reviewer().get("/api/v1/lineage/" + POPULATION + "/" + key).statusCode() == 200);

        browser.login(base, "reviewer", "demo-reviewer-2026");
        browser.driver().get(base + "use/lineage");
        browser.await().until(ExpectedConditions.presenceOfElementLocated(By.id("lineage-submit")));
        browser.driver().findElement(By.id("l-resource")).sendKeys(POPULATION);
        browser.driver().findElement(By.id("l-key")).sendKeys(key);
        browser.driver().findElement(By.id("lineage-submit")).click();
        WebElement path = browser.await().until(ExpectedConditions.presenceOfElementLocated(By.id("lineage-path-1")));
        List<WebElement> hops = path.findElements(By.tagName("li"));
        assertTrue(!hops.isEmpty(), "the path has its hops");
        assertTrue(hops.get(hops.size() - 1).getText().contains("#"), "the landing hop names its usage-log entry: " + path.getText());
        assertTrue(browser.driver().findElement(By.id("lineage-record")).getText().contains(POPULATION));
        browser.accessible("lineage");
        browser.fullPageScreenshot("use-lineage");
        browser.driver().get(base + "use/verify");
        browser.await().until(d -> d.getPageSource().contains("verified") || d.getCurrentUrl().contains("verify"));
        browser.fullPageScreenshot("use-verify");
    }

    /** A citizen ID of Ganzi (513301) with its GB 11643 check digit. */
    private static String citizen(String birth, int seq) {
        String body = "513301" + birth + String.format("%02d", seq) + "1";
        int[] weights = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (body.charAt(i) - '0') * weights[i];
        }
        return body + "10X98765432".charAt(sum % 11);
    }
}
