package org.pdxhub.hub.supervision;

import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.tika.Tika;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pdxhub.hub.store.Sql;
import org.pdxhub.hub.testing.MovableClock;

import java.io.ByteArrayInputStream;
import java.time.Clock;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pdxhub.hub.supervision.QualityTest.as;
import static org.pdxhub.hub.supervision.QualityTest.publish;
import static org.pdxhub.hub.supervision.QualityTest.resident;
import static org.pdxhub.hub.supervision.QualityTest.residents;
import static org.pdxhub.hub.supervision.QualityTest.system;

/**
 * Periodic reports (定期通报, art. 42) and evaluation (评估, art. 43) from a known month of events:
 * June 2026, which no other test touches.
 */
@QuarkusTest
class ReportsTest {

    static final String PSB = "11513300MB0000002H";
    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    MovableClock clock;

    @Inject
    Sql sql;

    @BeforeEach
    void fixTheClock() {
        clock = new MovableClock(LocalDate.parse("2026-06-01"));
        QuarkusMock.installMockForType(clock, Clock.class);
    }

    @Test
    void aMonthlyReportCarriesTheMonthsFiguresInJsonXlsxAndPdf() throws Exception {
        String code = "GZ-PSB-RPT-001";
        publish(residents(code));
        system().body(List.of(
                resident(Ids.citizen("19850412", 21, true), "1985-04-12", "男", 41, "在册"),
                resident(Ids.citizen("19900101", 22, false), "1990-01-01", "女", 36, "注销"),
                resident(Ids.citizen("19770707", 23, true), "1977-07-07", "男", 49, "在册"),
                resident(Ids.citizen("19660606", 24, true), "1966-06-06", "男", 60, "未知")))
                .post("/api/v1/exchange/" + code + "/records").then().statusCode(202).body("accepted", equalTo(3));
        as("demo-specialist-hrss").body(Map.of("resource", code, "problem", "状态字段口径不一")).post("/api/v1/corrections").then().statusCode(201);
        clock.set(LocalDate.parse("2026-07-01"));

        JsonPath report = as("demo-reviewer").body(Map.of("period", "2026-06")).post("/api/v1/reports").then().statusCode(201)
                .body("kind", equalTo("MONTHLY")).body("scope", equalTo("PLATFORM"))
                .body("figures.totals.recordsSent", equalTo(4)).body("figures.totals.recordsAccepted", equalTo(3))
                .body("figures.totals.corrections", equalTo(1)).body("figures.totals.correctionsOverdue", equalTo(1))
                .body("figures.resources.code", hasItem(code))
                .extract().jsonPath();
        String id = report.getString("id");
        as("demo-admin").get("/api/v1/reports?period=2026-06").then().statusCode(200).body("id", hasItem(id));

        byte[] xlsx = as("demo-reviewer").accept(XLSX).get("/api/v1/reports/" + id).then().statusCode(200)
                .contentType(XLSX).extract().asByteArray();
        try (Workbook wb = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            Map<String, Object> summary = new HashMap<>();
            for (Row row : wb.getSheet("汇总")) {
                var cell = row.getCell(1);
                summary.put(row.getCell(0).getStringCellValue(), cell.getCellType() == org.apache.poi.ss.usermodel.CellType.NUMERIC
                        ? cell.getNumericCellValue() : cell.getStringCellValue());
            }
            assertEquals(4.0, summary.get("汇聚记录数"));
            assertEquals(3.0, summary.get("接收记录数"));
            assertEquals(1.0, summary.get("拒收记录数"));
            assertEquals(1.0, summary.get("纠错逾期数"));
            Sheet resources = wb.getSheet("资源");
            Row line = null;
            for (Row r : resources) {
                if (code.equals(r.getCell(0).getStringCellValue())) {
                    line = r;
                }
            }
            assertNotNull(line, "the resource's line");
            assertEquals(0.75, line.getCell(7).getNumericCellValue(), 1e-9, "conformity 3 of 4");
            assertEquals(3, wb.getSheet("图表").getDrawingPatriarch() == null ? 0 : ((org.apache.poi.xssf.usermodel.XSSFDrawing)
                    wb.getSheet("图表").getDrawingPatriarch()).getShapes().size(), "three charts");
        }

        byte[] pdf = as("demo-reviewer").accept("application/pdf").get("/api/v1/reports/" + id).then().statusCode(200)
                .contentType("application/pdf").extract().asByteArray();
        String text = new Tika().parseToString(new ByteArrayInputStream(pdf));
        assertTrue(text.contains("2026年6月 公共数据定期通报"), text);
        assertTrue(text.contains("全平台"), "scope in Chinese");
        assertTrue(text.contains(code), "the resource's line");
        assertTrue(text.contains("75.0%"), "its conformity");
    }

