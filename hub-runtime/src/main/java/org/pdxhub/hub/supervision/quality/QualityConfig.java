package org.pdxhub.hub.supervision.quality;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import org.pdxhub.hub.catalog.UpdateCycle;

/** Data quality (数据质量): how often counters reach the store, and when a resource is late. */
@ConfigMapping(prefix = "pdx.quality")
public interface QualityConfig {

    /** A Quarkus scheduler interval: how often the counters kept in memory are added to the day's rows in the store. */
    @WithDefault("60s")
    String flushEvery();

    /**
     * Working days without an update after which a resource is late, by declared update cycle
     * (daily=3: a daily resource not updated for 3 working days). ON_CHANGE resources are never late.
     */
    LateAfter lateAfter();

    /** pdx.quality.late-after.&lt;cycle&gt;, in working days. */
    interface LateAfter {
        @WithDefault("1")
        int realTime();

        @WithDefault("3")
        int daily();

        @WithDefault("7")
        int weekly();

        @WithDefault("25")
        int monthly();

        @WithDefault("70")
        int quarterly();

        @WithDefault("135")
        int halfYearly();

        @WithDefault("260")
        int yearly();

        /** The limit of a cycle, or null for one that is never late. */
        default Integer of(UpdateCycle cycle) {
            return switch (cycle) {
                case REAL_TIME -> realTime();
                case DAILY -> daily();
                case WEEKLY -> weekly();
                case MONTHLY -> monthly();
                case QUARTERLY -> quarterly();
                case HALF_YEARLY -> halfYearly();
                case YEARLY -> yearly();
                case ON_CHANGE -> null;
            };
        }
    }
}
