package org.pdxhub.hub.supervision.reports;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.pdxhub.hub.calendar.WorkingDayCalendar;
import org.pdxhub.hub.catalog.Catalog;
import org.pdxhub.hub.catalog.CatalogResource;
import org.pdxhub.hub.catalog.ResourceStatus;
import org.pdxhub.hub.catalog.ResourceSummary;
import org.pdxhub.hub.store.Sql;
import org.pdxhub.hub.supervision.quality.Quality;
import org.pdxhub.hub.supervision.quality.QualityCounters;
import org.pdxhub.hub.supervision.quality.ResourceQuality;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Computes a report's figures from what the node keeps: the daily quality counters, the requests
 * and their deadlines, corrections, the usage log's purposes, emergency grants and their sealing.
 */
@ApplicationScoped
public class ReportBuilder {

    public static final String PLATFORM = "PLATFORM";
    private static final TypeReference<Map<String, Long>> COUNTS = new TypeReference<>() {
    };

    private record Request(String kind, String status, String provider, String assignee, LocalDate dueBy, LocalDate decidedOn,
                           boolean disputed, String decision) {
    }

    private record CorrectionRow(String provider, String status, LocalDate dueBy, LocalDate answeredOn, boolean demo) {
    }

    /** Counts per department, filled as the figures are read. */
    private static final class Tally {
        final List<ResourceQuality> resources = new ArrayList<>();
        long answered;
        long onTime;
        long refusals;
        long disputes;
        long overdue;
        long corrections;
        long correctionsOverdue;
    }

    @Inject
    Sql sql;

    @Inject
    Catalog catalog;

    @Inject
    Quality quality;

    @Inject
    QualityCounters counters;

    @Inject
    WorkingDayCalendar calendar;

    @Inject
    ObjectMapper json;

