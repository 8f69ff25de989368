package org.pdxhub.hub.exchange;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** How landing waits for a store that cannot be written (a full disk, a lost database). */
@ConfigMapping(prefix = "pdx.landing")
public interface LandingConfig {

    /** The first wait before landing a message again after the store failed. */
    @WithDefault("500ms")
    Duration retryFirst();

    /**
     * Consumers landing the aggregation queue side by side. Versions of one record keep their order
     * (message groups by resource and key, and a record is replaced only by a later gate passage's).
     */
    @WithDefault("4")
    int consumers();

    /** The longest wait between tries (the wait doubles up to this): once the store is back, landing resumes within it. */
    @WithDefault("10s")
    Duration retryMax();
}
