package org.pdxhub.hub.supervision;

import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.pdxhub.hub.supervision.demo.DemoActivity;
import org.pdxhub.hub.testing.MovableClock;

import javax.imageio.ImageIO;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Map;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.pdxhub.hub.supervision.QualityTest.as;

/** The demo's generated activity: marked as demo, and enough for a report with figures and charts. */
@QuarkusTest
class DemoActivityTest {

    @Inject
    DemoActivity demo;

    @Test
    void generatedActivityIsMarkedAsDemoAndFillsTheReport() {
        QuarkusMock.installMockForType(new MovableClock(LocalDate.parse("2025-04-01")), Clock.class);
        demo.seed(LocalDate.parse("2025-01-01"), LocalDate.parse("2025-03-31"), false);
        as("demo-reviewer").body(Map.of("period", "2025-Q1")).post("/api/v1/reports").then().statusCode(201)
                .body("kind", equalTo("QUARTERLY")).body("figures.demo", equalTo(true))
                .body("figures.totals.recordsSent", greaterThan(1000))
                .body("figures.trend.size()", greaterThan(50))
                .body("figures.resources.find { it.code == 'GZ-PSB-POP-001' }.score", notNullValue())
                .body("figures.resources.late", hasItem(true))
                .body("figures.totals.corrections", greaterThan(0));
    }

    /** The demo node's first report: every section has figures, use by purpose (art. 19) and emergency grants included. */
    @Test
    void everySectionOfTheDemoPlatformReportHasFigures() {
        QuarkusMock.installMockForType(new MovableClock(LocalDate.parse("2023-10-02")), Clock.class);
        demo.seed(LocalDate.parse("2023-07-01"), LocalDate.parse("2023-09-30"), true);
        as("demo-reviewer").body(Map.of("period", "2023-09")).post("/api/v1/reports").then().statusCode(201)
                .body("figures.demo", equalTo(true))
                .body("figures.totals.resources", greaterThan(0)).body("figures.totals.recordsSent", greaterThan(1000))
                .body("figures.totals.shareAnswered", greaterThan(0)).body("figures.totals.onTimeRate", notNullValue())
                .body("figures.totals.corrections", greaterThan(0)).body("figures.totals.sharedReads", greaterThan(0))
                .body("figures.totals.emergencyGrants", greaterThan(0)).body("figures.totals.emergencySealed", greaterThan(0))
                .body("figures.totals.qualityScore", notNullValue())
                .body("figures.departments.size()", greaterThan(0)).body("figures.resources.size()", greaterThan(0))
                .body("figures.trend.size()", greaterThan(15))
                .body("figures.useByPurpose.size()", greaterThan(0)).body("figures.useByPurpose[0].count", greaterThan(0))
                .body("figures.overdueByOrganisation.size()", greaterThan(0));
    }

    /** Not a check: draws the demo report's pages for docs/supervision.md (-Dsupervision.doc=true). */
    @Test
    @EnabledIfSystemProperty(named = "supervision.doc", matches = "true")
    void renderDemoReportPagesForTheDocs() throws Exception {
        QuarkusMock.installMockForType(new MovableClock(LocalDate.parse("2025-11-03")), Clock.class);
        demo.seed(LocalDate.parse("2025-07-01"), LocalDate.parse("2025-10-31"), true);
        String id = as("demo-reviewer").body(Map.of("period", "2025-10")).post("/api/v1/reports").then().statusCode(201).extract().path("id");
        byte[] pdf = as("demo-reviewer").accept("application/pdf").get("/api/v1/reports/" + id).then().statusCode(200).extract().asByteArray();
        Path dir = Files.createDirectories(Path.of("target/supervision-pages"));
        Files.write(dir.resolve("report.pdf"), pdf);
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            PDFRenderer renderer = new PDFRenderer(doc);
            for (int i = 0; i < doc.getNumberOfPages(); i++) {
                ImageIO.write(renderer.renderImageWithDPI(i, 80, ImageType.RGB), "png", dir.resolve("supervision-report-" + (i + 1) + ".png").toFile());
            }
        }
    }
}