    /** @param scope {@link #PLATFORM} or a department's USCC */
    public ReportFigures build(Period p, String scope) {
        counters.flush();
        boolean platform = PLATFORM.equals(scope);
        LocalDate today = calendar.today();
        LocalDate asOf = p.to().isBefore(today) ? p.to() : today;
        Map<String, String> names = new HashMap<>();
        sql.list("select uscc, name from organisation", rs -> names.put(rs.getString(1), rs.getString(2)));
        Map<String, Tally> depts = new TreeMap<>();

        List<CatalogResource> published = new ArrayList<>();
        for (ResourceSummary s : catalog.list(ResourceStatus.PUBLISHED, platform ? null : scope, null, null)) {
            catalog.find(s.code()).ifPresent(published::add);
        }
        for (ResourceQuality q : quality.figures(published, p.from(), asOf)) {
            depts.computeIfAbsent(q.provider(), k -> new Tally()).resources.add(q);
        }
        List<Request> requests = sql.list("select kind, status, provider_uscc, assignee_uscc, due_by, decided_at, disputed_at, decision"
                + " from data_request where submitted_on >= ? and submitted_on <= ?" + (platform ? "" : " and (provider_uscc = ? or requester_uscc = ?)"),
                this::request, platform ? new Object[]{p.from(), p.to()} : new Object[]{p.from(), p.to(), scope, scope});
        long share = 0, shareAnswered = 0, shareOnTime = 0, openApps = 0, publicDemands = 0, demands = 0, refusals = 0, disputes = 0;
        for (Request r : requests) {
            // Verification and statistics requests are requests under art. 18 with the share request's deadlines: they count with them.
            boolean shareKind = "SHARE".equals(r.kind()) || "VERIFICATION".equals(r.kind()) || "STATISTICS".equals(r.kind());
            switch (r.kind()) {
                case "SHARE", "VERIFICATION", "STATISTICS" -> share++;
                case "OPEN_APPLICATION" -> openApps++;
                case "PUBLIC_DEMAND" -> publicDemands++;
                case "DEMAND" -> demands++;
                default -> throw new IllegalStateException("a request of kind " + r.kind() + " has no place in the report");
            }
            boolean onTime = r.decidedOn() != null && r.dueBy() != null && !r.decidedOn().isAfter(r.dueBy());
            if (shareKind && r.decidedOn() != null) {
                shareAnswered++;
                shareOnTime += onTime ? 1 : 0;
            }
            refusals += "REJECT".equals(r.decision()) ? 1 : 0;
            disputes += r.disputed() ? 1 : 0;
            if (r.provider() != null && (platform || r.provider().equals(scope))) {
                Tally t = depts.computeIfAbsent(r.provider(), k -> new Tally());
                if (r.decidedOn() != null) {
                    t.answered++;
                    t.onTime += onTime ? 1 : 0;
                }
                t.refusals += "REJECT".equals(r.decision()) ? 1 : 0;
                t.disputes += r.disputed() ? 1 : 0;
            }
        }
        // Overdue as the period ended: still open past its date, or answered only after the period.
        var endOfPeriod = asOf.plusDays(1).atStartOfDay(calendar.clock().getZone()).toInstant().atOffset(ZoneOffset.UTC);
        Map<String, Long> overdueBy = new TreeMap<>();
        for (Request r : sql.list("select kind, status, provider_uscc, assignee_uscc, due_by, decided_at, disputed_at, decision from data_request"
                + " where due_by < ? and (status in ('SUBMITTED', 'DISPUTED') or decided_at >= ?)" + (platform ? "" : " and assignee_uscc = ?"),
                this::request, platform ? new Object[]{asOf, endOfPeriod} : new Object[]{asOf, endOfPeriod, scope})) {
            String who = r.assignee() == null ? "?" : r.assignee();
            overdueBy.merge(who, 1L, Long::sum);
            if (depts.containsKey(who)) {
                depts.get(who).overdue++;
            }
        }
        List<CorrectionRow> corrections = sql.list("select provider_uscc, status, due_by, answered_on, demo from correction"
                        + " where filed_on >= ? and filed_on <= ?" + (platform ? "" : " and provider_uscc = ?"),
                rs -> new CorrectionRow(rs.getString(1), rs.getString(2), Sql.date(rs, "due_by"), Sql.date(rs, "answered_on"), rs.getBoolean(5)),
                platform ? new Object[]{p.from(), p.to()} : new Object[]{p.from(), p.to(), scope});
        long cAccepted = 0, cRejected = 0, cOverdue = 0;
        boolean demo = false;
        for (CorrectionRow c : corrections) {
            demo |= c.demo();
            cAccepted += "ACCEPTED".equals(c.status()) ? 1 : 0;
            cRejected += "REJECTED".equals(c.status()) ? 1 : 0;
            boolean late = "OPEN".equals(c.status()) ? c.dueBy().isBefore(asOf) : c.answeredOn() != null && c.answeredOn().isAfter(c.dueBy());
            cOverdue += late ? 1 : 0;
            Tally t = depts.computeIfAbsent(c.provider(), k -> new Tally());
            t.corrections++;
            t.correctionsOverdue += late ? 1 : 0;
            if (c.dueBy().isBefore(asOf) && ("OPEN".equals(c.status()) || c.answeredOn() != null && c.answeredOn().isAfter(asOf))) {
                overdueBy.merge(c.provider(), 1L, Long::sum);
            }
        }

        ZoneId zone = calendar.clock().getZone();
        var start = p.from().atStartOfDay(zone).toInstant().atOffset(ZoneOffset.UTC);
        var end = p.to().plusDays(1).atStartOfDay(zone).toInstant().atOffset(ZoneOffset.UTC);
        Map<String, Long> byPurpose = new HashMap<>(sharedReads(p, scope, today));
        // A demo node's generated past reads: the usage log holds only what happened.
        int generated = sql.list("select purpose, sum(read_count) as n from demo_use_daily where on_day >= ? and on_day <= ?"
                        + (platform ? "" : " and organisation = ?") + " group by purpose",
                rs -> byPurpose.merge(rs.getString(1), rs.getLong(2), Long::sum),
                platform ? new Object[]{p.from(), p.to()} : new Object[]{p.from(), p.to(), scope}).size();
        demo |= generated > 0;
        List<ReportFigures.Count> purposes = byPurpose.entrySet().stream().map(e -> new ReportFigures.Count(e.getKey(), e.getValue()))
                .sorted(Comparator.comparingLong(ReportFigures.Count::count).reversed().thenComparing(ReportFigures.Count::name)).toList();
        long emergency = sql.count("select count(*) from grant_record where emergency_scope is not null and created_at >= ? and created_at < ?"
                + (platform ? "" : " and holder_uscc = ?"), platform ? new Object[]{start, end} : new Object[]{start, end, scope});
        long sealed = sql.count("select count(*) from emergency_sealing where recorded_at >= ? and recorded_at < ?"
                + (platform ? "" : " and holder_uscc = ?"), platform ? new Object[]{start, end} : new Object[]{start, end, scope});

        List<ReportFigures.DayPoint> trend = new ArrayList<>();
        Map<LocalDate, long[]> days = new TreeMap<>();
        sql.list("select on_day, measure, sum(n) from quality_daily where field = '' and measure in ('accepted', 'refused')"
                        + " and on_day >= ? and on_day <= ?" + (platform ? "" : " and provider_uscc = ?") + " group by on_day, measure",
                rs -> days.computeIfAbsent(Sql.date(rs, "on_day"), d -> new long[2])[rs.getString(2).equals("accepted") ? 0 : 1] += rs.getLong(3),
                platform ? new Object[]{p.from(), p.to()} : new Object[]{p.from(), p.to(), scope});
        days.forEach((d, n) -> trend.add(new ReportFigures.DayPoint(d, n[0], n[1])));

        List<ReportFigures.Department> lines = new ArrayList<>();
        List<ReportFigures.ResourceLine> resources = new ArrayList<>();
        long sent = 0, accepted = 0, reads = 0, downloads = 0;
        int late = 0, count = 0;
        for (var e : depts.entrySet()) {
            Tally t = e.getValue();
            long dSent = 0, dAccepted = 0;
            int dLate = 0;
            for (ResourceQuality q : t.resources) {
                demo |= q.demo();
                dSent += q.sent();
                dAccepted += q.accepted();
                dLate += q.late() ? 1 : 0;
                reads += q.readsAnswered();
                downloads += q.openDownloads();
                resources.add(new ReportFigures.ResourceLine(q.resource(), q.name(), q.provider(), q.updateCycle().name(), q.late(), q.sent(),
                        q.accepted(), q.conformity(), q.completeness(), q.accuracy(), q.availability(), q.score(), q.openDownloads()));
            }
            sent += dSent;
            accepted += dAccepted;
            late += dLate;
            count += t.resources.size();
            lines.add(new ReportFigures.Department(e.getKey(), names.getOrDefault(e.getKey(), e.getKey()), t.resources.size(), dLate, dSent,
                    dAccepted, rate(dAccepted, dSent), mean(t.resources.stream().map(ResourceQuality::score).toList()), t.answered, t.onTime,
                    rate(t.onTime, t.answered), t.refusals, t.disputes, t.overdue, t.corrections, t.correctionsOverdue));
        }
        resources.sort(Comparator.comparing(ReportFigures.ResourceLine::code));
        List<ReportFigures.Count> overdue = new ArrayList<>();
        overdueBy.forEach((k, v) -> overdue.add(new ReportFigures.Count(names.getOrDefault(k, k), v)));
        overdue.sort(Comparator.comparingLong(ReportFigures.Count::count).reversed());
        ReportFigures.Totals totals = new ReportFigures.Totals(count, late, sent, accepted, sent - accepted, share, shareAnswered, shareOnTime,
                openApps, publicDemands, demands, refusals, disputes, overdueBy.values().stream().mapToLong(Long::longValue).sum(),
                corrections.size(), cAccepted, cRejected, cOverdue, reads, downloads, emergency, sealed, rate(shareOnTime, shareAnswered),
                mean(resources.stream().map(ReportFigures.ResourceLine::score).toList()));
        return new ReportFigures(p.code(), p.kind().name(), p.title(), scope, platform ? "全平台" : names.getOrDefault(scope, scope), p.from(),
                p.to(), totals, lines, resources, trend, purposes.size() > 10 ? purposes.subList(0, 10) : purposes, overdue, demo);
    }

