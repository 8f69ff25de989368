package org.pdxhub.hub.canary;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Canary records (溯源标记) in share reads of personal data, so that a leaked extract names its grant. */
@ConfigMapping(prefix = "pdx.canary")
public interface CanaryConfig {

    /**
     * Whether share reads of a resource with personal items carry canaries: a node opts in, as its
     * grant holders' extracts then hold records that are not in its datasets (counts differ by them).
     */
    @WithDefault("false")
    boolean enabled();

    /** How many canaries each grant's extract carries. */
    @WithDefault("2")
    int perGrant();
}
