package org.pdxhub.hub.supervision.quality;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.Map;

/** Data quality (数据质量): how often counters reach the store, and when a resource is late. */
@ConfigMapping(prefix = "pdx.quality")
public interface QualityConfig {

    /** A Quarkus scheduler interval: how often the counters kept in memory are added to the day's rows in the store. */
    @WithDefault("60s")
    String flushEvery();

    /**
     * Working days without an update after which a resource is late, by declared update cycle
     * (DAILY=3: a daily resource not updated for 3 working days). ON_CHANGE resources are never late.
     */
    @WithDefault("REAL_TIME=1,DAILY=3,WEEKLY=7,MONTHLY=25,QUARTERLY=70,HALF_YEARLY=135,YEARLY=260")
    Map<String, Integer> lateAfter();
}
