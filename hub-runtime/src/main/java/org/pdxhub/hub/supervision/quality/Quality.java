package org.pdxhub.hub.supervision.quality;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.pdxhub.hub.api.ProblemException;
import org.pdxhub.hub.calendar.WorkingDayCalendar;
import org.pdxhub.hub.catalog.Catalog;
import org.pdxhub.hub.catalog.CatalogResource;
import org.pdxhub.hub.catalog.ResourceStatus;
import org.pdxhub.hub.catalog.ResourceSummary;
import org.pdxhub.hub.catalog.UpdateCycle;
import org.pdxhub.hub.store.Sql;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.DoubleStream;

/** The quality figures of resources and organisations, read from the daily counters. */
@ApplicationScoped
public class Quality {

    /** One organisation's resources and their mean. */
    public record OrganisationQuality(String organisation, LocalDate from, LocalDate to, int resources, int late, Double score,
                                      List<ResourceQuality> byResource) {
    }

    /** One resource's counters of one item and measure, summed over the period, with the last day counted. */
    private record Row(String field, String measure, long n, boolean demo, LocalDate lastDay) {
    }

    /** Up to this many resources are named in the query that reads their counters. */
    static final int NAMED_IN_QUERY = 200;

    @Inject
    Sql sql;

    @Inject
    QualityCounters counters;

    @Inject
    Catalog catalog;

    @Inject
    WorkingDayCalendar calendar;

    @Inject
    QualityConfig config;

    /** The figures of one resource from {@code from} to {@code to}, both included. */
    public ResourceQuality resource(String code, LocalDate from, LocalDate to) {
        CatalogResource r = catalog.find(code).orElseThrow(() -> ProblemException.notFound("catalog resource", code));
        counters.flush();
        return figures(r, from, to);
    }

    /** The provider of a resource, for the access check before the figures are computed. */
    public String providerOf(String code) {
        return catalog.find(code).map(CatalogResource::provider).orElseThrow(() -> ProblemException.notFound("catalog resource", code));
    }

    /** Every published resource the organisation provides. */
    public OrganisationQuality organisation(String uscc, LocalDate from, LocalDate to) {
        counters.flush();
        List<CatalogResource> published = new ArrayList<>();
        for (ResourceSummary s : catalog.list(ResourceStatus.PUBLISHED, uscc, null, null)) {
            catalog.find(s.code()).ifPresent(published::add);
        }
        List<ResourceQuality> out = figures(published, from, to);
        return new OrganisationQuality(uscc, from, to, out.size(), (int) out.stream().filter(ResourceQuality::late).count(),
                mean(out.stream().map(ResourceQuality::score)), out);
    }

    /** The figures of a resource already read from the catalog; the counters as last flushed. */
    public ResourceQuality figures(CatalogResource r, LocalDate from, LocalDate to) {
        List<Row> rows = sql.list("select resource_code, field, measure, sum(n) as n, max(case when demo then 1 else 0 end) as demo,"
                        + " max(case when n > 0 then on_day end) as last_day from quality_daily"
                        + " where resource_code = ? and on_day >= ? and on_day <= ? group by resource_code, field, measure",
                Quality::row, r.code(), from, to);
        return compute(r, rows, lastUpdate(rows).orElseGet(() -> lastUpdateBefore(r.code(), from)), from, to);
    }

    /**
     * The figures of many resources over one period, from one grouped query over the period's
     * counters (the day is the first column of their key) rather than two per resource; only a
     * resource with no update in the period looks further back for its last one. A few resources
     * (a department's) are named in the query; many (the platform's) take every counter of the period.
     */
    public List<ResourceQuality> figures(List<CatalogResource> resources, LocalDate from, LocalDate to) {
        Map<String, List<Row>> byResource = new HashMap<>();
        List<Object> params = new ArrayList<>(List.of(from, to));
        String named = "";
        if (resources.isEmpty()) {
            return List.of();
        }
        if (resources.size() <= NAMED_IN_QUERY) {
            resources.forEach(r -> params.add(r.code()));
            named = " and resource_code in (" + String.join(", ", Collections.nCopies(resources.size(), "?")) + ")";
        }
        sql.list("select resource_code, field, measure, sum(n) as n, max(case when demo then 1 else 0 end) as demo,"
                        + " max(case when n > 0 then on_day end) as last_day from quality_daily where on_day >= ? and on_day <= ?"
                        + named + " group by resource_code, field, measure",
                rs -> byResource.computeIfAbsent(rs.getString("resource_code"), k -> new ArrayList<>()).add(row(rs)), params.toArray());
        List<ResourceQuality> out = new ArrayList<>(resources.size());
        for (CatalogResource r : resources) {
            List<Row> rows = byResource.getOrDefault(r.code(), List.of());
            out.add(compute(r, rows, lastUpdate(rows).orElseGet(() -> lastUpdateBefore(r.code(), from)), from, to));
        }
        return out;
    }

