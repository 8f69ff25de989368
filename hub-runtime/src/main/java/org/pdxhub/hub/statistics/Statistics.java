package org.pdxhub.hub.statistics;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.pdxhub.hub.api.ProblemException;
import org.pdxhub.hub.audit.UsageDecision;
import org.pdxhub.hub.audit.UsageEntry;
import org.pdxhub.hub.audit.UsageLog;
import org.pdxhub.hub.catalog.Catalog;
import org.pdxhub.hub.catalog.CatalogResource;
import org.pdxhub.hub.catalog.DataItem;
import org.pdxhub.hub.catalog.ItemUse;
import org.pdxhub.hub.exchange.Datasets;
import org.pdxhub.hub.sharing.Grant;
import org.pdxhub.hub.sharing.GrantSource;
import org.pdxhub.hub.sharing.Grants;
import org.pdxhub.plugin.OpenType;
import org.pdxhub.plugin.ResourceSpec;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counts and sums of open data grouped by declared dimensions, with a privacy guarantee (art. 36
 * 隐私计算): every record falls in one cell, so a query is ε-differentially private for the ε it
 * spends; a cell of fewer records than the threshold is not shown; the ε spent is counted against
 * the resource's budget for the period, and a query the budget no longer covers is refused. A
 * resource that is not open answers only the holder of a statistics grant, on the items it names,
 * spending the grant's own budget. Cells come from one GROUP BY over {@link StatsRows}.
 */
@ApplicationScoped
public class Statistics {

    /** Who asks: the public, or an organisation's key. */
    public record Asker(String organisation, String person, String purpose, String keyId) {
    }

    /** One cell: its dimension values and the noisy value, or suppressed with no value. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Cell(Map<String, String> dims, Long value, Boolean suppressed) {
    }

    /** The answer, with what was spent and what is left, and the statistics grant it was spent under when the resource is not open. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Answer(String resource, String grant, List<String> by, String measure, double epsilon, String mechanism, int suppressBelow,
                         StatsBudget.Standing budget, double budgetRemaining, List<Cell> cells, long usageLogSeq) {
    }

    static final String DESTINATION = "STATS";
    private static final String NONE = "(none)";

    @Inject
    Catalog catalog;

    @Inject
    Datasets datasets;

    @Inject
    StatsBudget budget;

    @Inject
    StatsConfig config;

    @Inject
    UsageLog usageLog;

    @Inject
    StatsRows rows;

    @Inject
    Grants grants;

    @Inject
    Clock clock;

    private volatile Noise noise = new Noise(new SecureRandom());

    /** For the distribution's test: a seeded source in place of the secure one. */
    void useNoise(Noise n) {
        noise = n;
    }

