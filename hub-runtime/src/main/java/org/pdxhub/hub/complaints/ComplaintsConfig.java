package org.pdxhub.hub.complaints;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Complaints (投诉, art. 44): how long the responsible organisation has, and how often lateness is looked for. */
@ConfigMapping(prefix = "pdx.complaints")
public interface ComplaintsConfig {

    /**
     * Working days the responsible organisation has to answer. The measures say "in good time"
     * (及时); this is the hub's default, so that a complaint has a date and can be late.
     */
    @WithDefault("10")
    int answerDays();

    /** A Quarkus scheduler interval: how often late complaints are escalated to the agency. */
    @WithDefault("60s")
    String checkEvery();
}
