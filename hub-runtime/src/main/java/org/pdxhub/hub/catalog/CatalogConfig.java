package org.pdxhub.hub.catalog;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How the catalog treats changes of published resources. */
@ConfigMapping(prefix = "pdx.catalog")
public interface CatalogConfig {

    /**
     * False (the default): only a downgrade of the share or open type waits for review
     * (art. 16, 24); other changes publish the next version at once. True: every change waits,
     * for an agency that reads art. 8 as reviewing every update before publication.
     */
    @WithDefault("false")
    boolean reviewAllChanges();
}
