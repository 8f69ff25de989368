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
import org.pdxhub.plugin.OpenType;
import org.pdxhub.plugin.ResourceSpec;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counts and sums of open data grouped by declared dimensions, with a privacy guarantee (art. 36
 * 隐私计算): every record falls in one cell, so a query is ε-differentially private for the ε it
 * spends; a cell of fewer records than the threshold is not shown; the ε spent is counted against
 * the resource's budget for the period, and a query the budget no longer covers is refused.
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

    /** The answer, with what was spent and what is left. */
    public record Answer(String resource, List<String> by, String measure, double epsilon, String mechanism, int suppressBelow,
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

    private volatile Noise noise = new Noise(new SecureRandom());

    /** For the distribution's test: a seeded source in place of the secure one. */
    void useNoise(Noise n) {
        noise = n;
    }

    public Answer query(String code, String byParam, String measure, Double epsilonParam, Asker who) {
        ResourceSpec spec = catalog.publishedSpec(code).orElseThrow(() -> ProblemException.notFound("published resource", code));
        if (spec.openType() != OpenType.UNCONDITIONAL) {
            throw ProblemException.forbidden("stats.not-open", code + " is not unconditionally open (" + spec.openType()
                    + "): statistics are served here for unconditionally open resources only");
        }
        Declared declaredUse = declared(spec);
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
        StatsBudget.Standing after = budget.spend(code, epsilon);
        if (after == null) {
            StatsBudget.Standing now = budget.standing(code);
            usageLog.append(entry(who, code, by, m, 0, UsageDecision.REFUSED, "stats.budget-exhausted", "ε " + epsilon + " asked, "
                    + now.remaining() + " left"));
            throw new ProblemException(429, "stats.budget-exhausted", "Too many requests", "the privacy budget of " + code + " for the period"
                    + " from " + now.periodStart() + " is spent: " + now.spent() + " of " + now.total() + " used, " + epsilon
                    + " asked; ask with a smaller epsilon, or after " + now.periodEnd(), "epsilon");
        }
        Map<List<String>, double[]> cells = new TreeMap<>((a, b) -> String.join("\u0001", a).compareTo(String.join("\u0001", b)));
        Double bound = sumOf == null ? null : sums.get(sumOf);
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
        UsageEntry logged = usageLog.append(entry(who, code, by, m, out.size(), UsageDecision.DELIVERED, null,
                "statistics: " + out.size() + " cells, " + suppressed + " suppressed, ε " + epsilon + ", budget left " + after.remaining()));
        return new Answer(code, by, m, epsilon, bound == null ? "two-sided geometric, α = e^-ε" : "Laplace, scale " + bound + "/ε",
                config.suppressBelow(), after, after.remaining(), out, logged.seq());
    }

    /** What a resource may be grouped by and summed over. */
    record Declared(List<String> dimensions, Map<String, Double> sums) {
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

    private static UsageEntry entry(Asker who, String code, List<String> by, String measure, int cells, UsageDecision decision,
                                    String rule, String detail) {
        return new UsageEntry(null, 0, null, who.person(), who.organisation(), who.purpose(), null, code, DESTINATION,
                String.join(",", by) + ";" + measure, cells, 0, decision, rule, null, null, null, null, detail, null, null, who.keyId());
    }
}