    /**
     * Reads delivered to share holders in the period, by purpose. A period that ended before
     * yesterday is counted once and kept: the usage log stamps each entry with the node's clock as
     * it is sealed, so no entry can join a past period. Yesterday is left open for an entry sealed
     * just before midnight and committed after it.
     */
    private Map<String, Long> sharedReads(Period p, String scope, LocalDate today) {
        boolean closed = p.to().plusDays(1).isBefore(today);
        if (closed) {
            Optional<Map<String, Long>> kept = sql.one("select purposes from closed_period_use where period_code = ? and scope = ?",
                    rs -> readCounts(rs.getString(1)), p.code(), scope);
            if (kept.isPresent()) {
                return kept.get();
            }
        }
        boolean platform = PLATFORM.equals(scope);
        ZoneId zone = calendar.clock().getZone();
        var start = p.from().atStartOfDay(zone).toInstant().atOffset(ZoneOffset.UTC);
        var end = p.to().plusDays(1).atStartOfDay(zone).toInstant().atOffset(ZoneOffset.UTC);
        Map<String, Long> counted = new HashMap<>();
        sql.list("select purpose, count(*) as n from usage_log where destination = 'SHARE' and decision = 'DELIVERED' and at >= ? and at < ?"
                        + (platform ? "" : " and organisation = ?") + " group by purpose",
                rs -> counted.merge(String.valueOf(rs.getString(1)), rs.getLong(2), Long::sum),
                platform ? new Object[]{start, end} : new Object[]{start, end, scope});
        if (closed) {
            // Two builders counting the same period at once write the same figures: the second insert is dropped.
            sql.update("insert into closed_period_use (period_code, scope, counted_at, purposes) values (?,?,?,?) on conflict do nothing",
                    p.code(), scope, Instant.now(calendar.clock()).truncatedTo(ChronoUnit.MICROS), writeCounts(counted));
        }
        return counted;
    }

    private String writeCounts(Map<String, Long> counts) {
        try {
            return json.writeValueAsString(counts);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("reads by purpose could not be written", e);
        }
    }

    private Map<String, Long> readCounts(String text) {
        try {
            return json.readValue(text, COUNTS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("kept reads by purpose could not be read", e);
        }
    }

    private Request request(ResultSet rs) throws SQLException {
        var decided = Sql.instant(rs, "decided_at");
        return new Request(rs.getString("kind"), rs.getString("status"), rs.getString("provider_uscc"), rs.getString("assignee_uscc"),
                Sql.date(rs, "due_by"), decided == null ? null : LocalDate.ofInstant(decided, calendar.clock().getZone()),
                rs.getObject("disputed_at") != null, rs.getString("decision"));
    }

    private static Double rate(long part, long whole) {
        return whole == 0 ? null : Math.round(1000.0 * part / whole) / 1000.0;
    }

    private static Double mean(List<Double> values) {
        var s = values.stream().filter(Objects::nonNull).mapToDouble(Double::doubleValue).summaryStatistics();
        return s.getCount() == 0 ? null : Math.round(s.getAverage() * 10) / 10.0;
    }
}