    public Answer query(String code, String byParam, String measure, Double epsilonParam, Asker who) {
        ResourceSpec spec = catalog.publishedSpec(code).orElseThrow(() -> ProblemException.notFound("published resource", code));
        Grant grant = null;
        if (spec.openType() != OpenType.UNCONDITIONAL) {
            if (who.organisation() == null) {
                throw ProblemException.forbidden("stats.not-open", code + " is not unconditionally open (" + spec.openType()
                        + "): its statistics are for the holder of a statistics grant, asked with the holder's key"
                        + " (POST /api/v1/statistics-requests)");
            }
            grant = liveGrant(code, who);
        }
        Declared resourceUse = declared(spec);
        Declared declaredUse = grant == null ? resourceUse : resourceUse.within(grant.fields());
        List<String> declared = declaredUse.dimensions();
        if (byParam == null || byParam.isBlank()) {
            throw ProblemException.badRequest("missing-field", "by", "name the dimensions to group by, e.g. by=" + String.join(",", declared)
                    + "; " + code + " declares " + declared);
        }
        List<String> by = Arrays.stream(byParam.split(",")).map(String::strip).filter(s -> !s.isEmpty()).distinct().toList();
        for (String d : by) {
            if (!declared.contains(d)) {
                throw ProblemException.badRequest("stats.not-a-dimension", "by", "'" + d + "' is not a declared dimension of " + code
                        + "; it declares " + declared + " (catalog items with use.dimension)");
            }
        }
        String m = measure == null || measure.isBlank() ? "count" : measure.strip();
        Map<String, Double> sums = declaredUse.sums();
        String sumOf = m.startsWith("sum:") ? m.substring(4) : null;
        if (!m.equals("count") && (sumOf == null || !sums.containsKey(sumOf))) {
            throw ProblemException.badRequest("stats.measure", "measure", "measure is count or sum:<item> of a declared numeric item; "
                    + code + " declares " + sums.keySet().stream().map(s -> "sum:" + s).toList());
        }
        double epsilon = epsilonParam == null ? config.epsilon() : epsilonParam;
        if (!(epsilon > 0) || epsilon > config.maxEpsilon()) {
            throw ProblemException.badRequest("stats.epsilon", "epsilon", "epsilon is above 0 and at most " + config.maxEpsilon()
                    + " (pdx.stats.max-epsilon)");
        }
        StatsBudget.Account account = grant == null ? StatsBudget.Account.ofResource(code) : StatsBudget.Account.ofGrant(grant.id());
        String grantId = grant == null ? null : grant.id();
        StatsBudget.Standing after = budget.spend(account, epsilon);
        if (after == null) {
            StatsBudget.Standing now = budget.standing(account);
            usageLog.append(entry(who, grantId, code, by, m, 0, UsageDecision.REFUSED, "stats.budget-exhausted", "ε " + epsilon + " asked, "
                    + now.remaining() + " left"));
            throw new ProblemException(429, "stats.budget-exhausted", "Too many requests", "the privacy budget of "
                    + (grant == null ? code : "grant " + grant.id() + " on " + code) + " for the period"
                    + " from " + now.periodStart() + " is spent: " + now.spent() + " of " + now.total() + " used, " + epsilon
                    + " asked; ask with a smaller epsilon, or after " + now.periodEnd(), "epsilon");
        }
        Double bound = sumOf == null ? null : sums.get(sumOf);
        Map<List<String>, double[]> cells = StatsRows.Layout.of(resourceUse)
                .map(layout -> fromRows(code, layout, by, sumOf))
                .orElseGet(() -> scan(code, by, sumOf, bound));
        List<Cell> out = new ArrayList<>(cells.size());
        cells.forEach((key, c) -> {
            Map<String, String> dims = new LinkedHashMap<>();
            for (int i = 0; i < by.size(); i++) {
                dims.put(by.get(i), key.get(i));
            }
            if (c[0] < config.suppressBelow()) {
                out.add(new Cell(dims, null, true));
            } else if (bound == null) {
                out.add(new Cell(dims, Math.max(0, (long) c[0] + noise.geometric(epsilon)), null));
            } else {
                out.add(new Cell(dims, Math.round(c[1] + noise.laplace(bound / epsilon)), null));
            }
        });
        long suppressed = out.stream().filter(c -> c.suppressed() != null).count();
        UsageEntry logged = usageLog.append(entry(who, grantId, code, by, m, out.size(), UsageDecision.DELIVERED, null,
                "statistics: " + out.size() + " cells, " + suppressed + " suppressed, ε " + epsilon + ", budget left " + after.remaining()));
        return new Answer(code, grantId, by, m, epsilon, bound == null ? "two-sided geometric, α = e^-ε" : "Laplace, scale " + bound + "/ε",
                config.suppressBelow(), after, after.remaining(), out, logged.seq());
    }

    /** Cells from one GROUP BY in the store. */
    private Map<List<String>, double[]> fromRows(String code, StatsRows.Layout layout, List<String> by, String sumOf) {
        Map<List<String>, double[]> cells = cells();
        for (StatsRows.Group g : rows.grouped(code, layout, by, sumOf)) {
            List<String> key = g.values().stream().map(v -> v == null ? NONE : v).toList();
            double[] c = cells.computeIfAbsent(key, k -> new double[2]);
            c[0] += g.count();
            c[1] += g.sum();
        }
        return cells;
    }

    /** Cells from reading every record: for a resource declaring more items than the store's rows have columns for. */
    private Map<List<String>, double[]> scan(String code, List<String> by, String sumOf, Double bound) {
        Map<List<String>, double[]> cells = cells();
        datasets.forEach(code, r -> {
            List<String> key = new ArrayList<>(by.size());
            for (String d : by) {
                Object v = r.get(d);
                key.add(v == null ? NONE : v.toString());
            }
            double[] c = cells.computeIfAbsent(key, k -> new double[2]);
            c[0]++;
            if (bound != null) {
                c[1] += clip(r.get(sumOf), bound);
            }
        });
        return cells;
    }

