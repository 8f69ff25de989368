package org.pdxhub.hub.statistics;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Statistics with a privacy guarantee (art. 36 隐私计算): suppression, noise, and a budget per resource and period. */
@ConfigMapping(prefix = "pdx.stats")
public interface StatsConfig {

    /** A cell counting fewer records than this is not shown (小单元格抑制). */
    @WithDefault("10")
    int suppressBelow();

    /** The ε a query spends when it names none. */
    @WithDefault("0.5")
    double epsilon();

    /** The most ε one query may spend. */
    @WithDefault("1.0")
    double maxEpsilon();

    /** The ε one resource may spend in a period, all callers together; then queries are refused until the next. */
    @WithDefault("5.0")
    double budget();

    /**
     * The ε one statistics grant may spend in a period: a requester's own budget on a resource that
     * is not open, apart from the public's and from every other grant's.
     */
    @WithDefault("2.0")
    double grantBudget();

    /** The period the budget is counted over, from midnight of the first day in the node's zone. */
    @WithDefault("P1D")
    Duration period();

    /**
     * Per resource code: the items a query may group by, for a resource whose catalog items declare
     * no dimension or measure (use.dimension, use.measureClip), which otherwise decide.
     */
    Map<String, List<String>> dimensions();

    /** Per resource code and numeric item, as {@link #dimensions()}: the bound each record's value is clipped to (the sum's sensitivity). */
    Map<String, Map<String, Double>> sums();
}
