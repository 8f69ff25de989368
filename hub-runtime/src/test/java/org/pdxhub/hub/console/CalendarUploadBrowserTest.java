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
import org.pdxhub.hub.store.Sql;
import org.pdxhub.hub.testing.ConsoleBrowser;
import org.pdxhub.hub.testing.MovableClock;

import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pdxhub.hub.testing.DemoKeys.MARKET;
import static org.pdxhub.hub.testing.DemoKeys.reviewer;

/**
 * The agency's administrator loads a State Council holiday notice from the console: uploads the
 * CSV, sees which days change and which running deadlines would move, confirms; a file with bad
 * lines is refused line by line; nobody else can load one, and not without the form's token.
 * Years far ahead, so that other tests' days stay as they are.
 */
@QuarkusTest
class CalendarUploadBrowserTest {

    /** 元旦 2045 is a Sunday: Monday 2 and Tuesday 3 January are days off, Saturday 7 January is worked. */
    static final String NOTICE_2045 = "date_from,date_to,kind,name\n2045-01-01,2045-01-03,HOLIDAY,元旦\n2045-01-07,2045-01-07,WORKDAY,元旦调休\n";

    @RegisterExtension
    static final ConsoleBrowser browser = ConsoleBrowser.chromium();

    @TestHTTPResource("/")
    URL base;

    @Inject
    Sql sql;

    MovableClock clock;

    @BeforeEach
    void fixTheClock() {
        clock = new MovableClock(LocalDate.parse("2044-12-27"));
        QuarkusMock.installMockForType(clock, Clock.class);
    }

    @Test
    void theAgencysAdministratorUploadsANoticeSeesWhatChangesAndConfirms() throws IOException {
        String complaint = reviewer().body(Map.of("source", "LETTER", "subject", "来信：企业年报数据更新滞后", "organisation", MARKET))
                .post("/api/v1/complaints").then().statusCode(201).extract().path("id");
        assertEquals("2045-01-10", reviewer().get("/api/v1/complaints/" + complaint).then().extract().path("dueBy"));

        browser.login(base, "admin", "demo-admin-2026");
        browser.driver().get(base + "admin");
        browser.driver().findElement(By.id("calendar-link")).click();
        browser.await().until(ExpectedConditions.presenceOfElementLocated(By.id("preview-submit")));
        browser.accessible("calendar");
        WebElement year = browser.driver().findElement(By.id("year"));
        year.clear();
        year.sendKeys("2045");
        browser.driver().findElement(By.id("source")).sendKeys("国办发明电〔2044〕11号");
        browser.driver().findElement(By.id("file")).sendKeys(file("notice-2045", NOTICE_2045).toString());
        browser.driver().findElement(By.id("preview-submit")).click();
        browser.await().until(ExpectedConditions.presenceOfElementLocated(By.id("notice-preview")));
        browser.screenshot("calendar-01-preview");
        browser.accessible("calendar preview");

        assertEquals(List.of("2045-01-01", "2045-01-02", "2045-01-03", "2045-01-07"),
                browser.driver().findElements(By.cssSelector("#changes tbody tr")).stream().map(r -> r.getAttribute("data-date")).toList());
        assertTrue(row("#changes", "2045-01-02").contains("工作日") && row("#changes", "2045-01-02").contains("放假 · 元旦"),
                row("#changes", "2045-01-02"));
        assertTrue(row("#changes", "2045-01-07").contains("周末") && row("#changes", "2045-01-07").contains("调休上班"),
                row("#changes", "2045-01-07"));
        assertTrue(row("#would-move", complaint).contains("2045-01-10") && row("#would-move", complaint).contains("2045-01-11"),
                row("#would-move", complaint));
        // Nothing is loaded by the preview.
        assertEquals("2045-01-10", reviewer().get("/api/v1/complaints/" + complaint).then().extract().path("dueBy"));
        assertTrue(sql.list("select notice_year from calendar_notice where notice_year = 2045", rs -> rs.getInt(1)).isEmpty());

        browser.driver().findElement(By.id("confirm-submit")).click();
        WebElement loaded = browser.await().until(ExpectedConditions.presenceOfElementLocated(By.id("notice-loaded")));
        assertTrue(loaded.getText().contains("国办发明电〔2044〕11号"), loaded.getText());
        assertTrue(row("#moved", complaint).contains("2045-01-11"), row("#moved", complaint));
        assertTrue(browser.driver().findElement(By.cssSelector("#coverage tr[data-year='2045']")).getText().contains("国办发明电〔2044〕11号"));
        browser.screenshot("calendar-02-loaded");
        assertEquals("2045-01-11", reviewer().get("/api/v1/complaints/" + complaint).then().extract().path("dueBy"));
    }

