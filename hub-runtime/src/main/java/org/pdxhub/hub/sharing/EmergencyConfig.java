package org.pdxhub.hub.sharing;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How often the hub looks for emergency grants whose period has ended (art. 38). */
@ConfigMapping(prefix = "pdx.emergency")
public interface EmergencyConfig {

    /** A Quarkus scheduler interval, e.g. {@code 60s} or {@code 5m}: the longest a sealing record waits after a grant ends. */
    @WithDefault("60s")
    String checkEvery();
}