    /** Cells in the order of their dimension values, so that the answer's order says nothing the values do not. */
    private static Map<List<String>, double[]> cells() {
        return new TreeMap<>((a, b) -> String.join("\u0001", a).compareTo(String.join("\u0001", b)));
    }

    /**
     * The caller's live statistics grant on {@code code}, for the purpose it states (art. 19); a
     * share, verification or open-data grant is not one. Refusals are logged, with no value.
     */
    private Grant liveGrant(String code, Asker who) {
        Instant now = Instant.now(clock);
        Grant g = grants.bestFor(who.organisation(), code, now, GrantSource.STATISTICS_REQUEST).orElse(null);
        if (g == null || !g.spec().isLiveAt(now)) {
            String why = g == null ? "holds no statistics grant for " + code : "'s statistics grant " + g.id() + " is " + g.stateAt(now).toLowerCase();
            usageLog.append(entry(who, g == null ? null : g.id(), code, List.of(), "-", 0, UsageDecision.REFUSED, "stats.grant-missing", why));
            throw ProblemException.forbidden("stats.grant-missing", "organisation " + who.organisation() + " " + why + ": " + code
                    + " is not unconditionally open; ask for statistics of it with POST /api/v1/statistics-requests");
        }
        if (!g.spec().allowsPurpose(who.purpose())) {
            usageLog.append(entry(who, g.id(), code, List.of(), "-", 0, UsageDecision.REFUSED, "grant.purpose-mismatch",
                    "purpose stated is not the grant's"));
            throw new ProblemException(403, "grant.purpose-mismatch", "Forbidden", "grant " + g.id() + " allows the purpose '"
                    + g.purposeCode() + "' or the exact text '" + g.purpose() + "' only; state one of them in Pdx-Purpose (art. 19)",
                    "Pdx-Purpose");
        }
        return g;
    }

    /** What a resource may be grouped by and summed over. */
    record Declared(List<String> dimensions, Map<String, Double> sums) {

        /** Only the items a statistics grant names. */
        Declared within(Collection<String> granted) {
            Map<String, Double> kept = new LinkedHashMap<>(sums);
            kept.keySet().retainAll(granted);
            return new Declared(dimensions.stream().filter(granted::contains).toList(), kept);
        }
    }

    /**
     * From the published version's items (use.dimension, use.measureClip), so that a change is
     * reviewed as part of the catalog; pdx.stats.* only for a resource whose items declare none.
     */
    Declared declared(ResourceSpec spec) {
        List<DataItem> items = catalog.find(spec.code(), (int) spec.version()).map(CatalogResource::items).orElse(List.of());
        List<String> dimensions = items.stream().filter(i -> i.declares(ItemUse::allowsGrouping)).map(DataItem::name).toList();
        Map<String, Double> sums = new LinkedHashMap<>();
        items.stream().filter(i -> i.declares(ItemUse::allowsSum)).forEach(i -> sums.put(i.name(), i.use().measureClip()));
        if (dimensions.isEmpty() && sums.isEmpty()) {
            return new Declared(config.dimensions().getOrDefault(spec.code(), List.of()), config.sums().getOrDefault(spec.code(), Map.of()));
        }
        return new Declared(dimensions, sums);
    }

    private static double clip(Object v, double bound) {
        if (v == null) {
            return 0;
        }
        double x;
        if (v instanceof Number n) {
            x = n.doubleValue();
        } else {
            try {
                x = Double.parseDouble(v.toString());
            } catch (NumberFormatException notANumber) {
                return 0;
            }
        }
        return Math.max(-bound, Math.min(bound, x));
    }

    private static UsageEntry entry(Asker who, String grantId, String code, List<String> by, String measure, int cells,
                                    UsageDecision decision, String rule, String detail) {
        return new UsageEntry(null, 0, null, who.person(), who.organisation(), who.purpose(), grantId, code, DESTINATION,
                String.join(",", by) + ";" + measure, cells, 0, decision, rule, null, null, null, null, detail, null, null, who.keyId());
    }
}
