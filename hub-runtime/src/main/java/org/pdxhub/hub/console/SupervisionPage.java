package org.pdxhub.hub.console;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.qute.Template;
import io.quarkus.security.ForbiddenException;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.RestForm;
import org.pdxhub.hub.access.Caller;
import org.pdxhub.hub.api.ProblemException;
import org.pdxhub.hub.calendar.WorkingDayCalendar;
import org.pdxhub.hub.supervision.Oversight;
import org.pdxhub.hub.supervision.evaluation.Evaluation;
import org.pdxhub.hub.supervision.evaluation.EvaluationResource;
import org.pdxhub.hub.supervision.reports.Period;
import org.pdxhub.hub.supervision.reports.ReportBuilder;
import org.pdxhub.hub.supervision.reports.ReportFigures;
import org.pdxhub.hub.supervision.reports.ReportResource;
import org.pdxhub.hub.supervision.reports.Reports;
import org.pdxhub.hub.supervision.reports.StoredReport;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.YearMonth;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Supervision (监督, arts. 42-43): a period's quality by organisation and resource, answers on time,
 * the departments' scores with their evidence and history, and the periodic reports with their
 * files. The figures are those the reports and evaluations API serves, read through the same
 * services and checks: the agency's ADMIN and REVIEWER see the platform, a department's
 * SPECIALIST its own department.
 */
@Path("/supervision")
@PermitAll
public class SupervisionPage {

    /** Resources drawn in the quality ranking; the table lists them all. */
    static final int RANKED = 20;
    static final int REPORTS_SHOWN = 50;

    @Inject
    Template supervision;

    @Inject
    ConsoleRequest console;

    @Inject
    Reports reports;

    @Inject
    ReportResource reportFiles;

    @Inject
    EvaluationResource evaluations;

    @Inject
    Oversight oversight;

    @Inject
    WorkingDayCalendar calendar;

    @Inject
    ObjectMapper json;

    @GET
    public Response page(@QueryParam("period") String period, @QueryParam("department") String department,
                         @QueryParam("generated") String generated) {
        return console.view(() -> {
            Caller by = console.caller();
            boolean agency = oversight.seesAll(by);
            Period p = Period.parse(period == null || period.isBlank() ? lastMonth() : period, "period");
            String scope = agency ? ReportBuilder.PLATFORM : by.organisation();
            ReportFigures f = reports.figures(p, scope, by);
            List<Evaluation> scores = evaluations.of(p.code(), false);
            String shown = department != null && !department.isBlank() ? department.strip()
                    : agency ? scores.stream().map(Evaluation::department).findFirst().orElse(null) : by.organisation();
            List<Evaluation> history = shown == null ? List.of() : evaluations.history(shown);
            List<StoredReport.Summary> kept = reportFiles.list(null);
            return console.page(supervision, "supervision")
                    .data("period", p).data("figures", f).data("agency", agency).data("scope", scope)
                    .data("scores", scores).data("department", shown).data("history", history)
                    .data("departmentName", history.isEmpty() ? shown : history.get(history.size() - 1).name())
                    .data("reports", kept.size() > REPORTS_SHOWN ? kept.subList(0, REPORTS_SHOWN) : kept)
                    .data("generated", generated == null ? "" : generated)
                    .data("trendChart", toJson(trend(f)))
                    .data("onTimeChart", toJson(onTime(f)))
                    .data("qualityChart", toJson(qualityRanking(f)))
                    .data("scoreChart", toJson(scoreRanking(scores)))
                    .data("historyChart", toJson(history(history)));
        });
    }

    /** Generates a report now, as POST /api/v1/reports does, and comes back to the period with it at the top. */
    @POST
    @Path("reports")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response generate(@RestForm("_csrf") String csrf, @RestForm("period") String period, @RestForm("scope") String scope) {
        return console.act(csrf, () -> {
            StoredReport r = reports.generate(new Reports.GenerateAsk(period, scope), console.caller());
            return "/supervision?period=" + encode(r.period()) + "&generated=" + encode(r.id());
        });
    }

    /** A kept report's file for the browser to save: json, xlsx or pdf, as GET /api/v1/reports/{id} with that Accept. */
    @GET
    @Path("reports/{id}/{format}")
    public Response download(@PathParam("id") String id, @PathParam("format") String format) {
        console.require();
        return file(() -> switch (format) {
            case "json" -> Response.ok(reportFiles.get(id), MediaType.APPLICATION_JSON_TYPE.withCharset("UTF-8"))
                    .header("Content-Disposition", "attachment; filename=\"report-" + id + ".json\"").build();
            case "xlsx" -> reportFiles.workbook(id);
            case "pdf" -> reportFiles.document(id);
            default -> throw ProblemException.badRequest("invalid-format", "format", "format '" + format + "' is not one the reports come in:"
                    + " json, xlsx or pdf");
        });
    }

    private Response file(Supplier<Response> download) {
        try {
            return download.get();
        } catch (LoginRequired e) {
            throw e;
        } catch (ProblemException | ForbiddenException e) {
            return console.refusal(e);
        }
    }

    private String lastMonth() {
        return YearMonth.from(calendar.today()).minusMonths(1).toString();
    }

    private static Map<String, Object> trend(ReportFigures f) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("days", f.trend().stream().map(d -> d.day().toString()).toList());
        c.put("accepted", f.trend().stream().map(ReportFigures.DayPoint::accepted).toList());
        c.put("refused", f.trend().stream().map(ReportFigures.DayPoint::refused).toList());
        return c;
    }

    /** Departments by their share of requests answered on time, best first; those without an answered request are left out. */
    private static Map<String, Object> onTime(ReportFigures f) {
        List<ReportFigures.Department> ranked = f.departments().stream().filter(d -> d.onTimeRate() != null)
                .sorted(Comparator.comparing(ReportFigures.Department::onTimeRate).reversed()).toList();
        return bars(ranked.stream().map(ReportFigures.Department::name).toList(),
                ranked.stream().map(d -> Math.round(d.onTimeRate() * 1000) / 10.0).toList());
    }

    /** The resources with the lowest quality score first: those are what the agency follows up. */
    private static Map<String, Object> qualityRanking(ReportFigures f) {
        List<ReportFigures.ResourceLine> ranked = f.resources().stream().filter(r -> r.score() != null)
                .sorted(Comparator.comparing(ReportFigures.ResourceLine::score)).limit(RANKED).toList();
        return bars(ranked.stream().map(ReportFigures.ResourceLine::code).toList(), ranked.stream().map(ReportFigures.ResourceLine::score).toList());
    }

    private static Map<String, Object> scoreRanking(List<Evaluation> scores) {
        List<Evaluation> ranked = scores.stream().filter(e -> e.score() != null).toList();
        return bars(ranked.stream().map(Evaluation::name).toList(), ranked.stream().map(Evaluation::score).toList());
    }

    private static Map<String, Object> history(List<Evaluation> history) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("periods", history.stream().map(e -> e.period() + " · " + e.formula()).toList());
        c.put("scores", history.stream().map(Evaluation::score).toList());
        return c;
    }

    private static Map<String, Object> bars(List<String> names, List<Double> values) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("names", names);
        c.put("values", values);
        return c;
    }

    private String toJson(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("chart data could not be written", e);
        }
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