    private static Row row(ResultSet rs) throws SQLException {
        return new Row(rs.getString("field"), rs.getString("measure"), rs.getLong("n"), rs.getInt("demo") == 1, Sql.date(rs, "last_day"));
    }

    /** The last day in the period with records accepted. */
    private static Optional<LocalDate> lastUpdate(List<Row> rows) {
        return rows.stream().filter(r -> r.field().isEmpty() && r.measure().equals(Measure.ACCEPTED) && r.lastDay() != null)
                .map(Row::lastDay).findFirst();
    }

    /** The last day before the period with records accepted, or null if never. */
    private LocalDate lastUpdateBefore(String code, LocalDate day) {
        return sql.list("select max(on_day) as last_day from quality_daily where resource_code = ? and field = '' and measure = ?"
                        + " and on_day < ? and n > 0", rs -> Sql.date(rs, "last_day"), code, Measure.ACCEPTED, day)
                .stream().filter(Objects::nonNull).findFirst().orElse(null);
    }

    private ResourceQuality compute(CatalogResource r, List<Row> rows, LocalDate last, LocalDate from, LocalDate to) {
        Map<String, Long> total = new HashMap<>();
        Map<String, Long> byRule = new TreeMap<>();
        Map<String, Long> byField = new TreeMap<>();
        Map<String, Long> failures = new TreeMap<>();
        boolean demo = false;
        for (Row row : rows) {
            demo |= row.demo();
            String measure = row.measure();
            int colon = measure.indexOf(':');
            if (colon > 0) {
                String rule = measure.substring(colon + 1);
                if (measure.startsWith(Measure.REFUSED)) {
                    byRule.merge(rule, row.n(), Long::sum);
                    if (!row.field().isEmpty()) {
                        byField.merge(row.field(), row.n(), Long::sum);
                    }
                } else {
                    failures.merge(rule, row.n(), Long::sum);
                    total.merge(Measure.FAILED, row.n(), Long::sum);
                }
            } else {
                total.merge(measure, row.n(), Long::sum);
            }
        }
        long sent = total.getOrDefault(Measure.SENT, 0L);
        long accepted = total.getOrDefault(Measure.ACCEPTED, 0L);
        long required = total.getOrDefault(Measure.REQUIRED, 0L);
        long requiredFilled = total.getOrDefault(Measure.REQUIRED_FILLED, 0L);
        long items = total.getOrDefault(Measure.ITEMS, 0L);
        long itemsFilled = total.getOrDefault(Measure.ITEMS_FILLED, 0L);
        long checks = total.getOrDefault(Measure.CHECKED, 0L);
        long failed = total.getOrDefault(Measure.FAILED, 0L);
        long duplicates = total.getOrDefault(Measure.DUPLICATE, 0L);
        long answered = total.getOrDefault(Measure.READ_ANSWERED, 0L);
        long readFailed = total.getOrDefault(Measure.READ_FAILED, 0L);

        Integer since = last == null ? null : calendar.workingDaysBetween(last, to);
        boolean late = isLate(r.updateCycle(), since);

        Double conformity = rate(accepted, sent);
        Double completeness = required > 0 ? rate(requiredFilled, required) : rate(itemsFilled, items);
        Double accuracy = checks == 0 ? null : rate(checks - failed, checks);
        Double uniqueness = accepted == 0 ? null : 1.0 - (double) duplicates / accepted;
        Double availability = rate(answered, answered + readFailed);
        Double timeliness = r.updateCycle() == UpdateCycle.ON_CHANGE || since == null && sent == 0 ? null : late ? 0.0 : 1.0;
        Double score = mean(java.util.stream.Stream.of(conformity, completeness, accuracy, uniqueness, availability, timeliness));
        return new ResourceQuality(r.code(), r.name(), r.provider(), from, to, sent, accepted, sent - accepted, conformity, byRule, byField,
                required, requiredFilled, items, itemsFilled, completeness, checks, failed, failures, total.getOrDefault(Measure.FLAGGED, 0L),
                accuracy, duplicates, uniqueness, r.updateCycle(), last, since, late, answered, readFailed, availability,
                total.getOrDefault(Measure.OPEN_DOWNLOAD, 0L), score == null ? null : Math.round(score * 1000) / 10.0, demo);
    }

    /** Late when the working days since the last update reach the cycle's limit; a resource never updated is late too. */
    boolean isLate(UpdateCycle cycle, Integer workingDaysSince) {
        if (cycle == null || cycle == UpdateCycle.ON_CHANGE) {
            return false;
        }
        Integer limit = config.lateAfter().of(cycle);
        return limit != null && (workingDaysSince == null || workingDaysSince >= limit);
    }

    private static Double rate(long part, long whole) {
        return whole == 0 ? null : (double) part / whole;
    }

    private static Double mean(java.util.stream.Stream<Double> values) {
        DoubleStream present = values.filter(v -> v != null).mapToDouble(Double::doubleValue);
        var stats = present.summaryStatistics();
        return stats.getCount() == 0 ? null : stats.getAverage();
    }
}
