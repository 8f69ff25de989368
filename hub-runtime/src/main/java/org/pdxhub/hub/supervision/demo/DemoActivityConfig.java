package org.pdxhub.hub.supervision.demo;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Generated activity for a demo node (pdx.demo=true only), so that its first report has figures and charts. */
@ConfigMapping(prefix = "pdx.supervision.demo-activity")
public interface DemoActivityConfig {

    /** Seed a fresh demo node's store at start; ignored unless pdx.demo is true. */
    @WithDefault("true")
    boolean enabled();

    /** Full months of activity before the current one. */
    @WithDefault("4")
    int months();
}
