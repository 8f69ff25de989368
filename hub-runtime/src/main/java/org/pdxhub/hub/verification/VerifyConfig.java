package org.pdxhub.hub.verification;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/** 核验 (art. 18, 36): the limits of verification, per grant unless the provider set terms of its own. */
@ConfigMapping(prefix = "pdx.verify")
public interface VerifyConfig {

    /** The most records one call may carry. */
    @WithDefault("10000")
    int maxRecords();

    /** The most records one grant may have verified in a calendar day (node's zone). */
    @WithDefault("100000")
    int recordsPerDay();

    /** The most calls one grant may make in a minute. */
    @WithDefault("60")
    int callsPerMinute();

    /**
     * A demo node (pdx.demo) gives the human resources bureau a verification grant on the
     * population resource at start, so that the README's call answers; tests start without it.
     */
    @WithDefault("true")
    boolean demoGrant();

    /**
     * The node's secret for the keyed digests of verifiable items ({@code base64:} of at least 32
     * bytes; never in the store, never the usage-log key). Without it a demo node uses the demo
     * key and any other node refuses to start; the demo key outside the demo is refused too.
     */
    Optional<String> digestKey();

    /** When a grant's misses show guessing rather than checking what its holder knows. */
    Guessing guessing();

    interface Guessing {

        /** Share of records missed (mismatch, or a key not held) over the window at which calls are refused. */
        @WithDefault("0.5")
        double threshold();

        /** The window the share is taken over; a refusal lasts until the misses fall out of it. */
        @WithDefault("PT1H")
        Duration window();

        /** Fewer records than this in the window are never taken as guessing. */
        @WithDefault("50")
        int minRecords();
    }
}
