package org.pdxhub.hub.supervision.reports;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;
import org.pdxhub.hub.access.Caller;
import org.pdxhub.hub.api.ProblemException;
import org.pdxhub.hub.calendar.WorkingDayCalendar;
import org.pdxhub.hub.organisation.Organisations;
import org.pdxhub.hub.store.Sql;
import org.pdxhub.hub.store.TimeOrderedIds;
import org.pdxhub.hub.supervision.Oversight;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.TreeSet;

/** Periodic reports (定期通报, art. 42): generated on a schedule and on demand, kept, read by the agency and each department. */
@ApplicationScoped
public class Reports {

    private static final Logger LOG = Logger.getLogger(Reports.class);

    /** What to generate: the period (2026-10 or 2026-Q4) and the scope (PLATFORM, the default, or a department's USCC). */
    public record GenerateAsk(String period, String scope) {
    }

    @Inject
    Sql sql;

    @Inject
    ReportBuilder builder;

    @Inject
    Oversight oversight;

    @Inject
    Organisations organisations;

    @Inject
    WorkingDayCalendar calendar;

    @Inject
    ObjectMapper json;

    @Inject
    Clock clock;

    public StoredReport generate(GenerateAsk a, Caller by) {
        if (a == null || a.period() == null) {
            throw ProblemException.badRequest("missing-field", "period", "period is required: a month (2026-10) or a quarter (2026-Q4)");
        }
        Period p = Period.parse(a.period(), "period");
        String scope = a.scope() == null || a.scope().isBlank() ? ReportBuilder.PLATFORM : a.scope().strip();
        if (!ReportBuilder.PLATFORM.equals(scope)) {
            // Not the whole platform, so a department: its code, checked as every USCC the node takes.
            organisations.checkUscc(scope, "scope");
        }
        requireMayReport(scope, by);
        return generate(p, scope, by.keyId());
    }

    /** A report's figures computed now and not kept (the console's charts), for whom a report on that scope is. */
    public ReportFigures figures(Period p, String scope, Caller by) {
        requireMayReport(scope, by);
        return builder.build(p, scope);
    }

    private void requireMayReport(String scope, Caller by) {
        if (ReportBuilder.PLATFORM.equals(scope)) {
            if (!oversight.seesAll(by)) {
                throw ProblemException.forbidden("supervision.not-yours", "a report on the whole platform is for an ADMIN or REVIEWER of the"
                        + " data agency " + oversight.agencyUscc() + "; a department asks for its own (scope: its USCC)");
            }
        } else {
            oversight.requireSees(by, scope, "reports");
        }
    }

    public StoredReport generate(Period p, String scope, String by) {
        ReportFigures figures = builder.build(p, scope);
        String id = TimeOrderedIds.next("RP-");
        Instant now = Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
        try {
            sql.update("insert into supervision_report (id, kind, period_code, scope, generated_at, generated_by, figures) values (?,?,?,?,?,?,?)",
                    id, p.kind(), p.code(), scope, now, by, json.writeValueAsString(figures));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("report figures could not be written", e);
        }
        return new StoredReport(id, p.kind().name(), p.code(), scope, now, by, figures);
    }

    /** Reports the caller may read: all for the agency; a department's own. */
    public List<StoredReport.Summary> list(Caller by, String period) {
        String where = period == null || period.isBlank() ? "" : " and period_code = ?";
        Object[] params = period == null || period.isBlank() ? new Object[0] : new Object[]{period.strip()};
        List<StoredReport> all = sql.list("select * from supervision_report where 1 = 1" + where + " order by generated_at desc, id", this::map, params);
        return all.stream().filter(r -> oversight.seesAll(by) || r.scope().equals(by.organisation())).map(StoredReport::summary).toList();
    }

    public StoredReport find(String id, Caller by) {
        StoredReport r = sql.one("select * from supervision_report where id = ?", this::map, id)
                .orElseThrow(() -> ProblemException.notFound("report", id));
        if (ReportBuilder.PLATFORM.equals(r.scope())) {
            if (!oversight.seesAll(by)) {
                throw ProblemException.forbidden("supervision.not-yours", "report " + id + " on the whole platform is for an ADMIN or REVIEWER"
                        + " of the data agency " + oversight.agencyUscc());
            }
        } else {
            oversight.requireSees(by, r.scope(), "reports");
        }
        return r;
    }

    /** Last month's reports for the platform and each department; on a quarter's first day, last quarter's too. */
    @Scheduled(cron = "${pdx.reports.schedule:0 30 1 1 * ?}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void onSchedule() {
        LocalDate today = calendar.today();
        generateAll(Period.month(YearMonth.from(today).minusMonths(1)));
        if ((today.getMonthValue() - 1) % 3 == 0) {
            LocalDate inLast = today.minusMonths(1);
            generateAll(Period.quarter(inLast.getYear(), (inLast.getMonthValue() - 1) / 3 + 1));
        }
    }

    /** The platform's report and one per providing department, unless one exists already for the period. */
    public void generateAll(Period p) {
        TreeSet<String> scopes = new TreeSet<>(sql.list("select distinct provider_uscc from catalog_resource", rs -> rs.getString(1)));
        scopes.add(ReportBuilder.PLATFORM);
        for (String scope : scopes) {
            if (sql.count("select count(*) from supervision_report where period_code = ? and scope = ?", p.code(), scope) == 0) {
                generate(p, scope, "schedule");
            }
        }
        LOG.infof("Periodic reports of %s generated for %d scopes", p.code(), scopes.size());
    }

    private StoredReport map(ResultSet rs) throws SQLException {
        try {
            return new StoredReport(rs.getString("id"), rs.getString("kind"), rs.getString("period_code"), rs.getString("scope"),
                    Sql.instant(rs, "generated_at"), rs.getString("generated_by"), json.readValue(rs.getString("figures"), ReportFigures.class));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("report " + rs.getString("id") + " in the store is not readable", e);
        }
    }
}