    @Test
    void aScopeThatIsNeitherThePlatformNorAValidUsccIsRefusedNamingIt() {
        as("demo-reviewer").body(Map.of("period", "2026-06", "scope", "x".repeat(5000))).post("/api/v1/reports").then().statusCode(400)
                .body("field", equalTo("scope")).body("type", equalTo("urn:pdx:problem:invalid-uscc"));
        // Eighteen characters of the right kind, but the check digit is wrong.
        as("demo-reviewer").body(Map.of("period", "2026-06", "scope", "11513300MB0000002A")).post("/api/v1/reports").then().statusCode(400)
                .body("field", equalTo("scope"));
    }

    @Test
    void aDepartmentReadsItsOwnReportAndNoOtherDepartments() {
        String own = as("demo-specialist").body(Map.of("period", "2026-06", "scope", PSB)).post("/api/v1/reports").then().statusCode(201)
                .extract().path("id");
        as("demo-specialist-market").get("/api/v1/reports/" + own).then().statusCode(403);
        as("demo-specialist-market").accept("application/pdf").get("/api/v1/reports/" + own).then().statusCode(403);
        as("demo-specialist-market").body(Map.of("period", "2026-06", "scope", PSB)).post("/api/v1/reports").then().statusCode(403);
        as("demo-specialist-market").body(Map.of("period", "2026-06")).post("/api/v1/reports").then().statusCode(403);
        as("demo-specialist-market").get("/api/v1/reports").then().statusCode(200).body("scope", everyItem(equalTo("11513300MB0000003L")));
        as("demo-specialist").get("/api/v1/reports/" + own).then().statusCode(200);
        as("demo-reviewer").body(Map.of("period", "June")).post("/api/v1/reports").then().statusCode(400).body("field", equalTo("period"));
    }

    /**
     * A period scored under an earlier formula keeps that score when the weights change: read again,
     * it is the same; the agency's rescore adds the current formula's score, and the history keeps both.
     */
    @Test
    void aPeriodScoredUnderAnEarlierFormulaKeepsItsScoreUntilTheAgencyAsksForARescore() {
        clock.set(LocalDate.parse("2026-07-01"));
        as("demo-reviewer").get("/api/v1/evaluations?period=2026-05").then().statusCode(200);
        // As if May had been scored before the formula changed from 2025-9 to today's 2026-1.
        sql.update("update evaluation set formula = '2025-9' where period_code = '2026-05'");
        sql.update("update evaluation set score = 12.3 where period_code = '2026-05' and department = ?", PSB);

        as("demo-reviewer").get("/api/v1/evaluations?period=2026-05").then().statusCode(200)
                .body("formula", everyItem(equalTo("2025-9"))).body("find { it.department == '" + PSB + "' }.score", equalTo(12.3f));
        as("demo-reviewer").get("/api/v1/evaluations?period=2026-05&rescore=true").then().statusCode(200)
                .body("formula", everyItem(equalTo("2026-1"))).body("find { it.department == '" + PSB + "' }.score", not(equalTo(12.3f)));
        as("demo-specialist").get("/api/v1/evaluations/departments/" + PSB).then().statusCode(200)
                .body("findAll { it.period == '2026-05' }.formula", hasItems("2025-9", "2026-1"));
    }

    @Test
    void aScoreIsRecomputedFromItsEvidence() {
        clock.set(LocalDate.parse("2026-07-01"));
        List<Map<String, Object>> all = as("demo-reviewer").get("/api/v1/evaluations?period=2026-06").then().statusCode(200)
                .extract().jsonPath().getList("$");
        assertTrue(all.stream().anyMatch(e -> PSB.equals(e.get("department"))), "the provider of June's records is scored");
        for (Map<String, Object> e : all) {
            double weighted = 0;
            double weights = 0;
            for (Object o : (List<?>) e.get("indicators")) {
                Map<?, ?> i = (Map<?, ?>) o;
                Map<?, ?> evidence = (Map<?, ?>) i.get("evidence");
                double den = ((Number) evidence.get(i.get("denominator"))).doubleValue();
                Object numerator = evidence.get(i.get("numerator"));
                if (den == 0 || numerator == null) {
                    assertEquals(null, i.get("value"), "nothing to measure, no value: " + i);
                    continue;
                }
                double value = ((Number) numerator).doubleValue() / den;
                assertEquals(value, ((Number) i.get("value")).doubleValue(), 1e-6, "value from evidence: " + i);
                double w = ((Number) i.get("weight")).doubleValue();
                weighted += w * value;
                weights += w;
            }
            if (weights > 0) {
                assertEquals(Math.round(1000 * weighted / weights) / 10.0, ((Number) e.get("score")).doubleValue(), 1e-9, "score of " + e.get("department"));
            }
        }
        as("demo-specialist-market").get("/api/v1/evaluations?period=2026-06").then().statusCode(200)
                .body("department", everyItem(equalTo("11513300MB0000003L")));
        as("demo-specialist-market").get("/api/v1/evaluations/departments/" + PSB).then().statusCode(403);
        as("demo-specialist-market").get("/api/v1/evaluations?period=2026-06&rescore=true").then().statusCode(403);
    }
}