    @Test
    void aMalformedNoticeIsRefusedWithEachLineAndWhatToChange() throws IOException {
        String bad = "date_from,date_to,kind,name\n2046-01-01,2046-01-01,HOLIDAY,元旦\n2046-13-01,2046-13-02,HOLIDAY,春节\n"
                + "2046-04-05,2046-04-05,DAYOFF,清明节\n";
        browser.login(base, "admin", "demo-admin-2026");
        browser.driver().get(base + "admin/calendar");
        WebElement year = browser.await().until(ExpectedConditions.presenceOfElementLocated(By.id("year")));
        year.clear();
        year.sendKeys("2046");
        browser.driver().findElement(By.id("file")).sendKeys(file("notice-2046-bad", bad).toString());
        browser.driver().findElement(By.id("preview-submit")).click();
        WebElement errors = browser.await().until(ExpectedConditions.presenceOfElementLocated(By.id("notice-errors")));
        browser.screenshot("calendar-03-refused");
        browser.accessible("calendar refused");
        List<String> rows = errors.findElements(By.cssSelector("tbody tr")).stream().map(WebElement::getText).toList();
        assertTrue(rows.stream().anyMatch(r -> r.startsWith("3 date_from") && r.contains("yyyy-mm-dd, not '2046-13-01'")), rows.toString());
        assertTrue(rows.stream().anyMatch(r -> r.startsWith("4 kind") && r.contains("HOLIDAY or WORKDAY, not 'DAYOFF'")), rows.toString());
        assertTrue(browser.driver().findElements(By.id("confirm-submit")).isEmpty(), "a refused notice cannot be confirmed");
        assertTrue(sql.list("select notice_year from calendar_notice where notice_year = 2046", rs -> rs.getInt(1)).isEmpty());
    }

    @Test
    void aDepartmentSpecialistCannotConfirmANoticeAndNobodyCanWithoutTheFormsToken() {
        String notice = Base64.getEncoder().encodeToString("date_from,date_to,kind,name\n2049-01-01,2049-01-01,HOLIDAY,元旦\n"
                .getBytes(StandardCharsets.UTF_8));
        browser.login(base, "specialist", "demo-specialist-2026");
        browser.driver().get(base + "admin/calendar");
        assertTrue(browser.await().until(ExpectedConditions.presenceOfElementLocated(By.id("agency-admin-only"))).isDisplayed());
        assertTrue(browser.driver().findElements(By.id("preview-submit")).isEmpty(), "no upload form for a specialist");
        String token = browser.driver().findElement(By.cssSelector("input[name=_csrf]")).getAttribute("value");
        Map<String, Object> answer = post("/admin/calendar/confirm", Map.of("_csrf", token, "year", "2049", "source", "伪造", "notice", notice));
        assertEquals(403L, answer.get("status"));
        assertTrue(answer.get("text").toString().contains("ADMIN of the data agency"), answer.get("text").toString());

        browser.login(base, "admin", "demo-admin-2026");
        browser.driver().get(base + "admin/calendar");
        browser.await().until(ExpectedConditions.presenceOfElementLocated(By.id("preview-submit")));
        assertEquals(403L, post("/admin/calendar/confirm", Map.of("year", "2049", "source", "伪造", "notice", notice)).get("status"));
        assertEquals(403L, post("/admin/calendar/confirm", Map.of("_csrf", "not-this-sessions", "year", "2049", "notice", notice))
                .get("status"));
        assertTrue(sql.list("select notice_year from calendar_notice where notice_year = 2049", rs -> rs.getInt(1)).isEmpty());
    }

    /** A form post from the page's own origin, as a forged page or a crafted request would send it. */
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

    private static String row(String table, String containing) {
        return browser.driver().findElements(By.cssSelector(table + " tbody tr")).stream().map(WebElement::getText)
                .filter(t -> t.contains(containing)).findFirst().orElse("(no row with " + containing + " in " + table + ")");
    }

    private static Path file(String name, String content) throws IOException {
        Path f = Files.createTempFile(name, ".csv");
        f.toFile().deleteOnExit();
        Files.writeString(f, content, StandardCharsets.UTF_8);
        return f;
    }
}
