package org.pdxhub.hub.console;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.pdxhub.hub.calendar.WorkingDayCalendar;
import org.pdxhub.hub.store.Sql;
import org.pdxhub.hub.supervision.demo.DemoActivity;

import org.pdxhub.hub.testing.ConsoleBrowser;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The supervision page in a real browser (Debian's Chromium, headless): the agency's reviewer and a
 * department's specialist read a quarter of known activity (2024-Q2, which no other test touches),
 * with its charts, scores and reports, and the page shows what the API answers the same person.
 */
@QuarkusTest
class SupervisionPageBrowserTest {

    static final String PSB = "11513300MB0000002H";
    static final String SAMR = "11513300MB0000003L";
    static final String HRSS = "11513300MB0000004P";
    static final String QUARTER = "2024-Q2";

    @RegisterExtension
    static final ConsoleBrowser browser = ConsoleBrowser.chromium();

    @TestHTTPResource("/")
    URL base;

    @Inject
    DemoActivity demo;

    @Inject
    Sql sql;

    @Inject
    WorkingDayCalendar calendar;

    /**
     * A quarter of generated daily counters and corrections, and four share requests answered in
     * May: the public security bureau two on time and one late, market regulation one on time.
     */
    @BeforeEach
    void knownQuarter() {
        if (sql.count("select count(*) from data_request where id like 'SUPV-%'") > 0) {
            return;
        }
        demo.seed(LocalDate.parse("2024-04-01"), LocalDate.parse("2024-06-30"), false);
        answered("SUPV-1", "GZ-PSB-POP-001", PSB, "2024-05-06", 3);
        answered("SUPV-2", "GZ-PSB-POP-001", PSB, "2024-05-07", 10);
        answered("SUPV-3", "GZ-PSB-POP-001", PSB, "2024-05-08", 14);
        answered("SUPV-4", "GZ-SAMR-ENT-001", SAMR, "2024-05-09", 2);
    }

    @Test
    void theAgencySeesQualityOnTimeRatesAndScoresAsTheApiServesThemAndDownloadsTheReport() throws IOException {
        for (String month : List.of("2024-04", "2024-05", "2024-06")) {
            as("demo-reviewer").get("/api/v1/evaluations?period=" + month).then().statusCode(200);
        }
        login("reviewer", "demo-reviewer-2026");
        browser.driver().get(base + "supervision?period=" + QUARTER);
        browser.await().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#trend-chart svg")));
        WebElement psb = browser.driver().findElement(By.cssSelector("#departments tr[data-uscc='" + PSB + "']"));
        assertEquals("66.7%", psb.findElement(By.cssSelector(".on-time")).getText(), "2 of 3 answered on time");
        assertEquals("100.0%", browser.driver().findElement(By.cssSelector("#departments tr[data-uscc='" + SAMR + "'] .on-time")).getText());
        assertTrue(browser.driver().findElement(By.id("resources")).getText().contains("GZ-PSB-POP-001"));
        for (String chart : List.of("on-time-chart", "quality-chart", "score-chart", "history-chart")) {
            browser.await().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#" + chart + " svg")));
        }

        // The page's figures are the API's: the totals of a report on the quarter, the scores of the evaluations.
        Map<String, Object> totals = as("demo-reviewer").body(Map.of("period", QUARTER)).post("/api/v1/reports").then().statusCode(201)
                .extract().path("figures.totals");
        assertEquals(String.valueOf(totals.get("recordsSent")), browser.driver().findElement(By.id("t-sent")).getText());
        assertEquals(String.valueOf(totals.get("resourcesLate")), browser.driver().findElement(By.id("t-late")).getText());
        List<Map<String, Object>> scores = as("demo-reviewer").get("/api/v1/evaluations?period=" + QUARTER).then().statusCode(200)
                .extract().jsonPath().getList("$");
        for (Map<String, Object> e : scores) {
            WebElement row = browser.driver().findElement(By.cssSelector("#scores tr[data-uscc='" + e.get("department") + "']"));
            assertEquals(String.format("%.1f", ((Number) e.get("score")).doubleValue()), row.findElement(By.cssSelector(".score")).getText());
        }
        WebElement psbScore = browser.driver().findElement(By.cssSelector("#scores tr[data-uscc='" + PSB + "']"));
        psbScore.findElement(By.tagName("summary")).click();
        assertTrue(psbScore.findElement(By.cssSelector("table.evidence")).getText().contains("requestsOnTime = 2"),
                "the sharing indicator shows what it counts: " + psbScore.getText());
        accessible("supervision");
        fullPageScreenshot("16-reviewer-supervision");

        psbScore.findElement(By.tagName("a")).click();
        browser.await().until(ExpectedConditions.textToBePresentInElementLocated(By.id("history"), QUARTER));
        assertTrue(browser.driver().findElement(By.id("history")).getText().contains("2024-05"), "the months scored before are its history");

        new Select(browser.driver().findElement(By.id("g-scope"))).selectByValue("PLATFORM");
        browser.driver().findElement(By.id("generate")).click();
        WebElement generated = browser.await().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#reports tr.notice")));
        String id = generated.getAttribute("id").substring("report-".length());
        Download json = download("/supervision/reports/" + id + "/json");
        assertEquals(200, json.status());
        assertTrue(new String(json.body(), StandardCharsets.UTF_8).contains("\"recordsSent\":" + totals.get("recordsSent")));
        Download xlsx = download("/supervision/reports/" + id + "/xlsx");
        assertEquals(200, xlsx.status());
        assertTrue(xlsx.type().startsWith("application/vnd.openxmlformats"), xlsx.type());
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(xlsx.body()))) {
            double sent = -1;
            for (Row r : wb.getSheet("汇总")) {
                if ("汇聚记录数".equals(r.getCell(0).getStringCellValue())) {
                    sent = r.getCell(1).getNumericCellValue();
                }
            }
            assertEquals(((Number) totals.get("recordsSent")).doubleValue(), sent, "the workbook's figure is the page's");
        }
        Download pdf = download("/supervision/reports/" + id + "/pdf");
        assertEquals(200, pdf.status());
        assertEquals("%PDF", new String(pdf.body(), 0, 4, StandardCharsets.US_ASCII));
    }

    @Test
    void aDepartmentSpecialistSeesItsOwnDepartmentAndIsRefusedAnothers() {
        String platformReport = as("demo-reviewer").body(Map.of("period", QUARTER)).post("/api/v1/reports").then().statusCode(201)
                .extract().path("id");
        String marketReport = as("demo-reviewer").body(Map.of("period", QUARTER, "scope", SAMR)).post("/api/v1/reports").then()
                .statusCode(201).extract().path("id");
        login("specialist", "demo-specialist-2026");
        browser.driver().get(base + "supervision?period=" + QUARTER);
        browser.await().until(ExpectedConditions.presenceOfElementLocated(By.id("departments")));
        List<WebElement> lines = browser.driver().findElements(By.cssSelector("#departments tbody tr"));
        assertFalse(lines.isEmpty());
        lines.forEach(l -> assertEquals(PSB, l.getAttribute("data-uscc"), "another department's line: " + l.getText()));
        browser.driver().findElements(By.cssSelector("#resources tbody tr")).forEach(r -> assertTrue(r.getText().contains(PSB), r.getText()));
        browser.driver().findElements(By.cssSelector("#scores > tbody > tr")).forEach(r -> assertEquals(PSB, r.getAttribute("data-uscc")));
        List<String> scopes = new Select(browser.driver().findElement(By.id("g-scope"))).getOptions().stream().map(o -> o.getAttribute("value")).toList();
        assertEquals(List.of(PSB), scopes, "a department reports on itself only");
        String reports = browser.driver().findElement(By.id("reports")).getText();
        assertFalse(reports.contains("PLATFORM") || reports.contains(SAMR), reports);
        assertEquals(as("demo-specialist").get("/api/v1/evaluations?period=" + QUARTER).then().extract().jsonPath().getList("department"),
                browser.driver().findElements(By.cssSelector("#scores > tbody > tr")).stream().map(r -> r.getAttribute("data-uscc")).toList(),
                "the page's scores are those the API gives the same department");
        fullPageScreenshot("17-specialist-supervision");

        browser.driver().get(base + "supervision?period=" + QUARTER + "&department=" + SAMR);
        WebElement problem = browser.await().until(ExpectedConditions.presenceOfElementLocated(By.id("problem")));
        assertTrue(problem.getText().contains(SAMR), problem.getText());
        assertFalse(browser.driver().getPageSource().contains("id=\"history\""), "nothing of its history is shown");
        for (String refused : List.of(platformReport, marketReport)) {
            assertEquals(403, download("/supervision/reports/" + refused + "/pdf").status(), "report " + refused);
            assertEquals(403, download("/supervision/reports/" + refused + "/json").status(), "report " + refused);
        }
        Object status = ((JavascriptExecutor) browser.driver()).executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "fetch('/supervision/reports', {method: 'POST', credentials: 'same-origin', redirect: 'manual',"
                + " body: new URLSearchParams({_csrf: document.querySelector('input[name=_csrf]') ? document.querySelector('input[name=_csrf]').value : '',"
                + " period: '" + QUARTER + "', scope: 'PLATFORM'})}).then(r => done(r.status), e => done(String(e)));");
        assertEquals(403L, status, "a platform report is not generated for a department, even with the page's token");
    }

    private void answered(String id, String resource, String provider, String submitted, int workingDaysToAnswer) {
        ZoneId zone = calendar.clock().getZone();
        LocalDate on = LocalDate.parse(submitted);
        LocalDate due = calendar.addWorkingDays(on, 10);
        LocalDate decided = calendar.addWorkingDays(on, workingDaysToAnswer);
        sql.update("insert into data_request (id, kind, status, requester_uscc, requester_person, resource_code, resource_type,"
                        + " provider_uscc, fields, purpose, submitted_on, submitted_at, due_by, assignee_uscc, assignee_role, routed_to_agency,"
                        + " decision, decided_at, decided_by, closed_at) values (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                id, "SHARE", "APPROVED", HRSS, "人社局张科员", resource, "CONDITIONAL", provider, "citizen_id", "社保待遇资格认证", on,
                on.atTime(9, 0).atZone(zone).toInstant(), due, provider, "SPECIALIST", false, "APPROVE",
                decided.atTime(15, 0).atZone(zone).toInstant(), "test", decided.atTime(15, 0).atZone(zone).toInstant());
    }

    /** A file as the browser gets it with the person's session. */
    private record Download(int status, String type, byte[] body) {
    }

    @SuppressWarnings("unchecked")
    private static Download download(String path) {
        List<Object> r = (List<Object>) ((JavascriptExecutor) browser.driver()).executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "fetch(arguments[0], {credentials: 'same-origin'}).then(r => r.arrayBuffer().then(b => {"
                + " const a = new Uint8Array(b); let s = ''; for (let i = 0; i < a.length; i++) { s += String.fromCharCode(a[i]); }"
                + " done([r.status, r.headers.get('content-type') || '', btoa(s)]); })).catch(e => done([0, String(e), '']));", path);
        return new Download(((Number) r.get(0)).intValue(), (String) r.get(1), Base64.getDecoder().decode((String) r.get(2)));
    }

    private void login(String username, String password) {
        browser.login(base, username, password);
    }

    private static void fullPageScreenshot(String name) {
        browser.fullPageScreenshot(name);
    }

    private static void accessible(String page) {
        browser.accessible(page);
    }

    private static RequestSpecification as(String key) {
        return given().auth().oauth2(key).contentType("application/json");
    }
}
