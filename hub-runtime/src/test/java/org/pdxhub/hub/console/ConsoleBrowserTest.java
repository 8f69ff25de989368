package org.pdxhub.hub.console;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import jakarta.jms.BytesMessage;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.pdxhub.hub.access.Role;
import org.pdxhub.hub.account.Accounts;
import org.pdxhub.hub.deadletter.DeadLetters;
import org.pdxhub.hub.store.Sql;

import org.pdxhub.hub.testing.ConsoleBrowser;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The console in a real browser (Debian's Chromium, headless, 1366×768), as its people use it:
 * the reviewer's morning, a specialist's draft and import, an engineer's replay, the language,
 * refusals. Each main page is checked with axe-core inside the browser, and every step leaves a
 * screenshot in {@code target/screenshots/}.
 */
@QuarkusTest
class ConsoleBrowserTest {

    static final String AGENCY = "11513300MB0000001E";
    static final String PSB = "11513300MB0000002H";
    static final String SAMR = "11513300MB0000003L";

    @RegisterExtension
    static final ConsoleBrowser browser = ConsoleBrowser.chromium();

    @TestHTTPResource("/")
    URL base;

    @Inject
    ConnectionFactory connections;

    @Inject
    Sql sql;

    @Inject
    Accounts accounts;

    @Test
    void theReviewersMorningSeesWhatIsDueApprovesACatalogChangeAndDecidesADispute() {
        String code = "GZ-SAMR-WEB-" + suffix();
        publishMarketResource(code);
        as("demo-specialist-market").body(Map.of("updateCycle", "WEEKLY", "reason", "按职能调整为每周更新"))
                .post("/api/v1/catalog/resources/" + code + "/changes").then().statusCode(202);
        String dispute = disputedShareRequest();

        login("reviewer", "demo-reviewer-2026");
        browser.await().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("a[href='/catalog/" + code + "']")));
        assertTrue(browser.driver().findElement(By.cssSelector("a[href='/requests/share/" + dispute + "']")).isDisplayed());
        assertTrue(browser.driver().getPageSource().contains("争议裁决"), "the dispute is listed as one");
        screenshot("01-reviewer-today");
        accessible("today");

        browser.driver().findElement(By.cssSelector("a[href='/catalog/" + code + "']")).click();
        browser.await().until(ExpectedConditions.presenceOfElementLocated(By.id("diff")));
        assertTrue(browser.driver().findElement(By.id("diff")).getText().contains("WEEKLY"), "the change is shown against what is published");
        screenshot("02-reviewer-catalog-change");
        accessible("resource");
        browser.driver().findElement(By.id("comment")).sendKeys("更新周期调整合理");
        browser.driver().findElement(By.id("review-submit")).click();
        browser.await().until(ExpectedConditions.textToBePresentInElementLocated(By.id("resource-status"), "PUBLISHED"));
        assertTrue(browser.driver().findElement(By.id("resource-status")).getText().contains("2 / 2"), browser.driver().findElement(By.id("resource-status")).getText());
        screenshot("03-reviewer-change-approved");

        browser.driver().get(base + "");
        browser.driver().findElement(By.cssSelector("a[href='/requests/share/" + dispute + "']")).click();
        browser.await().until(ExpectedConditions.presenceOfElementLocated(By.id("decide-submit")));
        accessible("request");
        browser.driver().findElement(By.id("d-reject")).click();
        browser.driver().findElement(By.id("reason")).sendKeys("申请字段超出参保登记所需");
        browser.driver().findElement(By.id("basis")).sendKeys("《甘孜州公共数据管理办法》第十八条");
        screenshot("04-reviewer-dispute");
        browser.driver().findElement(By.id("decide-submit")).click();
        browser.await().until(ExpectedConditions.textToBePresentInElementLocated(By.id("request-status"), "REFUSAL_UPHELD"));
        assertTrue(browser.driver().findElement(By.id("timeline")).getText().contains("account:reviewer"),
                "the timeline names the account that decided: " + browser.driver().findElement(By.id("timeline")).getText());
        screenshot("05-reviewer-dispute-decided");
    }

    @Test
    void aSpecialistDraftsAResourceAndSeesTheRowErrorsOfAWorkbook() throws IOException {
        String code = "GZ-PSB-WEB-" + suffix();
        login("specialist", "demo-specialist-2026");
        browser.driver().get(base + "catalog");
        accessible("catalog");
        browser.driver().findElement(By.id("new-draft")).click();
        browser.await().until(ExpectedConditions.presenceOfElementLocated(By.id("save-draft")));
        accessible("draft");
        browser.driver().findElement(By.id("code")).sendKeys(code);
        browser.driver().findElement(By.id("name")).sendKeys("户籍窗口办件量");
        browser.driver().findElement(By.id("description")).sendKeys("各户籍窗口每日办件数量");
        new Select(browser.driver().findElement(By.id("category"))).selectByVisibleText("DEPARTMENT");
        new Select(browser.driver().findElement(By.id("shareType"))).selectByVisibleText("UNCONDITIONAL");
        browser.driver().findElement(By.id("openBasis")).sendKeys("《中华人民共和国政府信息公开条例》第十四条");
        new Select(browser.driver().findElement(By.id("updateCycle"))).selectByVisibleText("DAILY");
        browser.driver().findElement(By.id("itemName")).sendKeys("window_no");
        browser.driver().findElement(By.id("itemTitle")).sendKeys("窗口编号");
        screenshot("06-specialist-draft");
        browser.driver().findElement(By.id("save-draft")).click();
        browser.await().until(d -> !d.findElements(By.id("resource-status")).isEmpty() || !d.findElements(By.id("problem")).isEmpty());
        assertTrue(browser.driver().findElements(By.id("problem")).isEmpty(), () -> browser.driver().findElement(By.id("problem")).getText());
        assertTrue(browser.driver().findElement(By.id("resource-status")).getText().contains("DRAFT"));
        screenshot("07-specialist-draft-saved");

        Path workbook = workbookWithABadRow("GZ-PSB-IMP-" + suffix());
        browser.driver().get(base + "catalog/import");
        browser.driver().findElement(By.id("file")).sendKeys(workbook.toAbsolutePath().toString());
        browser.driver().findElement(By.id("import-submit")).click();
        WebElement errors = browser.await().until(ExpectedConditions.presenceOfElementLocated(By.id("import-errors")));
        assertTrue(errors.getText().contains("3"), "the row at fault is named: " + errors.getText());
        assertTrue(errors.getText().contains("type"), "and its field: " + errors.getText());
        screenshot("08-specialist-import-row-errors");
        accessible("import");
    }

    @Test
    void anEngineerReplaysADeadLetterAndItLandsOnce() throws Exception {
        String messageId = "console-" + UUID.randomUUID();
        deadLetter(messageId);
        login("admin", "demo-admin-2026");
        browser.driver().get(base + "operations");
        WebElement row = browser.await().until(ExpectedConditions.presenceOfElementLocated(
                By.xpath("//table[@id='dead-letters']//tr[td[contains(., '" + messageId + "')]]")));
        screenshot("09-engineer-operations");
        accessible("operations");
        row.findElement(By.cssSelector("button.replay")).click();
        browser.await().until(ExpectedConditions.urlContains("replayed="));
        await().atMost(Duration.ofSeconds(30)).until(() -> sql.count("select count(*) from landed_message where message_id = ?", messageId) == 1);
        browser.driver().navigate().refresh();
        assertFalse(browser.driver().findElement(By.id("dead-letters")).getText().contains(messageId), "the letter is off pdx.dlq");
        screenshot("10-engineer-replayed");
    }

    @Test
    void anAdministratorIssuesAKeyShownOnceAndReadsRequestsGrantsAndTheUsageLog() {
        login("admin", "demo-admin-2026");
        browser.driver().get(base + "admin");
        browser.await().until(ExpectedConditions.presenceOfElementLocated(By.id("accounts")));
        assertTrue(browser.driver().findElement(By.id("accounts")).getText().contains("reviewer"));
        accessible("admin");
        String keyId = "console-key-" + suffix().toLowerCase();
        new Select(browser.driver().findElement(By.id("k-org"))).selectByValue(PSB);
        browser.driver().findElement(By.id("k-id")).sendKeys(keyId);
        browser.driver().findElement(By.id("k-holder")).sendKeys("公安局户籍系统");
        browser.driver().findElement(By.id("k-role-SYSTEM")).click();
        browser.driver().findElement(By.cssSelector("form[action='/admin/keys'] button")).click();
        String key = browser.await().until(ExpectedConditions.presenceOfElementLocated(By.id("issued-key-value"))).getText();
        screenshot("14-admin-key-issued");
        given().auth().oauth2(key).get("/api/v1/node").then().statusCode(200);
        browser.driver().get(base + "admin");
        assertTrue(browser.driver().findElements(By.id("issued-key-value")).isEmpty(), "the key is shown once only");

        browser.driver().get(base + "requests");
        browser.await().until(ExpectedConditions.presenceOfElementLocated(By.id("requests")));
        accessible("requests");
        browser.driver().get(base + "use?resource=GZ-PSB-POP-001");
        browser.await().until(ExpectedConditions.presenceOfElementLocated(By.id("usage")));
        assertTrue(browser.driver().findElements(By.id("grants")).size() == 1);
        screenshot("15-use");
        accessible("use");
    }

    @Test
    void theLanguageSwitchesToEnglishAndBack() {
        login("reviewer", "demo-reviewer-2026");
        assertTrue(browser.driver().findElement(By.tagName("nav")).getText().contains("今日待办"));
        browser.driver().findElement(By.id("lang-switch")).click();
        browser.await().until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("nav"), "Today"));
        assertEquals("en", browser.driver().findElement(By.tagName("html")).getAttribute("lang"));
        screenshot("11-today-in-english");
        browser.driver().findElement(By.id("lang-switch")).click();
        browser.await().until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("nav"), "今日待办"));
    }

    @Test
    void aPersonWithoutTheRoleIsRefusedWithTheReasonInWords() {
        login("specialist", "demo-specialist-2026");
        browser.driver().get(base + "operations");
        WebElement problem = browser.await().until(ExpectedConditions.presenceOfElementLocated(By.id("problem")));
        assertTrue(problem.getText().contains("Forbidden"), problem.getText());
        assertFalse(browser.driver().getPageSource().contains("dead-letters"), "nothing of the page is shown");
        screenshot("12-specialist-refused-operations");
        browser.driver().get(base + "admin");
        assertTrue(browser.await().until(ExpectedConditions.presenceOfElementLocated(By.id("problem"))).getText().contains("ADMIN"));
    }

    @Test
    void aFormPostedFromElsewhereWithoutTheTokenIsRefused() {
        login("admin", "demo-admin-2026");
        Object status = ((JavascriptExecutor) browser.driver()).executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "fetch('/admin/accounts', {method: 'POST', credentials: 'same-origin', redirect: 'manual',"
                        + " body: new URLSearchParams({username: 'csrf-victim', organisation: '" + AGENCY + "', displayName: 'x',"
                        + " roles: 'ADMIN', password: 'forged-password-1'})}).then(r => done(r.status), e => done(String(e)));");
        assertEquals(403L, status);
        assertTrue(accounts.find("csrf-victim").isEmpty());
    }

    @Test
    void anAccountIsLockedAfterRepeatedFailures() {
        String username = "browser-lock-" + suffix().toLowerCase();
        accounts.create(new Accounts.NewAccount(username, SAMR, "锁定测试", Set.of(Role.SPECIALIST), "right-password-1"),
                new org.pdxhub.hub.access.Caller("test", AGENCY, "test", Set.of(Role.ADMIN)));
        for (int i = 0; i < 5; i++) {
            login(username, "wrong-password");
        }
        login(username, "right-password-1");
        WebElement error = browser.await().until(ExpectedConditions.presenceOfElementLocated(By.id("login-error")));
        assertTrue(error.getText().contains("账户已锁定"), error.getText());
        screenshot("13-locked-out");
        accessible("login");
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

    private static Path workbookWithABadRow(String code) throws IOException {
        Path file = Files.createTempFile("catalog-import", ".xlsx");
        file.toFile().deleteOnExit();
        try (XSSFWorkbook wb = new XSSFWorkbook(); OutputStream out = Files.newOutputStream(file)) {
            var sheet = wb.createSheet("目录");
            String[][] rows = {
                    {"code", "name", "provider", "category", "shareType", "openType", "openBasis", "updateCycle", "item", "type", "sensitivity"},
                    {code, "窗口排队数据", PSB, "DEPARTMENT", "UNCONDITIONAL", "NONE", "《政府信息公开条例》第十四条", "DAILY", "window_no", "STRING", "1"},
                    {code, "窗口排队数据", PSB, "DEPARTMENT", "UNCONDITIONAL", "NONE", "《政府信息公开条例》第十四条", "DAILY", "waiting", "NOT_A_TYPE", "1"}};
            for (int r = 0; r < rows.length; r++) {
                var row = sheet.createRow(r);
                for (int c = 0; c < rows[r].length; c++) {
                    row.createCell(c).setCellValue(rows[r][c]);
                }
            }
            wb.write(out);
        }
        return file;
    }

    private void deadLetter(String messageId) throws Exception {
        // As the broker leaves a batch that passed the gate but could not land five times (DeadLettersTest).
        String record = "[{\"citizen_id\":\"PSN" + messageId + "\",\"person_name\":\"" + messageId.substring(0, 8) + "*\"}]";
        try (JMSContext jms = connections.createContext()) {
            BytesMessage m = jms.createBytesMessage();
            m.writeBytes(record.getBytes(StandardCharsets.UTF_8));
            m.setStringProperty("PdxResource", "GZ-PSB-POP-001");
            m.setStringProperty("PdxMessageId", messageId);
            m.setStringProperty("PdxProvider", PSB);
            m.setStringProperty("PdxRequester", PSB);
            m.setIntProperty("PdxResourceVersion", 1);
            m.setStringProperty("PdxRule", "delivery.attempts-exhausted");
            m.setStringProperty(DeadLetters.FROM, "pdx.agg");
            jms.createProducer().send(jms.createQueue("pdx.dlq"), m);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> as("demo-admin").get("/api/v1/dead-letters?limit=1000").asString().contains(messageId));
    }

    /** The population resource's provider refuses a request of human resources, which disputes it: the agency decides. */
    private static String disputedShareRequest() {
        Map<String, Object> ask = new HashMap<>();
        ask.put("resource", "GZ-PSB-POP-001");
        ask.put("fields", List.of("citizen_id"));
        ask.put("purpose", "社会保险参保登记核验");
        ask.put("scenario", "社会保险参保登记时核验参保人身份");
        ask.put("basis", "《社会保险法》第五十七条");
        ask.put("goal", "参保登记一次办结");
        ask.put("securityMeasures", "专线传输，访问留痕，数据不落地");
        ask.put("commitment", "本单位承诺所填内容真实，数据使用安全、合规");
        ask.put("acceptedMeasures", List.of("transport", "access-log", "purpose-only", "delete-after-use"));
        String id = as("demo-specialist-hrss").body(ask).post("/api/v1/share-requests").then().statusCode(201).extract().path("id");
        as("demo-specialist").body(Map.of("decision", "REJECT", "reason", "字段超出所需", "basis", "《数据共享目录》共享条件"))
                .post("/api/v1/share-requests/" + id + "/decision").then().statusCode(200);
        as("demo-specialist-hrss").body(Map.of("reason", "参保登记须核验身份")).post("/api/v1/share-requests/" + id + "/dispute")
                .then().statusCode(200);
        return id;
    }

    private static void publishMarketResource(String code) {
        Map<String, Object> item = new HashMap<>();
        item.put("name", "licence_no");
        item.put("type", "STRING");
        item.put("personal", false);
        item.put("sensitivity", 1);
        Map<String, Object> d = new HashMap<>();
        d.put("code", code);
        d.put("name", "营业执照办理量 " + code);
        d.put("provider", SAMR);
        d.put("description", "a resource made by the console's browser test");
        d.put("category", "DEPARTMENT");
        d.put("shareType", "UNCONDITIONAL");
        d.put("openType", "NONE");
        d.put("openBasis", "《反不正当竞争法》关于商业秘密的规定");
        d.put("updateCycle", "MONTHLY");
        d.put("items", List.of(item));
        as("demo-specialist-market").body(d).post("/api/v1/catalog/resources").then().statusCode(201);
        as("demo-specialist-market").post("/api/v1/catalog/resources/" + code + "/submit").then().statusCode(200);
        as("demo-reviewer").body(Map.of("decision", "APPROVE", "comment", "ok")).post("/api/v1/catalog/resources/" + code + "/review")
                .then().statusCode(200);
    }

    private static RequestSpecification as(String key) {
        return given().auth().oauth2(key).contentType("application/json");
    }

    private static String suffix() {
        return UUID.randomUUID().toString().substring(0, 6).toUpperCase();
    }
}
