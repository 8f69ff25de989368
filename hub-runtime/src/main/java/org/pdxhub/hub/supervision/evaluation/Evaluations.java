package org.pdxhub.hub.supervision.evaluation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.pdxhub.hub.access.Caller;
import org.pdxhub.hub.api.ProblemException;
import org.pdxhub.hub.store.Sql;
import org.pdxhub.hub.supervision.Oversight;
import org.pdxhub.hub.supervision.reports.Period;
import org.pdxhub.hub.supervision.reports.ReportBuilder;
import org.pdxhub.hub.supervision.reports.ReportFigures;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Scores departments per period from the report's figures, keeps them, and serves their history. */
@ApplicationScoped
public class Evaluations {

    @Inject
    Sql sql;

    @Inject
    ReportBuilder builder;

    @Inject
    EvaluationConfig config;

    @Inject
    Oversight oversight;

    @Inject
    ObjectMapper json;

    @Inject
    Clock clock;

    /**
     * The scores of a period the caller may see: every department for the agency, its own for a
     * department. A period not yet scored is scored now; {@code rescore} (agency only) scores it
     * again with the current formula, keeping the earlier scores under theirs.
     */
    public List<Evaluation> of(String periodText, boolean rescore, Caller by) {
        Period p = Period.parse(periodText, "period");
        if (rescore && !oversight.seesAll(by)) {
            throw ProblemException.forbidden("supervision.not-yours", "rescoring a period is for an ADMIN or REVIEWER of the data agency "
                    + oversight.agencyUscc());
        }
        if (rescore || sql.count("select count(*) from evaluation where period_code = ?", p.code()) == 0) {
            score(p);
        }
        String formula = rescore ? config.formula() : sql.list("select formula from evaluation where period_code = ? order by evaluated_at desc",
                rs -> rs.getString(1), p.code()).stream().findFirst().orElse(config.formula());
        return sql.list("select * from evaluation where period_code = ? and formula = ? order by score desc, department", this::map, p.code(), formula)
                .stream().filter(e -> oversight.seesAll(by) || e.department().equals(by.organisation())).toList();
    }

    /** Every department's score of earlier periods, for its history. */
    public List<Evaluation> history(String department, Caller by) {
        oversight.requireSees(by, department, "evaluations");
        return sql.list("select * from evaluation where department = ? order by period_code, evaluated_at", this::map, department);
    }

    void score(Period p) {
        ReportFigures f = builder.build(p, ReportBuilder.PLATFORM);
        Instant now = Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
        sql.update("delete from evaluation where period_code = ? and formula = ?", p.code(), config.formula());
        for (ReportFigures.Department d : f.departments()) {
            Evaluation e = evaluate(p.code(), d, f, now);
            try {
                sql.update("insert into evaluation (period_code, department, formula, score, indicators, evaluated_at) values (?,?,?,?,?,?)",
                        p.code(), d.uscc(), config.formula(), e.score() == null ? null : BigDecimal.valueOf(e.score()),
                        json.writeValueAsString(e.indicators()), now);
            } catch (JsonProcessingException ex) {
                throw new IllegalStateException("evaluation could not be written", ex);
            }
        }
    }

    Evaluation evaluate(String period, ReportFigures.Department d, ReportFigures f, Instant now) {
        EvaluationConfig.Weights w = config.weights();
        List<Evaluation.Indicator> out = new ArrayList<>();
        List<String> late = f.resources().stream().filter(r -> r.provider().equals(d.uscc()) && r.late()).map(ReportFigures.ResourceLine::code).toList();
        out.add(indicator("catalog", w.catalog(), "onTime", d.resources() - d.resourcesLate(), "resources", d.resources(),
                Map.of("late", late)));
        out.add(indicator("conformity", w.conformity(), "recordsAccepted", d.recordsAccepted(), "recordsSent", d.recordsSent(), Map.of()));
        out.add(new Evaluation.Indicator("quality", d.qualityScore() == null ? null : d.qualityScore() / 100, w.quality(), "qualityScore",
                "hundred", evidence("qualityScore", d.qualityScore(), "hundred", 100, Map.of("resources", f.resources().stream()
                        .filter(r -> r.provider().equals(d.uscc())).map(r -> r.code() + "=" + r.score()).toList()))));
        out.add(indicator("sharing", w.sharing(), "requestsOnTime", d.requestsOnTime(), "requestsAnswered", d.requestsAnswered(),
                Map.of("refusals", d.refusals(), "disputes", d.disputes(), "overdue", d.overdue())));
        out.add(indicator("corrections", w.corrections(), "correctionsOnTime", d.corrections() - d.correctionsOverdue(), "corrections",
                d.corrections(), Map.of()));
        double weighted = 0;
        double weights = 0;
        for (Evaluation.Indicator i : out) {
            if (i.value() != null && i.weight() > 0) {
                weighted += i.weight() * i.value();
                weights += i.weight();
            }
        }
        Double score = weights == 0 ? null : Math.round(1000 * weighted / weights) / 10.0;
        return new Evaluation(period, d.uscc(), d.name(), config.formula(), score, out, now);
    }

    private static Evaluation.Indicator indicator(String name, double weight, String numerator, long num, String denominator, long den,
                                                  Map<String, Object> more) {
        return new Evaluation.Indicator(name, den == 0 ? null : (double) num / den, weight, numerator, denominator,
                evidence(numerator, num, denominator, den, more));
    }

    private static Map<String, Object> evidence(String numerator, Object num, String denominator, Object den, Map<String, Object> more) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put(numerator, num);
        e.put(denominator, den);
        e.putAll(more);
        return e;
    }

    private Evaluation map(ResultSet rs) throws SQLException {
        BigDecimal score = rs.getBigDecimal("score");
        String department = rs.getString("department");
        String name = sql.one("select name from organisation where uscc = ?", r -> r.getString(1), department).orElse(department);
        try {
            return new Evaluation(rs.getString("period_code"), department, name, rs.getString("formula"), score == null ? null : score.doubleValue(),
                    json.readValue(rs.getString("indicators"), new TypeReference<List<Evaluation.Indicator>>() {
                    }), Sql.instant(rs, "evaluated_at"));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("evaluation in the store is not readable", e);
        }
    }
}
