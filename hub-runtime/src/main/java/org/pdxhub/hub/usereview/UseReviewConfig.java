package org.pdxhub.hub.usereview;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.LocalTime;

/** The periodic review of use (定期审查数据使用情况, art. 19): how often, and what counts as unusual. */
@ConfigMapping(prefix = "pdx.use-review")
public interface UseReviewConfig {

    /**
     * Working days from a grant's start, or its last review, to its next review. Art. 19 says only
     * "periodically" (定期); 60 working days is about a quarter.
     */
    @WithDefault("60")
    int periodWorkingDays();

    /** Working days before the due date at which the holder is reminded (once per due date). */
    @WithDefault("5")
    int remindWorkingDays();

    /** A day's reads are unusual when more than this many times the median of the grant's earlier days of use. */
    @WithDefault("5")
    int volumeFactor();

    /** ... and at least this many: a few reads are never "far above" anything. */
    @WithDefault("10")
    int volumeMinimumReads();

    /** Start of working hours on a working day of the calendar; a read before it is out of hours. */
    @WithDefault("08:30")
    LocalTime workStart();

    /** End of working hours; a read at or after it is out of hours. */
    @WithDefault("18:00")
    LocalTime workEnd();

    /** A Quarkus scheduler interval: how often due and overdue reviews are looked for. */
    @WithDefault("60s")
    String checkEvery();
}
